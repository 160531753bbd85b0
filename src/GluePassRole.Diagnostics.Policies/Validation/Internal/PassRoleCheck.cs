using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Policies.Validation.Internal;

/// <summary>
/// Broad <c>iam:PassRole</c> grants in identity-based policies, decided by <see cref="PassRoleAllowAnalysis"/> and
/// reported at the element that makes them broad. Other types do not grant: a boundary, session policy or SCP allow
/// only caps what identity policies grant, and roles have no resource-based policy for PassRole.
/// </summary>
/// <remarks>
/// Basis: IAM User Guide, id_roles_use_passrole (name role ARNs, limit iam:PassedToService); IAM Access Analyzer
/// policy checks, security warning "PassRole with star in resource"; reference_policies_elements_notaction and
/// _notresource (an Allow with NotAction/NotResource covers everything it does not list).
/// </remarks>
internal static class PassRoleCheck
{
    public static IEnumerable<PolicyFinding> Run(ValidationContext context)
    {
        if (context.Type != PolicyType.IdentityBased)
        {
            yield break;
        }

        for (var i = 0; i < context.Document.Statements.Count; i++)
        {
            var statement = context.Document.Statements[i];
            if (PassRoleAllowAnalysis.Analyze(statement, i) is not { } broad)
            {
                // Allows PassRole narrowly (or not at all); a NotAction allow is still worth a warning below.
                if (statement.Effect == Effect.Allow && statement.NotAction is not null && PassRoleAllowAnalysis.CoveringAction(statement) is not null)
                {
                    yield return ViaNotAction(context, statement, i);
                }

                continue;
            }

            var path = context.StatementPath(i);
            if (statement.NotAction is not null)
            {
                yield return ViaNotAction(context, statement, i);
            }

            if ((broad.Reasons & BroadPassRoleReasons.AnyRole) != 0)
            {
                if (statement.Resource is { } resources && PassRoleAllowAnalysis.BroadResourceIndex(resources) is int r)
                {
                    yield return context.Finding(
                        PolicyRules.PassRoleOnAnyRole,
                        $"Statement {statement.Label(i)} allows iam:PassRole (via '{broad.CoveringAction}') on Resource \"{resources[r]}\", which covers every role.",
                        context.ItemPath(JsonPath.Child(path, "Resource"), r, resources.Count),
                        i,
                        "Resource");
                }
                else if (statement.NotResource is { } notResources)
                {
                    yield return context.Finding(
                        PolicyRules.PassRoleViaNotResource,
                        $"Statement {statement.Label(i)} allows iam:PassRole (via '{broad.CoveringAction}') on everything but NotResource [{string.Join(", ", notResources)}], which leaves roles covered.",
                        JsonPath.Child(path, "NotResource"),
                        i,
                        "NotResource");
                }
            }

            if ((broad.Reasons & BroadPassRoleReasons.AnyService) != 0)
            {
                var hasCondition = statement.Conditions.Count > 0;
                yield return context.Finding(
                    PolicyRules.PassRoleWithoutPassedToService,
                    $"Statement {statement.Label(i)} allows iam:PassRole (via '{broad.CoveringAction}') with no condition that limits {LeastPrivilegeStatementBuilder.PassedToServiceKey}, so the role can be passed to any service.",
                    hasCondition ? JsonPath.Child(path, "Condition") : path,
                    i,
                    "Condition");
            }
        }
    }

    private static PolicyFinding ViaNotAction(ValidationContext context, PolicyStatement statement, int index) => context.Finding(
        PolicyRules.PassRoleViaNotAction,
        $"Statement {statement.Label(index)} allows every action except [{string.Join(", ", statement.NotAction!)}], which includes iam:PassRole.",
        JsonPath.Child(context.StatementPath(index), "NotAction"),
        index,
        "NotAction");
}
