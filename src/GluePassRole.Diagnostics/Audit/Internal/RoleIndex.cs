using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// The account's roles sorted by the resource component of their ARN (<c>role/path/name</c>), so the roles a PassRole
/// resource pattern can reach are one binary-searched range: the pattern's literal prefix up to its first wildcard.
/// </summary>
/// <remarks>
/// Sound by construction: a resource pattern is matched component by component and case-sensitively (IAM User Guide,
/// reference_policies_elements_resource.html), so an ARN it matches starts, in its resource component, with the
/// pattern's literal prefix. Anything the prefix cannot describe (a short pattern, a <c>NotResource</c>, a policy
/// variable before any literal) reaches every role. The evaluator then decides each reached pair exactly.
/// </remarks>
internal sealed class RoleIndex
{
    private const string PassRole = "iam:PassRole";

    /// <summary>No role: the prefix of a pattern for another service.</summary>
    private const string Nothing = "\0";

    private readonly string[] _keys;
    private readonly Dictionary<PolicyDocument, string?[]> _selectors = new(ReferenceEqualityComparer.Instance);

    /// <param name="arns">Role ARNs; the index refers to them by position in this sorted order.</param>
    public RoleIndex(IReadOnlyList<string> arns)
    {
        Arns = [.. arns.OrderBy(ResourceComponent, StringComparer.Ordinal)];
        _keys = [.. Arns.Select(ResourceComponent)];
    }

    /// <summary>The role ARNs in index order.</summary>
    public IReadOnlyList<string> Arns { get; }

    public int Count => _keys.Length;

    /// <summary>
    /// Marks in <paramref name="reached"/> every role an Allow statement of <paramref name="document"/> covering
    /// <c>iam:PassRole</c> could match; returns <see langword="true"/> when one reaches every role.
    /// </summary>
    public bool Reach(PolicyDocument document, bool[] reached, List<int> marked)
    {
        foreach (var prefix in Selectors(document))
        {
            if (prefix is null)
            {
                return true;
            }

            var (start, end) = Range(prefix);
            for (var i = start; i < end; i++)
            {
                if (!reached[i])
                {
                    reached[i] = true;
                    marked.Add(i);
                }
            }
        }

        return false;
    }

    /// <summary>Whether the document has an Allow statement covering <c>iam:PassRole</c>.</summary>
    public bool AllowsPassRole(PolicyDocument document) => Selectors(document).Length > 0;

    /// <summary>The resource prefixes of a document's PassRole allows (<see langword="null"/> = every role); cached per document instance.</summary>
    private string?[] Selectors(PolicyDocument document)
    {
        if (!_selectors.TryGetValue(document, out var selectors))
        {
            var list = new List<string?>();
            foreach (var statement in document.Statements)
            {
                if (statement.Effect != Effect.Allow || !StatementActions.Covers(statement, PassRole))
                {
                    continue;
                }

                if (statement.Resource is null)
                {
                    list.Add(null);
                    continue;
                }

                list.AddRange(statement.Resource.Select(Prefix));
            }

            selectors = list.Contains(null) ? [null] : [.. list.Distinct(StringComparer.Ordinal)];
            _selectors[document] = selectors;
        }

        return selectors;
    }

    private (int Start, int End) Range(string prefix)
    {
        if (prefix.Length == 0)
        {
            return (0, _keys.Length);
        }

        var start = LowerBound(prefix);
        var end = start;
        while (end < _keys.Length && _keys[end].StartsWith(prefix, StringComparison.Ordinal))
        {
            end++;
        }

        return (start, end);
    }

    private int LowerBound(string value)
    {
        int low = 0, high = _keys.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(_keys[mid], value) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>The literal prefix of a Resource pattern's resource component; <see langword="null"/> when it may reach every role.</summary>
    internal static string? Prefix(string pattern)
    {
        var colons = new int[5];
        var found = 0;
        for (var i = 0; i < pattern.Length && found < 5; i++)
        {
            if (pattern[i] == ':')
            {
                colons[found++] = i;
            }
        }

        if (found < 5)
        {
            // "*", "arn:aws:iam:*": a short pattern's final * spans the rest of the ARN.
            return null;
        }

        var service = pattern.AsSpan(colons[1] + 1, colons[2] - colons[1] - 1);
        if (service.IndexOfAny('*', '?', '$') < 0 && !service.SequenceEqual("iam"))
        {
            return Nothing;
        }

        var resource = pattern.AsSpan(colons[4] + 1);
        var stop = resource.IndexOfAny('*', '?', '$');
        return (stop < 0 ? resource : resource[..stop]).ToString();
    }

    internal static string ResourceComponent(string arn)
    {
        var at = 0;
        for (var i = 0; i < 5; i++)
        {
            var next = arn.IndexOf(':', at);
            if (next < 0)
            {
                return arn;
            }

            at = next + 1;
        }

        return arn[at..];
    }
}
