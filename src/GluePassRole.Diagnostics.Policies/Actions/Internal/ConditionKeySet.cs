using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Actions.Internal;

/// <summary>
/// A set of condition keys, some of them templates, answering "is this key in the set" without scanning every template:
/// plain keys are hashed, templates are grouped by the text before their first colon (the key's prefix).
/// </summary>
internal sealed class ConditionKeySet
{
    private readonly HashSet<string> _plain;
    private readonly Dictionary<string, WildcardPattern[]> _templatesByPrefix;
    private readonly Dictionary<string, WildcardPattern[]>.AlternateLookup<ReadOnlySpan<char>> _templatesLookup;

    public ConditionKeySet(IEnumerable<string> keys)
    {
        _plain = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var templates = new Dictionary<string, List<WildcardPattern>>(StringComparer.OrdinalIgnoreCase);
        var seenTemplates = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            if (!ConditionKeyTemplate.IsTemplate(key))
            {
                _plain.Add(key);
            }
            else if (seenTemplates.Add(key))
            {
                var prefix = PrefixOf(key).ToString();
                if (!templates.TryGetValue(prefix, out var list))
                {
                    templates[prefix] = list = [];
                }

                list.Add(ConditionKeyTemplate.Compile(key));
            }
        }

        _templatesByPrefix = templates.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        _templatesLookup = _templatesByPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        Count = _plain.Count + seenTemplates.Count;
    }

    /// <summary>The number of distinct keys and templates.</summary>
    public int Count { get; }

    /// <summary>Whether <paramref name="key"/> is in the set or an instance of one of its templates, ignoring case.</summary>
    public bool Contains(string key)
    {
        if (_plain.Contains(key))
        {
            return true;
        }

        if (_templatesLookup.TryGetValue(PrefixOf(key), out var templates))
        {
            foreach (var template in templates)
            {
                if (template.IsMatch(key))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> PrefixOf(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? key : key.AsSpan(0, colon);
    }
}
