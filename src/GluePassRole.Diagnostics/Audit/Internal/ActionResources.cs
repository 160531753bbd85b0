using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Actions;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// The resources to decide an action on, to answer "is it allowed on some resource of its type in the account".
/// </summary>
/// <remarks>
/// From the Service Authorization Reference (<see cref="ServiceAuthorizationReference"/>): an action without a resource
/// type is authorized on <c>*</c> only (<c>glue:CreateDevEndpoint</c>); otherwise the caller needs permission on each
/// required resource type (<c>glue:CreateTableOptimizer</c>: the root catalog, the database and the table), and for an
/// action whose types are all optional, on one of them. Each type is tried with its ARN format filled with the account
/// and a probe name, and with each of the principal's own Allow resource patterns for the action made concrete, so a
/// principal allowed to create any job, or only <c>job/team-a-*</c>, counts.
/// </remarks>
internal static class ActionResources
{
    private const string ProbeName = "glue-passrole-audit-probe";
    private const string ProbeRegion = "us-east-1";
    private const int MaxPerType = 8;

    /// <summary>Groups of resources: the action is allowed when, in every group, one resource is.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> For(string action, string partition, string account, IReadOnlyList<PolicyStatement> allows)
    {
        if (!ServiceAuthorizationReference.TryGetAction(action, out var info) || info.AuthorizedOnWildcardOnly)
        {
            return [["*"]];
        }

        var required = info.ResourceTypes.Where(t => t.Required).ToList();
        if (required.Count > 0)
        {
            return [.. required.Select(type => Candidates(type.ArnFormats, partition, account, allows))];
        }

        // Every type optional: one of them (or "*") suffices.
        return [[.. info.ResourceTypes.SelectMany(type => Candidates(type.ArnFormats, partition, account, allows)).Prepend("*").Distinct(StringComparer.Ordinal)]];
    }

    private static List<string> Candidates(IReadOnlyList<string> formats, string partition, string account, IReadOnlyList<PolicyStatement> allows)
    {
        var resources = new List<string>();
        foreach (var format in formats)
        {
            var filled = Fill(format, partition, account);
            resources.Add(filled);
            var component = RoleIndex.ResourceComponent(filled);
            var typePrefix = component[..(component.IndexOf('/') + 1)];
            var head = filled[..(filled.Length - component.Length)];
            var service = head[..(head.IndexOf(':', 4) + 1)];
            foreach (var pattern in allows.SelectMany(s => s.Resource ?? []))
            {
                if (resources.Count >= MaxPerType)
                {
                    return resources;
                }

                // "arn:aws:glue:eu-west-1:111122223333:job/team-a-*" names jobs: make one concrete (wildcards become letters).
                if (pattern.Contains("${", StringComparison.Ordinal) || !pattern.StartsWith(service, StringComparison.Ordinal))
                {
                    continue;
                }

                var concrete = pattern.Replace('*', 'x').Replace('?', 'x');
                var concreteComponent = RoleIndex.ResourceComponent(concrete);
                var sameType = typePrefix.Length == 0 ? !concreteComponent.Contains('/', StringComparison.Ordinal) && concreteComponent == component
                    : concreteComponent.StartsWith(typePrefix, StringComparison.Ordinal);
                if (sameType && !resources.Contains(concrete))
                {
                    resources.Add(concrete);
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
