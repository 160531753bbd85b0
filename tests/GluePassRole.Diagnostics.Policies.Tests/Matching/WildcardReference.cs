namespace GluePassRole.Diagnostics.Policies.Tests.Matching;

/// <summary>An obviously-correct O(n·m) dynamic-programming matcher used as the oracle for the property tests.</summary>
internal static class WildcardReference
{
    public static bool IsMatch(string pattern, string value, bool ignoreCase, bool escaped)
    {
        // Tokens: (char, kind) with kind 0 = literal, 1 = '?', 2 = '*'.
        var tokens = new List<(char C, int Kind)>();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (escaped && c == '\\' && i + 1 < pattern.Length)
            {
                tokens.Add((pattern[++i], 0));
            }
            else
            {
                tokens.Add((c, c == '*' ? 2 : c == '?' ? 1 : 0));
            }
        }

        // match[j] = tokens[..i] matches value[..j]
        var match = new bool[value.Length + 1];
        match[0] = true;
        foreach (var (c, kind) in tokens)
        {
            var next = new bool[value.Length + 1];
            if (kind == 2)
            {
                var any = false;
                for (var j = 0; j <= value.Length; j++)
                {
                    any |= match[j];
                    next[j] = any;
                }
            }
            else
            {
                for (var j = 1; j <= value.Length; j++)
                {
                    next[j] = match[j - 1] && (kind == 1 || Same(c, value[j - 1], ignoreCase));
                }
            }

            match = next;
        }

        return match[value.Length];
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        ignoreCase ? char.ToUpperInvariant(a) == char.ToUpperInvariant(b) : a == b;
}
