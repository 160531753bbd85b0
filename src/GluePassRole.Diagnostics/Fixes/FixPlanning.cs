using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Fixes;

/// <summary>What planning and verifying a fix share: the context the fix is judged under, and the policies with it applied.</summary>
internal static class FixPlanning
{
    /// <summary>
    /// The context a fix is planned and verified under: the evaluation context, except that when only MFA guardrails deny,
    /// MFA is assumed present — the field note's second simulation — because the user's fix for those is to sign in with MFA.
    /// </summary>
    public static RequestContext ContextFor(InvestigationContext context, EvaluationResult evaluation)
    {
        var onlyMfaDenies = evaluation.Decision == Decision.ExplicitDeny
            && evaluation.DecidingStatements.All(d => d.Statement.Conditions.Any(c =>
                string.Equals(c.Key, ContextVariants.MultiFactorAuthPresentKey, StringComparison.OrdinalIgnoreCase)));
        return onlyMfaDenies
            ? context.EvaluationContext.With(ContextVariants.MultiFactorAuthPresentKey, "true")
            : context.EvaluationContext;
    }

    /// <summary>The principal's policies with the fix added as an inline policy of its target.</summary>
    public static PolicySet WithFix(PolicySet policies, ProposedFix fix)
    {
        var kind = fix.Target.Type switch
        {
            FixTargetType.Group => PolicySourceKind.GroupInline,
            FixTargetType.User => PolicySourceKind.UserInline,
            _ => PolicySourceKind.RoleInline,
        };
        var sourced = new SourcedPolicy(fix.Document, new PolicySource(kind, fix.PolicyName) { AttachedTo = fix.Target.Name });
        return policies with { IdentityPolicies = [.. policies.IdentityPolicies, sourced] };
    }

    /// <summary>The exact AWS CLI command that attaches <paramref name="document"/> as an inline policy.</summary>
    public static string Command(FixTarget target, string policyName, PolicyDocument document)
    {
        var (verb, nameOption) = target.Type switch
        {
            FixTargetType.Group => ("put-group-policy", "--group-name"),
            FixTargetType.User => ("put-user-policy", "--user-name"),
            _ => ("put-role-policy", "--role-name"),
        };

        // IAM names allow no quote characters, and the compact JSON holds no single quote, so single-quoting is safe.
        return $"aws iam {verb} {nameOption} {target.Name} --policy-name {policyName} --policy-document '{document.ToJson(indented: false)}'";
    }
}
