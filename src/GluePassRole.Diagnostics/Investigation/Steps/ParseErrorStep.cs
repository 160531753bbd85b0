using GluePassRole.Diagnostics.AccessDenied;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>Step 1: reads principal, role and reason from the AccessDenied text; explicit request values win. The principal is parsed here, once.</summary>
internal sealed class ParseErrorStep : IInvestigationStep
{
    public string Name => InvestigationSteps.ParseError;

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } =
        [InvestigationFacts.Error, InvestigationFacts.Principal, InvestigationFacts.Account, InvestigationFacts.RoleReference, InvestigationFacts.Action];

    public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var principalText = request.Principal;
        var role = request.Role;
        var findings = new List<Finding>();
        var updated = context;
        InvestigationCheck? check = null;

        if (request.ErrorText is { } text)
        {
            AccessDeniedMessage? error = null;
            AccessDeniedMessageFormatException? notParsed = null;
            try
            {
                error = AccessDeniedMessage.Parse(text);
            }
            catch (AccessDeniedMessageFormatException ex)
            {
                notParsed = ex;
            }

            if (error is not null)
            {
                updated = updated.With(InvestigationFacts.Error, error);
                principalText ??= error.Principal;
                role ??= error.PassedRoleArn;
                check = new InvestigationCheck(
                    "Error",
                    CheckOutcome.Passed,
                    $"{error.Principal} was denied {error.Action}{(error.Resource is null ? string.Empty : " on " + error.Resource)} ({ErrorAttribution.Reason(error)})."
                    + (error.Decoded is null ? string.Empty : " Read from the decoded authorization message: its request context is evaluated."));
                if (!error.IsPassRole && request.Role is null)
                {
                    // Another action, and no role asked about: that action is what was denied, so that is what is investigated
                    // (a Glue action of saving or running a job, or the job's role session at run time).
                    updated = updated.With(InvestigationFacts.Action, new InvestigatedAction(error.Action, error.Resource));
                }
                else if (!error.IsPassRole)
                {
                    findings.Add(new Finding(
                        FindingCodes.ErrorReasonMismatch,
                        FindingSeverity.Warning,
                        $"The error denies {error.Action}{(error.Resource is null ? string.Empty : " on " + error.Resource)}, not iam:PassRole on a role; the investigation checks iam:PassRole as asked.")
                    {
                        Evidence = [new Evidence { Expected = ["iam:PassRole"], Actual = [error.Action], Note = "the error's action" }],
                    });
                }
            }
            else if (notParsed is { Error: AccessDeniedMessageFormatError.EncodedMessageOnly, EncodedAuthorizationMessage: { } encoded })
            {
                // Only an encoded message: decoding it is the user's read-only call, and it names the principal, action and context.
                var command = AccessDeniedMessage.DecodeCommand(encoded);
                check = new InvestigationCheck("Error", CheckOutcome.Unknown, "The error holds only an encoded authorization failure message; decode it and investigate the decoded JSON.")
                {
                    Details = [command],
                };
                findings.Add(new Finding(
                    FindingCodes.EncodedAuthorizationMessage,
                    FindingSeverity.Error,
                    $"The error holds only an encoded authorization failure message. Decode it (needs {AccessDeniedMessage.DecodePermission}, read-only) and pass the output as the error: {command}")
                {
                    Evidence = [new Evidence { MissingPermission = AccessDeniedMessage.DecodePermission, Note = command }],
                });
            }
            else
            {
                check = new InvestigationCheck("Error", CheckOutcome.Failed, notParsed?.Message ?? "The text is not an AccessDenied message.");
                findings.Add(new Finding(
                    FindingCodes.NotAccessDenied,
                    FindingSeverity.Error,
                    notParsed?.Error is AccessDeniedMessageFormatError.NotAccessDenied or null
                        ? "The error text is not an AccessDenied message: expected 'User: <principal ARN> is not authorized to perform: <action> ...'."
                        : notParsed.Message));
            }
        }

        PrincipalArn? principal = null;
        if (principalText is not null && !PrincipalArn.TryParse(principalText, out principal))
        {
            findings.Add(new Finding(
                FindingCodes.NotFound,
                FindingSeverity.Error,
                $"'{principalText}' is not the ARN of an IAM user, role, assumed-role session or federated user.")
            {
                Evidence = [new Evidence { Actual = [principalText], Note = "the principal as given" }],
            });
        }

        if (principal is not null)
        {
            updated = updated.With(InvestigationFacts.Principal, principal);
        }

        if ((updated.Get(InvestigationFacts.Error)?.Account ?? principal?.Account) is { } account)
        {
            updated = updated.With(InvestigationFacts.Account, account);
        }

        if (role is not null)
        {
            updated = updated.With(InvestigationFacts.RoleReference, role);
        }

        if (principal is null || (role is null && request.GlueJobName is null && updated.ActionInvestigated is null))
        {
            findings.Add(new Finding(
                FindingCodes.NotFound,
                FindingSeverity.Error,
                "The investigation needs a principal and a role (or a Glue job): give the AccessDenied text, or --principal with --role or --job."));
            return ValueTask.FromResult(new StepResult(StepOutcome.Failed, updated) { Findings = findings, Check = check });
        }

        return ValueTask.FromResult(new StepResult(findings.Any(f => f.Severity == FindingSeverity.Error) ? StepOutcome.Failed : StepOutcome.Completed, updated)
        {
            Findings = findings,
            Check = check ?? new InvestigationCheck("Error", CheckOutcome.Skipped, $"No error text was given; investigating {principal} and {role ?? "the role of Glue job " + request.GlueJobName} as asked."),
        });
    }
}
