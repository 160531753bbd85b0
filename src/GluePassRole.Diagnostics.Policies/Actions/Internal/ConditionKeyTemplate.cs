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
/// placeholder stands for one or more characters of any kind (a tag key may itself contain <c>/</c>). The reference
/// writes four Amazon S3 keys with a <c>&lt;key&gt;</c> placeholder instead (<c>s3:ExistingObjectTag/&lt;key&gt;</c>), which
/// counts the same. A placeholder may also stand in the prefix (<c>agent.${Domain}.buildkite.dev:pipeline_id</c>).
/// </remarks>
internal static class ConditionKeyTemplate
{
    private static readonly ConcurrentDictionary<string, WildcardPattern> Compiled = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="key"/> has a <c>${...}</c> or <c>&lt;...&gt;</c> placeholder.</summary>
    public static bool IsTemplate(string key)
    {
        for (var i = key.AsSpan().IndexOfAny('$', '<'); i >= 0 && i < key.Length; i++)
        {
            if (PlaceholderEnd(key, i) > 0)
            {
                return true;
            }
        }

        return false;
    }

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
            var end = PlaceholderEnd(template, i);
            if (end > 0)
            {
                pattern.Append("?*");
                i = end;
                continue;
            }

            var c = template[i];
            if (c is '*' or '?' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return WildcardPattern.CreateEscaped(pattern.ToString(), ignoreCase: true);
    }

    /// <summary>The index of the placeholder's closing character when one starts at <paramref name="start"/>, else -1.</summary>
    internal static int PlaceholderEnd(string key, int start)
    {
        if (start < 0 || start + 2 >= key.Length)
        {
            return -1;
        }

        if (key[start] == '$' && key[start + 1] == '{')
        {
            return Close(key.IndexOf('}', start + 2), start + 2);
        }

        if (key[start] == '<')
        {
            return Close(key.IndexOf('>', start + 1), start + 1);
        }

        return -1;

        // A placeholder has a name: "${}" and "<>" are text.
        static int Close(int close, int nameStart) => close > nameStart ? close : -1;
    }
}
