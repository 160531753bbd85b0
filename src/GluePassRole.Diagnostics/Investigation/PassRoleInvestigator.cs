using GluePassRole.Diagnostics.Internal;
using GluePassRole.Diagnostics.Policies.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluePassRole.Diagnostics.Investigation;

/// <summary>Runs the registered steps in order and assembles the report.</summary>
internal sealed class PassRoleInvestigator(
    IServiceProvider services,
    InvestigationStepRegistry registry,
    TimeProvider? timeProvider = null,
    ILogger<PassRoleInvestigator>? logger = null) : IPassRoleInvestigator
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<PassRoleInvestigator>.Instance;

    public async ValueTask<PassRoleReport> InvestigateAsync(PassRoleInvestigationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Service, nameof(request));
        Log.InvestigationStarting(_logger, request.Principal, request.Role, request.Service);

        var context = new InvestigationContext { Request = request, Service = request.Service };
        var records = new List<StepRecord>();
        foreach (var type in registry.StepTypes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = (IInvestigationStep)services.GetRequiredService(type);
            var started = _time.GetTimestamp();
            var result = await step.RunAsync(context, cancellationToken).ConfigureAwait(false);
            var elapsed = _time.GetElapsedTime(started);

            var stamped = result.Findings.Select(f => f with { Step = f.Step ?? step.Name }).ToList();
            context = result.Context with { Findings = [.. context.Findings, .. stamped] };
            records.Add(new StepRecord(step.Name, result.Outcome, elapsed) { Note = result.Note });
            Log.StepCompleted(_logger, step.Name, result.Outcome, elapsed, stamped.Count);
        }

        var report = ReportFrom(context, records);
        Log.InvestigationCompleted(_logger, report.Principal, report.Role, report.Decision, report.Cause);
        return report;
    }

    private static PassRoleReport ReportFrom(InvestigationContext context, List<StepRecord> records)
    {
        var (decision, cause) = Verdict(context);
        return new PassRoleReport
        {
            Decision = decision,
            Cause = cause,
            Principal = context.Principal,
            Role = context.RoleArn ?? context.RoleReference,
            Service = context.Service,
            Account = context.Account,
            GlueJob = context.Job?.Name ?? context.Request.GlueJobName,
            Blockers = context.Blockers,
            Findings = context.Findings,
            Evaluation = context.Evaluation,
            MfaVariants = context.MfaVariants,
            Fix = context.Fix,
            Verification = context.Verification,
            Steps = records,
        };
    }

    /// <summary>
    /// An explicit deny read from the account is certain. Anything else is only as good as the data: when identity,
    /// boundary or session policies could not be read, the verdict is Unknown — unknown is never reported as a deny.
    /// SCPs a member account cannot read are noted as findings but do not make the verdict unknown.
    /// </summary>
    private static (Decision Decision, InvestigationCause Cause) Verdict(InvestigationContext context)
    {
        if (context.Evaluation is not { } evaluation)
        {
            return (Decision.Unknown, InvestigationCause.Incomplete);
        }

        if (evaluation.Decision == Decision.ExplicitDeny)
        {
            return (Decision.ExplicitDeny, InvestigationCause.ExplicitDeny);
        }

        var gaps = context.Policies?.Gaps.Where(g => g.PolicyType is not PolicyType.ServiceControlPolicy and not PolicyType.ResourceControlPolicy) ?? [];
        if (gaps.Any())
        {
            return (Decision.Unknown, InvestigationCause.Incomplete);
        }

        return evaluation.Decision == Decision.Allowed
            ? (Decision.Allowed, InvestigationCause.Allowed)
            : (Decision.ImplicitDeny, InvestigationCause.NoAllow);
    }
}
