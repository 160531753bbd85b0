namespace GluePassRole.Diagnostics.Policies.Matching;

/// <summary>
/// A compiled IAM wildcard pattern: <c>*</c> matches any run of characters (including none), <c>?</c> any one character.
/// </summary>
/// <remarks>PLACEHOLDER implementation (naive); the matching issue replaces it with a linear-time matcher.</remarks>
internal sealed class WildcardPattern
{
    private readonly string _pattern;
    private readonly StringComparison _comparison;

    private WildcardPattern(string pattern, bool ignoreCase)
    {
        _pattern = pattern;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }

    public string Pattern => _pattern;

    public static WildcardPattern Create(string pattern, bool ignoreCase) => new(pattern, ignoreCase);

    /// <summary>Creates a pattern in which a backslash makes the next character literal (see PolicyVariables.TryResolvePattern).</summary>
    public static WildcardPattern CreateEscaped(string escapedPattern, bool ignoreCase) =>
        new(escapedPattern.Replace("\\\\", "\\", StringComparison.Ordinal), ignoreCase);

    public bool IsMatch(ReadOnlySpan<char> value) => Match(_pattern.AsSpan(), value);

    private bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> v)
    {
        if (p.IsEmpty)
        {
            return v.IsEmpty;
        }

        if (p[0] == '*')
        {
            for (var i = 0; i <= v.Length; i++)
            {
                if (Match(p[1..], v[i..]))
                {
                    return true;
                }
            }

            return false;
        }

        return !v.IsEmpty && (p[0] == '?' || p[..1].Equals(v[..1], _comparison)) && Match(p[1..], v[1..]);
    }
}
