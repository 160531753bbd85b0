using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies;

/// <summary>Whether a statement's <c>Action</c> or <c>NotAction</c> element covers an action, with the evaluator's own matcher.</summary>
/// <remarks>
/// Actions match case-insensitively, whole string, with <c>*</c> and <c>?</c> wildcards (IAM User Guide,
/// reference_policies_elements_action.html); a <c>NotAction</c> statement covers every action it does not list
/// (reference_policies_elements_notaction.html). Used to index statements before evaluating, e.g. to find every
/// statement that could allow <c>iam:PassRole</c>.
/// </remarks>
public static class StatementActions
{
    /// <summary>Whether <paramref name="statement"/> covers <paramref name="action"/> (ignoring its resources, principals and conditions).</summary>
    /// <param name="statement">The statement.</param>
    /// <param name="action">A concrete action such as <c>iam:PassRole</c>.</param>
    /// <returns><see langword="true"/> when the statement's Action matches it, or its NotAction does not.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static bool Covers(PolicyStatement statement, string action)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(action);
        var patterns = statement.Action ?? statement.NotAction ?? [];
        var any = false;
        foreach (var pattern in patterns)
        {
            if (IsMatch(pattern, action))
            {
                any = true;
                break;
            }
        }

        return statement.Action is null ? !any : any;
    }

    /// <summary>
    /// Decides the common cases without compiling the pattern (an audit indexes every statement of an account): a pattern
    /// without wildcards is a case-insensitive equality, and a literal service prefix that differs cannot match.
    /// </summary>
    private static bool IsMatch(string pattern, string action)
    {
        if (pattern.AsSpan().IndexOfAny('*', '?') < 0)
        {
            return string.Equals(pattern, action, StringComparison.OrdinalIgnoreCase);
        }

        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        var actionColon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && actionColon > 0)
        {
            var service = pattern.AsSpan(0, colon);
            if (service.IndexOfAny('*', '?') < 0 && !service.Equals(action.AsSpan(0, actionColon), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return ActionPattern.Create(pattern).IsMatch(action);
    }
}
