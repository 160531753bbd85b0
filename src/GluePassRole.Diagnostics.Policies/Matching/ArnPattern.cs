namespace GluePassRole.Diagnostics.Policies.Matching;

/// <summary>A compiled ARN pattern for the Resource element and the Arn* condition operators.</summary>
/// <remarks>PLACEHOLDER: whole-string wildcard match; the matching issue replaces it with ARN segment rules.</remarks>
internal sealed class ArnPattern
{
    private readonly WildcardPattern _pattern;

    private ArnPattern(string pattern) => _pattern = WildcardPattern.Create(pattern, ignoreCase: false);

    public string Pattern => _pattern.Pattern;

    public static ArnPattern Create(string pattern) => new(pattern);

    /// <summary>Creates a pattern in which a backslash makes the next character literal (see PolicyVariables.TryResolvePattern).</summary>
    public static ArnPattern CreateEscaped(string escapedPattern) => new(escapedPattern.Replace("\\\\", "\\", StringComparison.Ordinal));

    public bool IsMatch(string arn) => _pattern.IsMatch(arn);
}
