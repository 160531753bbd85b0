namespace GluePassRole.Diagnostics.Policies.Matching;

/// <summary>A compiled action pattern such as <c>iam:Pass*</c>; matched case-insensitively.</summary>
/// <remarks>PLACEHOLDER; the matching issue finishes it.</remarks>
internal sealed class ActionPattern
{
    private readonly WildcardPattern _pattern;

    private ActionPattern(string pattern) => _pattern = WildcardPattern.Create(pattern, ignoreCase: true);

    public string Pattern => _pattern.Pattern;

    public static ActionPattern Create(string pattern) => new(pattern);

    public bool IsMatch(string action) => _pattern.IsMatch(action);
}
