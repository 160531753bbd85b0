namespace GluePassRole.Diagnostics.Policies.Matching;

/// <summary>A compiled action pattern such as <c>iam:PassRole</c>, <c>iam:Pass*</c>, <c>iam:*</c> or <c>*</c>.</summary>
/// <remarks>
/// An action is a service prefix and an action name separated by a colon; both are case-insensitive and both may use
/// the <c>*</c> and <c>?</c> wildcards (IAM User Guide, reference_policies_elements_action.html). The whole action
/// string is matched against the whole pattern, so <c>*</c> alone matches every action and <c>iam:*</c> every IAM
/// action, while <c>iam:PassRole</c> does not match <c>iam:PassRoleX</c>.
/// </remarks>
internal sealed class ActionPattern
{
    private readonly WildcardPattern _pattern;

    private ActionPattern(string pattern) => _pattern = WildcardPattern.Create(pattern, ignoreCase: true);

    /// <summary>The pattern text as written in the policy.</summary>
    public string Pattern => _pattern.Pattern;

    /// <summary>Whether the pattern matches every action (<c>*</c>).</summary>
    internal bool IsMatchAll => _pattern.IsMatchAll;

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    public static ActionPattern Create(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new(pattern);
    }

    /// <summary>Whether <paramref name="action"/> (e.g. <c>iam:PassRole</c>) matches, ignoring case. Allocates nothing.</summary>
    public bool IsMatch(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _pattern.IsMatch(action);
    }

    /// <inheritdoc />
    public override string ToString() => _pattern.Pattern;
}
