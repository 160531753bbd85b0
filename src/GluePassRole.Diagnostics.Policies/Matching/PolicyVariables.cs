using System.Text;

namespace GluePassRole.Diagnostics.Policies.Matching;

/// <summary>Substitutes policy variables such as <c>${aws:username}</c> from the request context.</summary>
/// <remarks>
/// <para>
/// Policy variables are substituted only in documents whose <c>Version</c> is <c>2012-10-17</c>
/// (<see cref="PolicyDocument.SupportsPolicyVariables"/>); under <c>2008-10-17</c>, or with no Version, <c>${...}</c>
/// is literal text. Callers check that rule before calling this type (IAM User Guide,
/// reference_policies_variables.html).
/// </para>
/// <para>
/// Syntax (same page): <c>${key}</c> is replaced with the single value of the request-context key, looked up
/// case-insensitively, e.g. <c>${aws:username}</c> or <c>${aws:PrincipalTag/team}</c>. <c>${key, 'default'}</c> uses
/// the text between the single quotes when the key has no usable value; whitespace around the key and around the quoted
/// default is ignored, the default itself is kept exactly. <c>${*}</c>, <c>${?}</c> and <c>${$}</c> stand for the
/// literal characters <c>*</c>, <c>?</c> and <c>$</c>. A key that is absent, or multivalued (multivalued keys cannot be
/// used as variables), has no usable value: without a default the variable cannot be resolved. Substitution is a single
/// pass: a value that itself contains <c>${...}</c> stays as it is. A <c>${</c> with no closing <c>}</c> is literal text.
/// </para>
/// </remarks>
internal static class PolicyVariables
{
    /// <summary>Whether <paramref name="text"/> contains a <c>${...}</c> variable.</summary>
    public static bool ContainsVariable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.IndexOf("${", StringComparison.Ordinal);
        return start >= 0 && text.IndexOf('}', start + 2) >= 0;
    }

    /// <summary>Whether <paramref name="text"/> contains a <c>${...}</c> variable that starts at or after <paramref name="start"/>.</summary>
    public static bool ContainsVariable(string text, int start)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (start < 0)
        {
            return false;
        }

        var open = text.IndexOf("${", start, StringComparison.Ordinal);
        return open >= 0 && text.IndexOf('}', open + 2) >= 0;
    }

    /// <summary>
    /// Where the resource portion of a Resource/NotResource ARN starts: just after its fifth colon, not counting colons
    /// inside <c>${...}</c> (keys such as <c>aws:username</c> hold one). -1 when the text has fewer than five colons.
    /// "You can use policy variables in the Resource element, but only in the resource portion of the ARN. This portion
    /// of the ARN appears after the fifth colon" (reference_policies_variables.html): before it, <c>${...}</c> is text.
    /// </summary>
    public static int ResourcePartStart(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colons = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close >= 0)
                {
                    i = close;
                    continue;
                }
            }

            if (text[i] == ':' && ++colons == 5)
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Resolves every variable in <paramref name="text"/> from <paramref name="context"/>.
    /// Returns false when a variable has no value and no default (the caller decides what that means).
    /// </summary>
    public static bool TryResolve(string text, RequestContext context, out string resolved) =>
        Resolve(text, 0, context, escape: false, out resolved);

    /// <summary>Like <see cref="TryResolve(string, RequestContext, out string)"/>, substituting only variables from <paramref name="start"/> on.</summary>
    public static bool TryResolve(string text, int start, RequestContext context, out string resolved) =>
        Resolve(text, start, context, escape: false, out resolved);

    /// <summary>
    /// Like <see cref="TryResolve(string, RequestContext, out string)"/>, for values that are wildcard patterns (Resource, StringLike, ArnLike): the result is
    /// an escaped pattern in which <c>\</c> makes the next character literal, so substituted values and <c>${*}</c>,
    /// <c>${?}</c> stay literal. Feed it to <see cref="WildcardPattern.CreateEscaped"/> or <see cref="ArnPattern.CreateEscaped"/>.
    /// </summary>
    public static bool TryResolvePattern(string text, RequestContext context, out string escapedPattern) =>
        Resolve(text, 0, context, escape: true, out escapedPattern);

    /// <summary>Like <see cref="TryResolvePattern(string, RequestContext, out string)"/>, substituting only variables from <paramref name="start"/> on.</summary>
    public static bool TryResolvePattern(string text, int start, RequestContext context, out string escapedPattern) =>
        Resolve(text, start, context, escape: true, out escapedPattern);

    private static bool Resolve(string text, int start, RequestContext context, bool escape, out string result)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        var builder = new StringBuilder(text.Length + 16);
        AppendPattern(builder, text.AsSpan(0, start), escape);
        var i = start;
        while (i < text.Length)
        {
            var open = text.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 2);
            if (close < 0)
            {
                AppendPattern(builder, text.AsSpan(i), escape);
                break;
            }

            AppendPattern(builder, text.AsSpan(i, open - i), escape);
            if (!TryParse(text, open + 2, out var key, out var defaultValue, out var end))
            {
                result = text;
                return false;
            }

            var value = key switch
            {
                "*" or "?" or "$" => key,
                _ => Lookup(context, key) ?? defaultValue,
            };
            if (value is null)
            {
                result = text;
                return false;
            }

            AppendLiteral(builder, value, escape);
            i = end;
        }

        result = builder.ToString();
        return true;
    }

    /// <summary>
    /// Parses the inside of <c>${...}</c> from <paramref name="start"/> (just after <c>${</c>): a key, then optionally
    /// <c>, 'default'</c>, then <c>}</c>. <paramref name="end"/> is the index after the closing brace.
    /// </summary>
    private static bool TryParse(string text, int start, out string key, out string? defaultValue, out int end)
    {
        defaultValue = null;
        end = 0;
        var i = start;
        while (i < text.Length && text[i] != ',' && text[i] != '}')
        {
            i++;
        }

        // The special characters are exact: ${*}, ${?}, ${$}.
        var raw = text[start..i];
        key = raw is "*" or "?" or "$" ? raw : raw.Trim();
        if (key.Length == 0 || i >= text.Length)
        {
            return false;
        }

        if (text[i] == ',')
        {
            i = SkipWhitespace(text, i + 1);
            if (i >= text.Length || text[i] != '\'')
            {
                return false;
            }

            var quote = text.IndexOf('\'', i + 1);
            if (quote < 0)
            {
                return false;
            }

            defaultValue = text[(i + 1)..quote];
            i = SkipWhitespace(text, quote + 1);
            if (i >= text.Length || text[i] != '}')
            {
                return false;
            }
        }

        end = i + 1;
        return true;
    }

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The single value of <paramref name="key"/>, or null when absent or multivalued.</summary>
    private static string? Lookup(RequestContext context, string key) =>
        context.TryGetValues(key, out var values) && values.Length == 1 ? values[0] : null;

    /// <summary>Appends policy text whose wildcards stay wildcards; only its backslashes need escaping.</summary>
    private static void AppendPattern(StringBuilder builder, ReadOnlySpan<char> text, bool escape)
    {
        foreach (var c in text)
        {
            if (escape && c == '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }
    }

    /// <summary>Appends a substituted value, which is literal: its <c>*</c>, <c>?</c> and <c>\</c> are escaped.</summary>
    private static void AppendLiteral(StringBuilder builder, string value, bool escape)
    {
        foreach (var c in value)
        {
            if (escape && c is '\\' or '*' or '?')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }
    }
}
