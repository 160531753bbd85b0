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
    public static RequestContext ContextFor(RequestContext evaluationContext, EvaluationResult evaluation, RequestContext? pinned = null)
    {
        // A value the caller pinned (--mfa, --context) is the circumstance asked about: the fix is judged under it too.
        if (pinned?.ContainsKey(ContextVariants.MultiFactorAuthPresentKey) == true)
        {
            return evaluationContext;
        }

        var onlyMfaDenies = evaluation.Decision == Decision.ExplicitDeny
            && evaluation.DecidingStatements.All(d => d.Statement.Conditions.Any(c =>
                string.Equals(c.Key, ContextVariants.MultiFactorAuthPresentKey, StringComparison.OrdinalIgnoreCase)));
        return onlyMfaDenies
            ? evaluationContext.With(ContextVariants.MultiFactorAuthPresentKey, "true")
            : evaluationContext;
    }

    /// <summary>
    /// The principal's compiled policies with the fix applied: an inline policy is added to its target; a boundary's new
    /// version replaces the boundary; a permission set's inline policy is added to the role it is provisioned to. Every
    /// required change that carries a document (a boundary's new version) is applied too. Only the changes are compiled.
    /// </summary>
    public static CompiledPolicySet WithFix(CompiledPolicySet policies, ProposedFix fix)
    {
        var applied = fix.Target.Type switch
        {
            FixTargetType.PermissionsBoundary => WithBoundary(policies, fix.Document, fix.Target),
            // Provisioning writes the permission set's inline policy onto the role: that is what is evaluated.
            FixTargetType.PermissionSet => policies.WithIdentityPolicy(new SourcedPolicy(fix.Document, new PolicySource(PolicySourceKind.RoleInline, $"{fix.PolicyName} (permission set {fix.Target.Name})"))),
            _ => policies.WithIdentityPolicy(new SourcedPolicy(fix.Document, new PolicySource(InlineKind(fix.Target.Type), fix.PolicyName) { AttachedTo = fix.Target.Name })),
        };
        foreach (var change in fix.AlsoRequired)
        {
            if (change is { Document: { } document, PolicyType: PolicyType.PermissionsBoundary })
            {
                applied = WithBoundary(applied, document, null);
            }
        }

        return applied;
    }

    /// <summary>Describes what the verification applied: "AllowPassEtlRuntimeToGlue on group GlueAccess", plus the required changes it included.</summary>
    public static string Applied(ProposedFix fix)
    {
        var main = fix.Target.Type is FixTargetType.PermissionsBoundary or FixTargetType.PermissionSet
            ? fix.Summary
            : $"{fix.PolicyName} on {fix.Target.Type.ToString().ToLowerInvariant()} {fix.Target.Name}";
        var boundary = fix.AlsoRequired.Any(c => c is { Document: not null, PolicyType: PolicyType.PermissionsBoundary });
        return boundary ? $"{main} and the permissions boundary's new version" : main;
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

        // IAM names allow no quote characters (IAM User Guide, IAM and AWS STS quotas: name requirements).
        return $"aws iam {verb} {nameOption} {target.Name} --policy-name {policyName} --policy-document {Quote(document)}";
    }

    /// <summary>The exact AWS CLI command that makes <paramref name="document"/> the new default version of a managed policy.</summary>
    public static string PolicyVersionCommand(string policyArn, PolicyDocument document) =>
        $"aws iam create-policy-version --policy-arn {policyArn} --policy-document {Quote(document)} --set-as-default";

    /// <summary>
    /// <paramref name="document"/> with <paramref name="statement"/> added (replacing a statement with the same Sid: Sids
    /// are unique within an IAM policy) and <c>Version</c> 2012-10-17 when it had none.
    /// </summary>
    public static PolicyDocument WithStatement(PolicyDocument document, PolicyStatement statement) => document with
    {
        Version = document.Version ?? PolicyDocument.Version2012,
        Statements = [.. document.Statements.Where(s => statement.Sid is null || !string.Equals(s.Sid, statement.Sid, StringComparison.Ordinal)), statement],
    };

    /// <summary>The compact JSON of a document, single-quoted for a POSIX shell (a quote inside becomes <c>'\''</c>).</summary>
    public static string Quote(PolicyDocument document) => $"'{document.ToJson(indented: false).Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static PolicySourceKind InlineKind(FixTargetType type) => type switch
    {
        FixTargetType.Group => PolicySourceKind.GroupInline,
        FixTargetType.User => PolicySourceKind.UserInline,
        _ => PolicySourceKind.RoleInline,
    };

    /// <summary>The set with its boundary replaced by <paramref name="document"/>, keeping the current boundary's name, ARN and owner.</summary>
    private static CompiledPolicySet WithBoundary(CompiledPolicySet policies, PolicyDocument document, FixTarget? target)
    {
        var source = policies.Policies.PermissionsBoundary?.Source
            ?? new PolicySource(PolicySourceKind.PermissionsBoundary, target?.Name ?? "permissions boundary") { Arn = target?.Arn };
        return policies.WithPermissionsBoundary(new SourcedPolicy(document, source));
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
