namespace GluePassRole.Diagnostics.Policies.Matching;

/// <summary>A compiled ARN pattern for the Resource and NotResource elements and the Arn* condition operators.</summary>
/// <remarks>
/// <para>
/// An ARN has six colon-delimited components: <c>arn:partition:service:region:account-id:resource</c>. The first five
/// end at the first five colons; the resource component is everything after the fifth colon and may itself contain
/// <c>:</c> and <c>/</c>. Matching is case-sensitive.
/// </para>
/// <para>
/// Each component of the pattern is matched separately against the same component of the ARN (IAM User Guide,
/// reference_policies_elements_condition_operators.html#Conditions_ARN: "each of the six colon-delimited components of
/// the ARN is checked separately"). So a wildcard inside one of the first five components never spans a colon, while
/// <c>*</c> in the resource component spans <c>/</c> and <c>:</c> (reference_policies_elements_resource.html,
/// "Using wildcards in resource ARNs").
/// </para>
/// <para>
/// A pattern with fewer than six components matches only when its last component ends with <c>*</c>: that final
/// <c>*</c> then expands beyond the colon boundaries over the rest of the ARN (the Resource page: "If the * wildcard is
/// the last character of a resource ARN segment, it can expand to match beyond the colon boundaries"), so
/// <c>arn:aws:ec2:*</c> matches every EC2 ARN in the <c>aws</c> partition and <c>*</c> alone matches everything.
/// Otherwise a short pattern matches only an equally short value. We apply that expansion to the last component of a
/// short pattern only; in a six-component pattern <c>arn:aws:iam::*:role/x</c> the account <c>*</c> stays within its
/// component, as the Arn* operator description requires.
/// </para>
/// </remarks>
internal sealed class ArnPattern
{
    private const int ComponentCount = 6;

    private readonly string _pattern;
    private readonly WildcardPattern[] _components;
    private readonly bool _lastSpans;

    private ArnPattern(string pattern, bool escaped, bool finalStarSpans = true)
    {
        _pattern = pattern;
        var parts = Split(pattern, escaped);
        _components = parts
            .Select(p => escaped ? WildcardPattern.CreateEscaped(p, ignoreCase: false) : WildcardPattern.Create(p, ignoreCase: false))
            .ToArray();
        IsMatchAll = _components.Length == 1 && _components[0].IsMatchAll;
        _lastSpans = (finalStarSpans || IsMatchAll) && _components.Length < ComponentCount && _components[^1].EndsWithStar;
    }

    /// <summary>The pattern text exactly as given to <see cref="Create"/> or <see cref="CreateEscaped"/>.</summary>
    public string Pattern => _pattern;

    /// <summary>Whether the pattern matches every value (<c>*</c> alone).</summary>
    internal bool IsMatchAll { get; }

    /// <summary>Compiles <paramref name="pattern"/>, in which every <c>*</c> and <c>?</c> is a wildcard.</summary>
    public static ArnPattern Create(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new ArnPattern(pattern, escaped: false);
    }

    /// <summary>Creates a pattern in which a backslash makes the next character literal (see PolicyVariables.TryResolvePattern).</summary>
    public static ArnPattern CreateEscaped(string escapedPattern)
    {
        ArgumentNullException.ThrowIfNull(escapedPattern);
        return new ArnPattern(escapedPattern, escaped: true);
    }

    /// <summary>
    /// Compiles a pattern for the Arn* condition operators, whose "six colon-delimited components are checked separately"
    /// (reference_policies_elements_condition_operators.html#Conditions_ARN): a short pattern's final <c>*</c> does not
    /// reach past its component, unlike in the Resource element. <c>*</c> alone still matches every value.
    /// </summary>
    public static ArnPattern CreateForCondition(string pattern, bool escaped = false)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new ArnPattern(pattern, escaped, finalStarSpans: false);
    }

    /// <summary>Whether <paramref name="arn"/> matches, component by component. Allocates nothing.</summary>
    public bool IsMatch(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        long steps = 0;
        return IsMatch(arn, ref steps);
    }

    /// <summary>Like <see cref="IsMatch(string)"/>, adding the work done to <paramref name="steps"/>.</summary>
    internal bool IsMatch(ReadOnlySpan<char> arn, ref long steps)
    {
        var rest = arn;
        for (var i = 0; i < _components.Length - 1; i++)
        {
            var colon = rest.IndexOf(':');
            steps += (colon < 0 ? rest.Length : colon) + 1;
            if (colon < 0 || !_components[i].IsMatch(rest[..colon], ref steps))
            {
                return false;
            }

            rest = rest[(colon + 1)..];
        }

        var last = _components[^1];
        if (_lastSpans || _components.Length == ComponentCount)
        {
            // The resource component, or the spanning final '*' of a short pattern: the rest of the ARN, colons included.
            return last.IsMatch(rest, ref steps);
        }

        // A short pattern without a spanning final '*' matches only a value with as few components.
        steps += rest.Length + 1;
        return !rest.Contains(':') && last.IsMatch(rest, ref steps);
    }

    /// <inheritdoc />
    public override string ToString() => _pattern;

    /// <summary>Splits at the first five colons; in escaped text an escaped colon separates too (no component holds one).</summary>
    private static List<string> Split(string pattern, bool escaped)
    {
        var parts = new List<string>(ComponentCount);
        var start = 0;
        for (var i = 0; i < pattern.Length && parts.Count < ComponentCount - 1; i++)
        {
            if (escaped && pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                if (pattern[i + 1] == ':')
                {
                    parts.Add(pattern[start..i]);
                    start = i + 2;
                }

                i++;
            }
            else if (pattern[i] == ':')
            {
                parts.Add(pattern[start..i]);
                start = i + 1;
            }
        }

        parts.Add(pattern[start..]);
        return parts;
    }
}
