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
    private readonly Dictionary<int, List<(byte[] Utf8, PolicyDocument Document)>> _byUtf8 = [];

    /// <summary>Parses (or reuses) a document given as text, URL-encoded or not.</summary>
    /// <exception cref="PolicyDocumentException">The document is invalid.</exception>
    public PolicyDocument Parse(string text)
    {
        if (text.Length > MaxSharedLength)
        {
            return PolicyDocument.Parse(text);
        }

        if (!_byText.TryGetValue(text, out var document))
        {
            document = PolicyDocument.Parse(text);
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
            return PolicyDocument.Parse(utf8);
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

        var document = PolicyDocument.Parse(utf8);
        candidates.Add((utf8.ToArray(), document));
        return document;
    }
}
