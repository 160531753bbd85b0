using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>
/// Parses policy documents once per distinct text: accounts repeat the same trust policy and the same small inline
/// policies across many roles, and <see cref="PolicyDocument"/> is immutable, so identical texts can share one instance.
/// </summary>
internal sealed class DocumentCache
{
    /// <summary>Only short documents are shared; long ones are rarely repeated and would make the keys costly.</summary>
    private const int MaxSharedLength = 2048;

    private readonly Dictionary<string, PolicyDocument> _byText = new(StringComparer.Ordinal);
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<(byte[] Utf8, PolicyDocument Document)>> _byUtf8 = [];

    /// <summary>Parses (or reuses) a document given as text, URL-encoded or not.</summary>
    /// <exception cref="PolicyDocumentException">The document is invalid.</exception>
    public PolicyDocument Parse(string text)
    {
        if (text.Length > MaxSharedLength)
        {
            return Share(PolicyDocument.Parse(text));
        }

        if (!_byText.TryGetValue(text, out var document))
        {
            document = Share(PolicyDocument.Parse(text));
            _byText[text] = document;
        }

        return document;
    }

    /// <summary>Parses (or reuses) a document given as UTF-8 JSON.</summary>
    /// <exception cref="PolicyDocumentException">The document is invalid.</exception>
    public PolicyDocument Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxSharedLength)
        {
            return Share(PolicyDocument.Parse(utf8));
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        var key = hash.ToHashCode();
        if (_byUtf8.TryGetValue(key, out var candidates))
        {
            foreach (var (bytes, shared) in candidates)
            {
                if (utf8.SequenceEqual(bytes))
                {
                    return shared;
                }
            }
        }
        else
        {
            candidates = [];
            _byUtf8[key] = candidates;
        }

        var document = Share(PolicyDocument.Parse(utf8));
        candidates.Add((utf8.ToArray(), document));
        return document;
    }

    /// <summary>
    /// Makes the document's actions, resources and condition keys and values share one string instance per distinct
    /// text: across thousands of policies the same few hundred actions and ARNs repeat, and the strings dominate memory.
    /// </summary>
    private PolicyDocument Share(PolicyDocument document) => document with
    {
        Statements = [.. document.Statements.Select(statement => statement with
        {
            Action = Share(statement.Action),
            NotAction = Share(statement.NotAction),
            Resource = Share(statement.Resource),
            NotResource = Share(statement.NotResource),
            Conditions = statement.Conditions.Count == 0
                ? statement.Conditions
                : [.. statement.Conditions.Select(condition => condition with { Key = Share(condition.Key), Values = Share(condition.Values)! })],
        })],
    };

    private string[]? Share(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return null;
        }

        var shared = new string[values.Count];
        for (var i = 0; i < shared.Length; i++)
        {
            shared[i] = Share(values[i]);
        }

        return shared;
    }

    private string Share(string value)
    {
        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        _strings.Add(value);
        return value;
    }
}
