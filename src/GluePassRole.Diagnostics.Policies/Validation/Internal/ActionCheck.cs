using GluePassRole.Diagnostics.Policies.Actions;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Policies.Validation.Internal;

/// <summary>
/// Actions checked against the Service Authorization Reference (<see cref="ServiceAuthorizationReference"/>): actions
/// and patterns that match nothing it defines, and allowed actions that are authorized on <c>"*"</c> only but granted
/// on ARNs.
/// </summary>
/// <remarks>
/// Service Authorization Reference, "Actions, resources, and condition keys for AWS services": an action whose
/// "Resource types" column is empty supports no resource-level permissions, so a policy grants it with
/// <c>"Resource": "*"</c> (e.g. glue:CreateDevEndpoint; glue:CreateJob has the <c>job</c> resource type).
/// </remarks>
internal static class ActionCheck
{
    public static IEnumerable<PolicyFinding> Run(ValidationContext context)
    {
        for (var i = 0; i < context.Document.Statements.Count; i++)
        {
            var statement = context.Document.Statements[i];
            var path = context.StatementPath(i);
            foreach (var (element, actions) in new[] { ("Action", statement.Action), ("NotAction", statement.NotAction) })
            {
                for (var a = 0; actions is not null && a < actions.Count; a++)
                {
                    var itemPath = context.ItemPath(JsonPath.Child(path, element), a, actions.Count);
                    if (Unknown(actions[a]) is { } problem)
                    {
                        yield return context.Finding(PolicyRules.UnknownAction, $"Statement {statement.Label(i)}: {problem}", itemPath, i, element);
                    }
                    else if (element == "Action" && GrantsOnlyOnArns(context.Type, statement)
                        && ServiceAuthorizationReference.TryGetAction(actions[a], out var info) && info.AuthorizedOnWildcardOnly)
                    {
                        yield return context.Finding(
                            PolicyRules.ActionNeedsWildcardResource,
                            $"Statement {statement.Label(i)} allows {info.FullName}, which is authorized on \"*\" only, but its Resource lists only ARNs, so it never applies to {info.FullName}.",
                            itemPath,
                            i,
                            element);
                    }
                }
            }
        }
    }

    /// <summary>Why an action pattern matches no defined action, or <see langword="null"/> when it matches one.</summary>
    private static string? Unknown(string action)
    {
        if (action == "*")
        {
            return null;
        }

        var colon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == action.Length - 1)
        {
            return $"'{action}' is not of the form service:action.";
        }

        var prefix = action[..colon];
        var wildcards = action.AsSpan().IndexOfAny('*', '?') >= 0;
        if (prefix.AsSpan().IndexOfAny('*', '?') < 0 && !ServiceAuthorizationReference.IsKnownService(prefix))
        {
            return $"'{action}': no service has the prefix '{prefix}'.";
        }

        if (!wildcards)
        {
            return ServiceAuthorizationReference.TryGetAction(action, out _) ? null : $"'{action}': the service '{prefix}' has no action '{action[(colon + 1)..]}'.";
        }

        return ServiceAuthorizationReference.MatchActions(action).Count > 0 ? null : $"'{action}' matches no action.";
    }

    /// <summary>An Allow that can grant (identity, boundary, session, SCP) and whose Resource names no <c>"*"</c>.</summary>
    private static bool GrantsOnlyOnArns(PolicyType type, PolicyStatement statement) =>
        statement.Effect == Effect.Allow
        && type is PolicyType.IdentityBased or PolicyType.PermissionsBoundary or PolicyType.SessionPolicy or PolicyType.ServiceControlPolicy
        && statement.Resource is { } resources
        && !resources.Contains("*");
}
