using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// What the statements of a decision read, so the audit can share one request, or one set of circumstance classes,
/// between the pairs of a principal when the answer cannot differ between them.
/// </summary>
internal static class RoleKeys
{
    private const string AwsPrefix = "aws:ResourceTag/";
    private const string IamPrefix = "iam:ResourceTag/";

    /// <summary>Every statement of every policy of the set (identity, boundary, session, resource, SCPs, RCPs).</summary>
    public static IEnumerable<PolicyStatement> Statements(PolicySet policies)
    {
        IEnumerable<SourcedPolicy?> all = [
            .. policies.IdentityPolicies,
            policies.PermissionsBoundary,
            policies.SessionPolicy,
            policies.ResourcePolicy,
            .. (policies.ServiceControlPolicies ?? []).SelectMany(level => level),
            .. (policies.ResourceControlPolicies ?? []).SelectMany(level => level),
        ];
        return all.OfType<SourcedPolicy>().SelectMany(p => p.Document.Statements);
    }

    /// <summary>
    /// Whether a statement reads the tags of the role it is decided on (<c>aws:ResourceTag/*</c>, <c>iam:ResourceTag/*</c>),
    /// as a condition key or through a policy variable in a condition value or a resource. Conservative: any mention counts.
    /// </summary>
    public static bool ReadsRoleTags(IEnumerable<PolicyStatement> statements) => statements.Any(statement =>
        statement.Conditions.Any(c => MentionsTag(c.Key) || c.Values.Any(v => v is not null && MentionsTag(v)))
        || (statement.Resource ?? []).Any(MentionsTag)
        || (statement.NotResource ?? []).Any(MentionsTag));

    /// <summary>Whether a statement has a condition on a circumstance (otherwise every request it decides has one decision).</summary>
    public static bool UsesCircumstances(IEnumerable<PolicyStatement> statements, Func<string, bool> isCircumstance) =>
        statements.Any(statement => statement.Conditions.Any(c => isCircumstance(c.Key)));

    /// <summary>Whether a condition on a circumstance key compares it with a policy variable (its classes then depend on the request).</summary>
    public static bool HasVariablesOnCircumstances(IEnumerable<PolicyStatement> statements, Func<string, bool> isCircumstance) => statements.Any(statement =>
        statement.Conditions.Any(c => isCircumstance(c.Key) && c.Values.Any(v => v is not null && v.Contains("${", StringComparison.Ordinal))));

    /// <summary>Whether <paramref name="key"/> is a tag key of the resource (<c>aws:ResourceTag/*</c>, <c>iam:ResourceTag/*</c>).</summary>
    public static bool IsRoleTagKey(string key) =>
        key.StartsWith(AwsPrefix, StringComparison.OrdinalIgnoreCase) || key.StartsWith(IamPrefix, StringComparison.OrdinalIgnoreCase);

    private static bool MentionsTag(string text) => text.Contains("ResourceTag/", StringComparison.OrdinalIgnoreCase);
}
