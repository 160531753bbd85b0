using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Fixes;

/// <summary>
/// The ways past an explicit deny that the statement itself leaves open: resources its <c>NotResource</c> leaves out,
/// and requests its negated conditions exempt. No allow can override the deny (IAM User Guide, "Policy evaluation logic":
/// an explicit deny in any policy overrides any allow), so these, or a change to the statement, are the only ways out.
/// </summary>
internal static class DenyExceptions
{
    /// <summary>Sentences naming each way out of <paramref name="deny"/> for passing <paramref name="roleArn"/>, most practical first.</summary>
    public static IReadOnlyList<string> For(StatementMatch deny, string roleArn)
    {
        var ways = new List<string>();
        var role = ArnText.Resource(roleArn);
        var account = roleArn.Split(':') is { Length: > 4 } parts ? parts[4] : "<account>";
        foreach (var pattern in deny.Statement.NotResource ?? [])
        {
            var resource = ArnText.Resource(pattern);
            if (!resource.StartsWith("role/", StringComparison.Ordinal))
            {
                continue;
            }

            // A path pattern such as role/platform/*: the same role name under that path would be left out of the deny.
            var example = resource.EndsWith("/*", StringComparison.Ordinal) && resource.IndexOf('*', StringComparison.Ordinal) == resource.Length - 1
                ? $" (e.g. arn:aws:iam::{account}:{resource[..^1]}{ArnText.RoleName(roleArn)})"
                : string.Empty;
            ways.Add($"The deny leaves out roles matching {resource} (its NotResource): create a role there{example} with {role}'s trust and permissions, point the job at it, and allow passing that role instead; an IAM role cannot be moved to another path or renamed.");
        }

        foreach (var condition in deny.Statement.Conditions.Where(c => c.Operator.IsNegated))
        {
            var values = string.Join(", ", condition.Values);
            ways.Add(string.Equals(condition.Key, "aws:PrincipalArn", StringComparison.OrdinalIgnoreCase)
                ? $"The deny exempts principals matching {values} ({condition.Operator.Name} aws:PrincipalArn): one of them can pass the role, e.g. the platform team saving the job as that principal."
                : $"The deny does not apply when {condition.Key} matches {values} ({condition.Operator.Name}).");
        }

        if (deny.PolicyType is PolicyType.ServiceControlPolicy or PolicyType.ResourceControlPolicy)
        {
            var where = deny.Policy.Source.Arn is { } arn ? $"{deny.Policy.Source.Name} ({arn})" : deny.Policy.Source.Name;
            ways.Add($"Or, organization side: ask the organization's administrators to exempt this role in statement {deny.StatementLabel} of {where}, e.g. by adding {roleArn} to its {(deny.Statement.NotResource is null ? "conditions" : "NotResource")}; only the management account or a delegated administrator can change it.");
        }

        return ways;
    }
}
