using System.Collections.Concurrent;
using System.Text;
using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Actions.Internal;

/// <summary>
/// Matches a condition key written in a policy against a key from the Service Authorization Reference, which may be a
/// template such as <c>aws:RequestTag/${TagKey}</c> or <c>codebuild:secondarySources/${sourceIdentifier}.location</c>.
/// </summary>
/// <remarks>
/// Condition key names are case-insensitive (IAM User Guide, IAM JSON policy elements: Condition). Each <c>${...}</c>
/// placeholder stands for one or more characters of any kind (a tag key may itself contain <c>/</c>).
/// </remarks>
internal static class ConditionKeyTemplate
{
    private static readonly ConcurrentDictionary<string, WildcardPattern> Compiled = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="key"/> has a <c>${...}</c> placeholder.</summary>
    public static bool IsTemplate(string key) => key.Contains("${", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="key"/> is <paramref name="keyOrTemplate"/> or an instance of it, ignoring case.</summary>
    public static bool Matches(string keyOrTemplate, string key) =>
        IsTemplate(keyOrTemplate)
            ? Compiled.GetOrAdd(keyOrTemplate, Compile).IsMatch(key)
            : string.Equals(keyOrTemplate, key, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="key"/> matches any of <paramref name="keysOrTemplates"/>.</summary>
    public static bool MatchesAny(IReadOnlyList<string> keysOrTemplates, string key)
    {
        for (var i = 0; i < keysOrTemplates.Count; i++)
        {
            if (Matches(keysOrTemplates[i], key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Compiles a template into a case-insensitive wildcard pattern: each placeholder becomes <c>?*</c>.</summary>
    internal static WildcardPattern Compile(string template)
    {
        var pattern = new StringBuilder(template.Length + 8);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '$' && i + 1 < template.Length && template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close > 0)
                {
                    pattern.Append("?*");
                    i = close;
                    continue;
                }
            }

            if (c is '*' or '?' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return WildcardPattern.CreateEscaped(pattern.ToString(), ignoreCase: true);
    }
}
