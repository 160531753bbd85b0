using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Policies.Validation.Internal;

/// <summary>
/// A Deny with <c>NotPrincipal</c> in a resource-based policy: valid, but AWS recommends <c>aws:PrincipalArn</c>
/// conditions instead (IAM User Guide, reference_policies_elements_notprincipal). NotPrincipal with Allow, or in other
/// types, is a grammar error and reported there.
/// </summary>
internal static class NotPrincipalCheck
{
    public static IEnumerable<PolicyFinding> Run(ValidationContext context)
    {
        if (context.Type != PolicyType.ResourceBased)
        {
            yield break;
        }

        for (var i = 0; i < context.Document.Statements.Count; i++)
        {
            var statement = context.Document.Statements[i];
            if (statement.NotPrincipal is not null && statement.Effect == Effect.Deny)
            {
                yield return context.Finding(
                    PolicyRules.NotPrincipalDiscouraged,
                    $"Statement {statement.Label(i)} denies everyone except {statement.NotPrincipal}; write it as \"Principal\": \"*\" with an ArnNotLike aws:PrincipalArn condition.",
                    JsonPath.Child(context.StatementPath(i), "NotPrincipal"),
                    i,
                    "NotPrincipal");
            }
        }
    }
}
