using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Fixes;

/// <summary>What planning and verifying a fix share: the context the fix is judged under, and the fix as a what-if.</summary>
internal static class FixPlanning
{
    /// <summary>
    /// The context a fix is planned and verified under: the evaluation context, except that when only MFA guardrails deny,
    /// MFA is assumed present — the field note's second simulation — because the user's fix for those is to sign in with MFA.
    /// </summary>
    public static RequestContext ContextFor(RequestContext evaluationContext, EvaluationResult evaluation)
    {
        var onlyMfaDenies = evaluation.Decision == Decision.ExplicitDeny
            && evaluation.DecidingStatements.All(d => d.Statement.Conditions.Any(c =>
                string.Equals(c.Key, ContextVariants.MultiFactorAuthPresentKey, StringComparison.OrdinalIgnoreCase)));
        return onlyMfaDenies
            ? evaluationContext.With(ContextVariants.MultiFactorAuthPresentKey, "true")
            : evaluationContext;
    }

    /// <summary>The principal's compiled policies with the fix added as an inline policy of its target: only the fix is compiled.</summary>
    public static CompiledPolicySet WithFix(CompiledPolicySet policies, ProposedFix fix)
    {
        var kind = fix.Target.Type switch
        {
            FixTargetType.Group => PolicySourceKind.GroupInline,
            FixTargetType.User => PolicySourceKind.UserInline,
            _ => PolicySourceKind.RoleInline,
        };
        return policies.WithIdentityPolicy(new SourcedPolicy(fix.Document, new PolicySource(kind, fix.PolicyName) { AttachedTo = fix.Target.Name }));
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

/// <summary>How the investigation reads an evaluation: shared by classifying the cause and planning the fix (no step calls another).</summary>
internal static class EvaluationReading
{
    /// <summary>
    /// An allow that would apply but for one element: the resource (with every condition holding), or a condition. An
    /// allow for another service (AWSGlueConsoleFullAccess's notebook-role statement is for ec2) is not a near miss.
    /// </summary>
    public static bool IsNearMiss(StatementMiss miss) =>
        miss.Statement.Effect == Effect.Allow
        && (miss.FailedElement == StatementElement.Condition
            || (miss.FailedElement == StatementElement.Resource && miss.Conditions.All(c => c.IsSatisfied)));

    /// <summary>A deny conditioned on MFA: the force-MFA guardrail's shape.</summary>
    public static bool IsMfaGuardrail(PolicyStatement statement) =>
        statement.Effect == Effect.Deny
        && statement.Conditions.Any(c => string.Equals(c.Key, "aws:MultiFactorAuthPresent", StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.Key, "aws:MultiFactorAuthAge", StringComparison.OrdinalIgnoreCase));

    /// <summary>Where a policy is attached, for a sentence: " (group GlueAccess)".</summary>
    public static string Attached(PolicySource source) => source.AttachedTo is { } target
        ? source.Kind switch
        {
            PolicySourceKind.GroupInline or PolicySourceKind.GroupManaged => $" (group {target})",
            PolicySourceKind.UserInline or PolicySourceKind.UserManaged => $" (user {target})",
            PolicySourceKind.RoleInline or PolicySourceKind.RoleManaged => $" (role {target})",
            _ => $" ({target})",
        }
        : string.Empty;

    /// <summary>"statement X of Policy (group G)".</summary>
    public static string Describe(StatementMatch statement) =>
        $"statement {statement.StatementLabel} of {statement.Policy.Source.Name}{Attached(statement.Policy.Source)}";
}
