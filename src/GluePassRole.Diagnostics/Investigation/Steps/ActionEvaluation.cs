using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// evaluate-passrole for an error that denies another action: that action on that resource, for the error's principal (a
/// role session as its role's session: the role's identity policies, boundary, SCPs and session keys), as the request
/// builder builds it, under the MFA variants and the circumstances, reconciled with the error's stated reason as for
/// <c>iam:PassRole</c>. Writes the same facts, so the cause, the fix and its verification follow from them.
/// </summary>
internal static class ActionEvaluation
{
    public static StepResult Run(InvestigationContext context, InvestigatedAction investigated)
    {
        var title = $"{investigated.Action} evaluation";
        if (context.Get(InvestigationFacts.Policies) is not { } policies || policies.PrincipalStatus != SourceResultStatus.Found)
        {
            return RequestEvaluation.PoliciesNotKnown(context, title);
        }

        if (investigated.Resource is not { } resource)
        {
            // A statement scoped to resources cannot be matched without the resource: no decision is better than a guessed one.
            return StepResult.Incomplete(context, new Finding(
                FindingCodes.UnreadableData,
                FindingSeverity.Warning,
                $"The error names no resource for {investigated.Action} (some services leave it out, or say 'on this resource'), so the request cannot be evaluated as AWS did: a statement scoped to resources matches only the resource it names. The decision is unknown.")
            {
                Evidence = [new Evidence { Actual = [investigated.Action], Note = "the error's action, with no resource" }],
            }) with
            {
                Check = new InvestigationCheck(title, CheckOutcome.Unknown, $"Not evaluated: the error names no resource for {investigated.Action}."),
            };
        }

        var caller = RequestCaller.From(policies);
        var built = context.Requests().Call(caller, investigated.Action, resource);
        var who = policies.Principal.Kind == PrincipalKind.AssumedRole && policies.Principal.IamArn is { } roleArn ? $" as a session of {roleArn}" : string.Empty;
        return RequestEvaluation.Evaluate(context, policies, built, title, $" on {resource}{who} with ", []);
    }
}
