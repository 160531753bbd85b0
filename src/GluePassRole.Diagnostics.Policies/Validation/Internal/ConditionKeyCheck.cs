using GluePassRole.Diagnostics.Policies.Actions;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Validation.Internal;

/// <summary>
/// Condition keys checked against the Service Authorization Reference: keys AWS does not define, and keys
/// <c>iam:PassRole</c> does not support in statements where no other covered action could use them.
/// </summary>
/// <remarks>
/// <para>
/// Keys whose prefix is a host name (<c>token.actions.githubusercontent.com:sub</c>, <c>accounts.google.com:aud</c>,
/// <c>oidc.eks.….amazonaws.com/id/…:sub</c>) are the OIDC and web identity provider keys of role trust policies (IAM User
/// Guide, reference_policies_iam-condition-keys, "Available keys for AWS OIDC federation"); the reference does not list
/// them, so they are not reported as unknown.
/// </para>
/// <para>
/// Service Authorization Reference, IAM: iam:PassRole supports <c>iam:AssociatedResourceArn</c> and
/// <c>iam:PassedToService</c>; global keys apply to every action.
/// </para>
/// </remarks>
internal static class ConditionKeyCheck
{
    public static IEnumerable<PolicyFinding> Run(ValidationContext context)
    {
        ServiceAuthorizationReference.TryGetAction(LeastPrivilegeStatementBuilder.PassRoleAction, out var passRole);
        for (var i = 0; i < context.Document.Statements.Count; i++)
        {
            var statement = context.Document.Statements[i];
            foreach (var condition in statement.Conditions)
            {
                var key = condition.Key;
                var colon = key.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && key.AsSpan(0, colon).IndexOfAny('.', '/') >= 0)
                {
                    continue;
                }

                if (!ServiceAuthorizationReference.IsKnownConditionKey(key))
                {
                    yield return context.Finding(
                        PolicyRules.UnknownConditionKey,
                        $"Statement {statement.Label(i)}: no service and no global condition key is named '{key}'.",
                        context.ConditionPath(i, condition),
                        i,
                        "Condition");
                }
                else if (passRole is not null && !passRole.SupportsConditionKey(key) && OnlyPassRoleCouldUse(statement, key))
                {
                    yield return context.Finding(
                        PolicyRules.UnsupportedPassRoleConditionKey,
                        $"Statement {statement.Label(i)} covers iam:PassRole, which does not support the condition key '{key}', and no other action it names does either.",
                        context.ConditionPath(i, condition),
                        i,
                        "Condition");
                }
            }
        }
    }

    /// <summary>
    /// Whether the statement's <c>Action</c> covers iam:PassRole and none of the other actions it covers supports
    /// <paramref name="key"/> (then the condition can only have been meant for PassRole). NotAction statements are not judged.
    /// </summary>
    private static bool OnlyPassRoleCouldUse(PolicyStatement statement, string key)
    {
        if (statement.Action is not { } actions
            || !actions.Any(a => ActionPattern.Create(a).IsMatch(LeastPrivilegeStatementBuilder.PassRoleAction)))
        {
            return false;
        }

        return !actions.SelectMany(ServiceAuthorizationReference.MatchActions)
            .Any(a => !string.Equals(a.FullName, LeastPrivilegeStatementBuilder.PassRoleAction, StringComparison.OrdinalIgnoreCase)
                && a.SupportsConditionKey(key));
    }
}
