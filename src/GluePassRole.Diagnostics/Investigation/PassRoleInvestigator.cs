using GluePassRole.Diagnostics.Internal;
using GluePassRole.Diagnostics.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GluePassRole.Diagnostics.Investigation;

/// <summary>
/// The investigator hosts resolve: one scope per investigation, so steps may have any lifetime (a scoped step gets its
/// own instances per investigation). The steps themselves are injected into <see cref="InvestigationRun"/>.
/// </summary>
internal sealed class PassRoleInvestigator : IPassRoleInvestigator
{
    private readonly IServiceScopeFactory _scopes;

    public PassRoleInvestigator(IServiceScopeFactory scopes, InvestigationPipeline pipeline)
    {
        _scopes = scopes;
        pipeline.Freeze();
    }

    public async ValueTask<PassRoleReport> InvestigateAsync(PassRoleInvestigationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Service, nameof(request));
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<InvestigationRun>().RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>One investigation: the registered steps, injected once, run in the pipeline's order within the time budget.</summary>
internal sealed class InvestigationRun(
    IEnumerable<IInvestigationStep> steps,
    IEnumerable<IInvestigationObserver> observers,
    InvestigationPipeline pipeline,
    IOptions<PassRoleDiagnosticsOptions> options,
    TimeProvider? timeProvider = null,
    ILogger<PassRoleInvestigator>? logger = null)
{
    private readonly IReadOnlyList<IInvestigationStep> _steps = pipeline.Order(steps);
    private readonly IReadOnlyList<IInvestigationObserver> _observers = [.. observers];
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<PassRoleInvestigator>.Instance;

    public async ValueTask<PassRoleReport> RunAsync(PassRoleInvestigationRequest request, CancellationToken cancellationToken)
    {
        Log.InvestigationStarting(_logger, request.Principal, request.Role, request.Service);
        var budget = options.Value.Timeout;
        using var timeout = new CancellationTokenSource(budget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        var context = new InvestigationContext(request);
        var records = new List<StepRecord>();
        var checks = new List<InvestigationCheck>();
        foreach (var step in _steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var observer in _observers)
            {
                observer.OnStepStarting(step.Name);
            }

            var started = _time.GetTimestamp();
            StepResult result;
            if (timeout.IsCancellationRequested)
            {
                result = StepResult.Skipped(context, $"the investigation's time budget ({Durations.Text(budget)}) ran out");
            }
            else
            {
                try
                {
                    result = await step.RunAsync(context, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    result = StepResult.Incomplete(context, new Finding(
                        FindingCodes.UnreadableData,
                        FindingSeverity.Warning,
                        $"The investigation's time budget ({Durations.Text(budget)}) ran out during step {step.Name}: what it reads was not read. Raise PassRoleDiagnosticsOptions.Timeout, or check the network to AWS."));
                }
            }

            var elapsed = _time.GetElapsedTime(started);
            EnsureDeclared(step, context, result.Context);
            var stamped = result.Findings.Select(f => f with { Step = f.Step ?? step.Name }).ToList();
            context = result.Context.WithFindings(stamped);
            if (result.Check is { } check)
            {
                checks.Add(check with { Step = check.Step ?? step.Name });
            }

            var record = new StepRecord(step.Name, result.Outcome, elapsed) { Note = result.Note };
            records.Add(record);
            Log.StepCompleted(_logger, step.Name, result.Outcome, elapsed, stamped.Count);
            foreach (var observer in _observers)
            {
                observer.OnStepCompleted(record);
            }
        }

        var report = PassRoleReportBuilder.Build(context, records, checks);
        Log.InvestigationCompleted(_logger, report.Principal, report.Role, report.Decision);
        return report;
    }

    /// <summary>A fact has one documented producer: a step that writes what it does not declare is a programming error.</summary>
    private static void EnsureDeclared(IInvestigationStep step, InvestigationContext before, InvestigationContext after)
    {
        var undeclared = after.ChangedSince(before).Where(name => step.Writes.All(key => key.Name != name)).ToList();
        if (undeclared.Count > 0)
        {
            throw new InvalidOperationException(
                $"Step '{step.Name}' wrote the fact(s) {string.Join(", ", undeclared)} without declaring them in {nameof(IInvestigationStep.Writes)}.");
        }
    }
}
