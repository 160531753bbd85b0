namespace GluePassRole.Diagnostics.Policies.Matching;

/// <summary>Substitutes policy variables such as <c>${aws:username}</c> from the request context.</summary>
/// <remarks>PLACEHOLDER: no substitution yet; the matching issue implements it.</remarks>
internal static class PolicyVariables
{
    /// <summary>Whether <paramref name="text"/> contains a <c>${...}</c> variable.</summary>
    public static bool ContainsVariable(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>
    /// Resolves every variable in <paramref name="text"/> from <paramref name="context"/>.
    /// Returns false when a variable has no value and no default (the caller decides what that means).
    /// </summary>
    public static bool TryResolve(string text, RequestContext context, out string resolved)
    {
        _ = context;
        resolved = text;
        return true;
    }

    /// <summary>
    /// Like <see cref="TryResolve"/>, for values that are wildcard patterns (Resource, StringLike, ArnLike): the result is
    /// an escaped pattern in which <c>\</c> makes the next character literal, so substituted values and <c>${*}</c>,
    /// <c>${?}</c> stay literal. Feed it to <see cref="WildcardPattern.CreateEscaped"/> or <see cref="ArnPattern.CreateEscaped"/>.
    /// </summary>
    public static bool TryResolvePattern(string text, RequestContext context, out string escapedPattern)
    {
        _ = context;
        escapedPattern = text.Replace("\\", "\\\\", StringComparison.Ordinal);
        return true;
    }
}
