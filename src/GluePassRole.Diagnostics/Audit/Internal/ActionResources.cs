using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// The resources to decide an action on, to answer "is it allowed on some resource of its type in the account": the
/// action's resource ARN formats filled with the account and a probe name, plus each of the principal's own Allow
/// resource patterns for it made concrete. Actions without a resource type are authorized on <c>*</c> only.
/// </summary>
internal static class ActionResources
{
    private const string ProbeName = "glue-passrole-audit-probe";
    private const string ProbeRegion = "us-east-1";

    // TEMPORARY until branch h3-actions' ServiceAuthorizationReference.TryGetAction is merged: the resource types of the
    // Glue actions the audit decides (Service Authorization Reference, "Actions, resources, and condition keys for AWS
    // Glue", https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsglue.html). Absent = "*" only.
    private static readonly Dictionary<string, string[]> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["glue:CreateJob"] = ["arn:${Partition}:glue:${Region}:${Account}:job/${JobName}"],
        ["glue:UpdateJob"] = ["arn:${Partition}:glue:${Region}:${Account}:job/${JobName}"],
        ["glue:StartJobRun"] = ["arn:${Partition}:glue:${Region}:${Account}:job/${JobName}"],
        ["glue:CreateSession"] = ["arn:${Partition}:glue:${Region}:${Account}:session/${SessionId}"],
        ["glue:CreateCrawler"] = ["arn:${Partition}:glue:${Region}:${Account}:crawler/${CrawlerName}"],
        ["glue:UpdateCrawler"] = ["arn:${Partition}:glue:${Region}:${Account}:crawler/${CrawlerName}"],
        ["glue:CreateMLTransform"] = ["arn:${Partition}:glue:${Region}:${Account}:mlTransform/${TransformId}"],
        ["glue:UpdateMLTransform"] = ["arn:${Partition}:glue:${Region}:${Account}:mlTransform/${TransformId}"],
    };

    /// <summary>The concrete resources to try for <paramref name="action"/>, at most a handful.</summary>
    public static IReadOnlyList<string> For(string action, string partition, string account, IEnumerable<PolicyStatement> allows)
    {
        if (!Formats.TryGetValue(action, out var formats))
        {
            return ["*"];
        }

        var resources = new List<string>();
        foreach (var format in formats)
        {
            var filled = Fill(format, partition, account);
            resources.Add(filled);
            var head = filled[..(filled.LastIndexOf('/') + 1)];
            var service = head[..(head.IndexOf(':', 4) + 1)];
            foreach (var statement in allows)
            {
                foreach (var pattern in statement.Resource ?? [])
                {
                    if (resources.Count >= 8)
                    {
                        return resources;
                    }

                    // "arn:aws:glue:eu-west-1:111122223333:job/team-a-*" -> a job the statement names; wildcards become letters.
                    if (pattern.Contains("${", StringComparison.Ordinal) || !pattern.StartsWith(service, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var concrete = pattern.Replace('*', 'x').Replace('?', 'x');
                    if (RoleIndex.ResourceComponent(concrete).StartsWith(RoleIndex.ResourceComponent(head), StringComparison.Ordinal)
                        && !resources.Contains(concrete))
                    {
                        resources.Add(concrete);
                    }
                }
            }
        }

        return resources;
    }

    private static string Fill(string format, string partition, string account)
    {
        var text = format.Replace("${Partition}", partition, StringComparison.Ordinal)
            .Replace("${Region}", ProbeRegion, StringComparison.Ordinal)
            .Replace("${Account}", account, StringComparison.Ordinal);
        var variable = text.IndexOf("${", StringComparison.Ordinal);
        while (variable >= 0)
        {
            var end = text.IndexOf('}', variable);
            text = string.Concat(text.AsSpan(0, variable), ProbeName, text.AsSpan(end + 1));
            variable = text.IndexOf("${", StringComparison.Ordinal);
        }

        return text;
    }
}
