using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Internal;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>Step 1: reads principal, role and reason from the AccessDenied text; explicit request values win.</summary>
internal sealed class ParseErrorStep : IInvestigationStep
{
    public string Name => InvestigationSteps.ParseError;

    public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var principal = request.Principal;
        var role = request.Role;
        AccessDeniedMessage? error = null;
        var findings = new List<Finding>();

        if (request.ErrorText is { } text)
        {
            if (AccessDeniedMessage.TryParse(text, out error))
            {
                principal ??= error!.Principal;
                role ??= error.PassedRoleArn;
                if (!error.IsPassRole)
                {
                    findings.Add(new Finding(
                        FindingCodes.ErrorReasonMismatch,
                        FindingSeverity.Warning,
                        $"The error denies {error.Action}{(error.Resource is null ? string.Empty : " on " + error.Resource)}, not iam:PassRole on a role; the investigation checks iam:PassRole as asked."));
                }
            }
            else
            {
                findings.Add(new Finding(
                    FindingCodes.NotAccessDenied,
                    FindingSeverity.Error,
                    "The error text is not an AccessDenied message: expected 'User: <principal ARN> is not authorized to perform: <action> ...'."));
            }
        }

        var updated = context with
        {
            Error = error,
            Principal = principal,
            RoleReference = role,
            Account = error?.Account ?? (principal is null ? null : PrincipalArn.Parse(principal).Account),
        };

        if (principal is null || (role is null && request.GlueJobName is null))
        {
            findings.Add(new Finding(
                FindingCodes.NotFound,
                FindingSeverity.Error,
                "The investigation needs a principal and a role (or a Glue job): give the AccessDenied text, or --principal with --role or --job."));
            return ValueTask.FromResult(new StepResult(StepOutcome.Failed, updated) { Findings = findings });
        }

        return ValueTask.FromResult(new StepResult(findings.Any(f => f.Severity == FindingSeverity.Error) ? StepOutcome.Failed : StepOutcome.Completed, updated)
        {
            Findings = findings,
        });
    }
}
