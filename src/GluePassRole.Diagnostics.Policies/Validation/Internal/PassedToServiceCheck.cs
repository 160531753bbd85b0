using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Building.Internal;

namespace GluePassRole.Diagnostics.Policies.Validation.Internal;

/// <summary>
/// <c>iam:PassedToService</c> values that are not service principals (<c>glue</c>, <c>arn:…</c>, <c>Glue.amazonaws.com</c>),
/// in every policy type: such a value never equals the request's, so the statement silently does nothing (or, negated,
/// always applies).
/// </summary>
/// <remarks>
/// The key's value is the service principal the role is passed to (IAM User Guide, id_roles_use_passrole;
/// reference_policies_iam-condition-keys, iam:PassedToService); service principals are lower-case
/// <c>service.amazonaws.com</c> names (reference_policies_elements_principal, "AWS service principals"), checked by
/// <see cref="IamSyntax.CheckServicePrincipal"/>. Under a Like operator a value with <c>*</c> or <c>?</c> is a pattern
/// and is left to the PassRole checks.
/// </remarks>
internal static class PassedToServiceCheck
{
    public static IEnumerable<PolicyFinding> Run(ValidationContext context)
    {
        for (var i = 0; i < context.Document.Statements.Count; i++)
        {
            var statement = context.Document.Statements[i];
            foreach (var condition in statement.Conditions)
            {
                if (!string.Equals(condition.Key, LeastPrivilegeStatementBuilder.PassedToServiceKey, StringComparison.OrdinalIgnoreCase)
                    || condition.Operator.Kind == ConditionOperatorKind.Null)
                {
                    continue;
                }

                var like = condition.Operator.Kind is ConditionOperatorKind.StringLike or ConditionOperatorKind.StringNotLike;
                for (var v = 0; v < condition.Values.Count; v++)
                {
                    var value = condition.Values[v];
                    if (like && value.AsSpan().IndexOfAny('*', '?') >= 0)
                    {
                        continue;
                    }

                    if (IamSyntax.CheckServicePrincipal(value) is { } problem)
                    {
                        yield return context.Finding(
                            PolicyRules.PassedToServiceNotServicePrincipal,
                            $"Statement {statement.Label(i)}: {problem}",
                            context.ItemPath(context.ConditionPath(i, condition), v, condition.Values.Count),
                            i,
                            "Condition");
                    }
                }
            }
        }
    }
}
