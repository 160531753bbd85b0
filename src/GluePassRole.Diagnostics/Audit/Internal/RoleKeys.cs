using System.Text.RegularExpressions;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// What the statements of a decision read, so the audit can share one request, or one set of circumstance classes,
/// between the pairs of a principal when the answer cannot differ between them.
/// </summary>
internal static partial class RoleKeys
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

    /// <summary>The resource tag keys the statements read, as condition keys or policy variables, in a stable order.</summary>
    public static IReadOnlyList<string> ReadTagKeys(IEnumerable<PolicyStatement> statements)
    {
        var keys = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in statements)
        {
            foreach (var condition in statement.Conditions)
            {
                if (IsRoleTagKey(condition.Key))
                {
                    keys.Add(condition.Key);
                }

                foreach (var value in condition.Values)
                {
                    AddVariables(keys, value);
                }
            }

            foreach (var resource in (statement.Resource ?? []).Concat(statement.NotResource ?? []))
            {
                AddVariables(keys, resource);
            }
        }

        return [.. keys];
    }

    /// <summary>
    /// The request with the role's tags as <c>aws:ResourceTag/*</c> and <c>iam:ResourceTag/*</c> (keys the request already
    /// carries, e.g. pinned by the caller, are kept): the request if AWS carried the role's tags, which it does not document.
    /// </summary>
    public static AuthorizationRequest WithRoleTags(AuthorizationRequest request, RoleTarget role)
    {
        if (role.Tags is not { Count: > 0 } tags)
        {
            return request;
        }

        var entries = new List<KeyValuePair<string, IReadOnlyList<string>>>(request.Context.Count + (2 * tags.Count));
        entries.AddRange(request.Context);
        foreach (var tag in tags)
        {
            foreach (var key in (string[])[AwsPrefix + tag.Key, IamPrefix + tag.Key])
            {
                if (!request.Context.ContainsKey(key))
                {
                    entries.Add(new(key, [tag.Value]));
                }
            }
        }

        return request with { Context = RequestContext.Create(entries) };
    }

    /// <summary>The role's value for a tag key read (<c>aws:ResourceTag/team</c>), or <see langword="null"/> when it has no such tag.</summary>
    public static string? TagValue(RoleTarget role, string key)
    {
        var name = key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];
        return role.Tags?.FirstOrDefault(t => string.Equals(t.Key, name, StringComparison.OrdinalIgnoreCase))?.Value;
    }

    private static void AddVariables(SortedSet<string> keys, string? text)
    {
        if (text is null || !text.Contains("${", StringComparison.Ordinal))
        {
            return;
        }

        foreach (Match match in TagVariable().Matches(text))
        {
            keys.Add(match.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"\$\{((?:aws|iam):ResourceTag/[^},]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TagVariable();

    private static bool MentionsTag(string text) => text.Contains("ResourceTag/", StringComparison.OrdinalIgnoreCase);
}
