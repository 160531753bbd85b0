using System.Globalization;
using System.Text;

namespace GluePassRole.Diagnostics.AccessDenied.Internal;

/// <summary>
/// Hand-written, linear scanner for AccessDenied messages (no regular expressions, so no backtracking). Every search is an
/// ordinal <c>IndexOf</c> of a short constant over an input capped at <see cref="AccessDeniedMessage.MaxInputLength"/>.
/// </summary>
internal static class AccessDeniedMessageParser
{
    private const string UserMarker = "User:";
    private const string PerformMarker = "is not authorized to perform:";
    private const string OnResource = "on resource:";
    private const string OnThisResource = "on this resource";
    private const string BecauseNo = "because no ";
    private const string WithExplicitDeny = "with an explicit deny";
    private const string DueToExplicitDeny = "due to an explicit deny";
    private const string EncodedMarker = "Encoded authorization failure message:";
    private const string Expected = "'User: <arn> is not authorized to perform: <action>'";

    // Text that follows the clause: Java SDK "(Service: …", Go SDK v1 "\n\tstatus code: …", EC2's encoded message, a second message.
    private static readonly string[] Terminators = [" (Service:", " status code:", EncodedMarker, " " + UserMarker + " "];

    // Policy-type phrases, longer phrases before their prefixes.
    private static readonly (string Phrase, AccessDeniedPolicyType Type)[] PolicyTypes =
    [
        ("identity-based policy", AccessDeniedPolicyType.IdentityBased),
        ("resource-based policy", AccessDeniedPolicyType.ResourceBased),
        ("permissions boundary policy", AccessDeniedPolicyType.PermissionsBoundary),
        ("permissions boundary", AccessDeniedPolicyType.PermissionsBoundary),
        ("permission boundary", AccessDeniedPolicyType.PermissionsBoundary),
        ("sessions policy", AccessDeniedPolicyType.SessionPolicy),
        ("session policy", AccessDeniedPolicyType.SessionPolicy),
        ("service control policy", AccessDeniedPolicyType.ServiceControlPolicy),
        ("resource control policy", AccessDeniedPolicyType.ResourceControlPolicy),
        ("VPC endpoint policy", AccessDeniedPolicyType.VpcEndpointPolicy),
        ("role trust policy", AccessDeniedPolicyType.RoleTrustPolicy),
        ("trust policy", AccessDeniedPolicyType.RoleTrustPolicy),
    ];

    public static AccessDeniedMessage? Parse(string text, out string? problem)
    {
        if (text.Length > AccessDeniedMessage.MaxInputLength)
        {
            problem = string.Create(
                CultureInfo.InvariantCulture,
                $"The text is {text.Length:N0} characters long; at most {AccessDeniedMessage.MaxInputLength:N0} are accepted. Paste only the error message, which should contain {Expected}.");
            return null;
        }

        var w = Normalize(text);
        if (w.Length == 0)
        {
            problem = $"The text is empty; expected an AWS AccessDenied message containing {Expected}.";
            return null;
        }

        var perform = w.IndexOf(PerformMarker, StringComparison.OrdinalIgnoreCase);
        if (perform < 0)
        {
            problem = $"No {Expected} clause found; the text is not an AWS AccessDenied message.";
            return null;
        }

        // Principal: between the last "User:" before the clause and "is not authorized"; or, without "User:", the ARN just before it.
        var clauseStart = w.AsSpan(0, perform).LastIndexOf(UserMarker, StringComparison.OrdinalIgnoreCase);
        var principal = clauseStart < 0 ? "" : w[(clauseStart + UserMarker.Length)..perform].Trim();
        if (principal.Length == 0 || principal.Contains(' ', StringComparison.Ordinal))
        {
            var before = w.AsSpan(0, perform).TrimEnd(' ');
            var tokenStart = before.LastIndexOf(' ') + 1;
            var token = before[tokenStart..];
            if (!token.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            {
                problem = $"The 'is not authorized to perform:' clause names no principal; expected {Expected}.";
                return null;
            }

            principal = token.ToString();
            clauseStart = tokenStart;
        }

        // A parenthesised wrapper (.NET "One or more errors occurred. (…)") ends at the matching ")".
        var clauseEnd = w.Length;
        if (UnmatchedOpenParenthesis(w, clauseStart))
        {
            var close = MatchingCloseParenthesis(w, clauseStart);
            if (close >= 0)
            {
                clauseEnd = close;
            }
        }

        // Action.
        var actionStart = SkipSpaces(w, perform + PerformMarker.Length, clauseEnd);
        var actionTokenEnd = IndexOfSpace(w, actionStart, clauseEnd);
        var actionEnd = TrimPunctuation(w, actionStart, actionTokenEnd);
        while (actionStart < actionEnd && w[actionStart] == '"')
        {
            actionStart++;
        }

        if (actionEnd <= actionStart)
        {
            problem = $"No action found after 'is not authorized to perform:'; expected {Expected}, e.g. 'iam:PassRole'.";
            return null;
        }

        var action = w[actionStart..actionEnd];

        var regionEnd = clauseEnd;
        foreach (var terminator in Terminators)
        {
            var at = IndexOf(w, terminator, actionTokenEnd, regionEnd);
            if (at >= 0)
            {
                regionEnd = at;
            }
        }

        var consumed = actionEnd;
        var pos = SkipSpaces(w, actionTokenEnd, regionEnd);

        // Resource.
        string? resource = null;
        if (StartsWith(w, pos, regionEnd, OnResource))
        {
            var start = SkipSpaces(w, pos + OnResource.Length, regionEnd);
            int end;
            if (start < regionEnd && w[start] == '"' && IndexOf(w, "\"", start + 1, regionEnd) is var quote and >= 0)
            {
                resource = w[(start + 1)..quote];
                end = quote + 1;
            }
            else
            {
                var reason = IndexOfReason(w, start, regionEnd);
                end = reason >= 0 ? reason : regionEnd;
                while (end > start && w[end - 1] == ' ')
                {
                    end--;
                }

                if (reason < 0)
                {
                    end = TrimPunctuation(w, start, end);
                }

                resource = w[start..end];
            }

            if (resource.Length == 0)
            {
                resource = null;
            }

            consumed = end;
            pos = SkipSpaces(w, end, regionEnd);
        }
        else if (StartsWith(w, pos, regionEnd, OnThisResource))
        {
            consumed = pos + OnThisResource.Length;
            pos = SkipSpaces(w, consumed, regionEnd);
        }

        // Reason.
        var denial = DenialKind.Unspecified;
        AccessDeniedPolicyType? policyType = null;
        AccessDeniedPolicyType? transitive = null;
        string? policyArn = null;
        if (StartsWith(w, pos, regionEnd, BecauseNo))
        {
            denial = DenialKind.ImplicitDeny;
            var typeStart = pos + BecauseNo.Length;
            var allows = IndexOf(w, " allows the ", typeStart, regionEnd);
            var typeEnd = allows >= 0 ? allows : TrimPunctuation(w, typeStart, regionEnd);
            policyType = ExactPolicyType(w.AsSpan(typeStart, typeEnd - typeStart));
            consumed = typeEnd;
            if (allows >= 0)
            {
                var action2 = allows + " allows the ".Length;
                var actionWord = IndexOf(w, " action", action2, regionEnd);
                consumed = actionWord >= 0 ? actionWord + " action".Length : TrimPunctuation(w, action2, regionEnd);
            }
        }
        else if (StartsWith(w, pos, regionEnd, WithExplicitDeny) || StartsWith(w, pos, regionEnd, DueToExplicitDeny))
        {
            denial = DenialKind.ExplicitDeny;
            consumed = pos + (StartsWith(w, pos, regionEnd, WithExplicitDeny) ? WithExplicitDeny.Length : DueToExplicitDeny.Length);
            if (StartsWith(w, consumed, regionEnd, " in "))
            {
                var (type, end) = PolicyTypeAfterArticle(w, consumed + " in ".Length, regionEnd);
                policyType = type;
                consumed = end;
                if (StartsWith(w, consumed, regionEnd, " transitively through "))
                {
                    (transitive, consumed) = PolicyTypeAfterArticle(w, consumed + " transitively through ".Length, regionEnd);
                }
            }

            var arnStart = -1;
            if (StartsWith(w, consumed, regionEnd, ":"))
            {
                arnStart = SkipSpaces(w, consumed + 1, regionEnd);
            }
            else if (StartsWith(w, consumed, regionEnd, ", with policy ARN:"))
            {
                arnStart = SkipSpaces(w, consumed + ", with policy ARN:".Length, regionEnd);
            }

            if (arnStart >= 0 && StartsWith(w, arnStart, regionEnd, "arn:"))
            {
                var arnEnd = TrimPunctuation(w, arnStart, IndexOfSpace(w, arnStart, regionEnd));
                policyArn = w[arnStart..arnEnd];
                consumed = arnEnd;
            }
        }

        var prefix = w.AsSpan(0, clauseStart);
        var suffix = w.AsSpan(consumed);
        var (operation, errorCode) = ParsePrefix(prefix);
        errorCode ??= ValueAfter(suffix, "Error Code:");
        var requestId = ValueAfter(prefix, "RequestID:") ?? ValueAfter(suffix, "Request ID:") ?? ValueAfter(suffix, "RequestID:");
        var statusText = ValueAfter(prefix, "StatusCode:") ?? ValueAfter(suffix, "Status Code:") ?? ValueAfter(suffix, "StatusCode:");
        int? status = int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        var encoded = EncodedMessage(suffix);

        problem = null;
        return new AccessDeniedMessage
        {
            Principal = principal,
            Action = action,
            Resource = resource,
            DenialKind = denial,
            PolicyType = policyType,
            TransitivePolicyType = transitive,
            PolicyArn = policyArn,
            Operation = operation,
            ErrorCode = errorCode,
            RequestId = requestId,
            HttpStatusCode = status,
            EncodedAuthorizationMessage = encoded,
            NormalizedMessage = $"User: {principal} is not authorized to perform: {w[actionStart..consumed]}",
        };
    }

    /// <summary>
    /// Collapses whitespace, control characters, Terraform's frame bars and the JSON escapes <c>\n \r \t</c> to single spaces;
    /// unescapes <c>\"</c>.
    /// </summary>
    internal static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Terraform frames diagnostics with box-drawing bars ("│ Error: …"); they are layout, not text.
            var space = char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u2502' or '\u2575' or '\u2577';
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                if (next is 'n' or 'r' or 't')
                {
                    space = true;
                    i++;
                }
                else if (next == '"')
                {
                    c = '"';
                    i++;
                }
            }

            if (space)
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static (string? Operation, string? ErrorCode) ParsePrefix(ReadOnlySpan<char> prefix)
    {
        string? operation = null;
        string? errorCode = null;

        // AWS CLI / boto3: "An error occurred (AccessDeniedException) when calling the UpdateJob operation: ".
        var occurred = prefix.LastIndexOf("An error occurred (", StringComparison.OrdinalIgnoreCase);
        if (occurred >= 0)
        {
            var rest = prefix[(occurred + "An error occurred (".Length)..];
            var close = rest.IndexOf(')');
            if (close > 0 && IsIdentifier(rest[..close]))
            {
                errorCode = rest[..close].ToString();
                rest = rest[(close + 1)..];
                const string Calling = " when calling the ";
                if (rest.StartsWith(Calling, StringComparison.OrdinalIgnoreCase))
                {
                    rest = rest[Calling.Length..];
                    var space = rest.IndexOf(' ');
                    if (space > 0 && IsIdentifier(rest[..space]))
                    {
                        operation = PascalCase(rest[..space]);
                    }
                }
            }
        }

        // Go SDK v2: "operation error Glue: UpdateJob, https response error StatusCode: 400, RequestID: …, api error AccessDeniedException: ".
        var goV2 = prefix.IndexOf("operation error ", StringComparison.OrdinalIgnoreCase);
        if (operation is null && goV2 >= 0)
        {
            var rest = prefix[(goV2 + "operation error ".Length)..];
            var colon = rest.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                rest = rest[(colon + 2)..];
                var comma = rest.IndexOf(',');
                if (comma > 0 && IsIdentifier(rest[..comma]))
                {
                    operation = PascalCase(rest[..comma]);
                }
            }
        }

        // Glue console "updateJob: AccessDeniedException: ", Go SDK v1 "AccessDenied: ", Go v2 "api error AccessDeniedException: ".
        var tail = prefix.TrimEnd(' ');
        if (errorCode is null && NextTokenBackwards(ref tail) is { } codeToken && codeToken.EndsWith(':'))
        {
            var code = codeToken.AsSpan(0, codeToken.Length - 1);
            code = code[(code.LastIndexOf('.') + 1)..];
            if (IsIdentifier(code) && LooksLikeErrorCode(code))
            {
                errorCode = code.ToString();
                if (operation is null && NextTokenBackwards(ref tail) is { } opToken && opToken.EndsWith(':')
                    && IsIdentifier(opToken.AsSpan(0, opToken.Length - 1)) && !LooksLikeErrorCode(opToken.AsSpan(0, opToken.Length - 1)))
                {
                    operation = PascalCase(opToken.AsSpan(0, opToken.Length - 1));
                }
            }
        }

        return (operation, errorCode);
    }

    private static string? NextTokenBackwards(ref ReadOnlySpan<char> text)
    {
        text = text.TrimEnd(' ');
        if (text.IsEmpty)
        {
            return null;
        }

        var start = text.LastIndexOf(' ') + 1;
        var token = text[start..].ToString();
        text = text[..start];
        return token;
    }

    private static bool LooksLikeErrorCode(ReadOnlySpan<char> code) =>
        code.Length >= 3 && (code.EndsWith("Exception", StringComparison.Ordinal)
            || code.Contains("Denied", StringComparison.OrdinalIgnoreCase)
            || code.Contains("Unauthorized", StringComparison.OrdinalIgnoreCase)
            || code.Contains("Forbidden", StringComparison.OrdinalIgnoreCase));

    private static string? ValueAfter(ReadOnlySpan<char> text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var rest = text[(at + marker.Length)..].TrimStart(" \"");
        var end = rest.IndexOfAny(" ;,)\"");
        var value = (end < 0 ? rest : rest[..end]).TrimEnd('.');
        return value.IsEmpty ? null : value.ToString();
    }

    private static string? EncodedMessage(ReadOnlySpan<char> suffix)
    {
        var at = suffix.IndexOf(EncodedMarker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var rest = suffix[(at + EncodedMarker.Length)..].TrimStart(' ');
        var length = 0;
        while (length < rest.Length && (char.IsAsciiLetterOrDigit(rest[length]) || rest[length] is '-' or '_' or '+' or '/' or '='))
        {
            length++;
        }

        return length == 0 ? null : rest[..length].ToString();
    }

    private static (AccessDeniedPolicyType? Type, int End) PolicyTypeAfterArticle(string w, int pos, int end)
    {
        foreach (var article in (ReadOnlySpan<string>)["a ", "an ", "the "])
        {
            if (StartsWith(w, pos, end, article))
            {
                pos += article.Length;
                break;
            }
        }

        foreach (var (phrase, type) in PolicyTypes)
        {
            if (StartsWith(w, pos, end, phrase))
            {
                return (type, pos + phrase.Length);
            }
        }

        // An unknown policy type: up to the ARN suffix, a comma or the end.
        var stop = end;
        foreach (var marker in (ReadOnlySpan<string>)[":", ",", " transitively through "])
        {
            var at = IndexOf(w, marker, pos, stop);
            if (at >= 0)
            {
                stop = at;
            }
        }

        return (null, TrimPunctuation(w, pos, stop));
    }

    private static AccessDeniedPolicyType? ExactPolicyType(ReadOnlySpan<char> text)
    {
        text = text.Trim(' ');
        foreach (var (phrase, type) in PolicyTypes)
        {
            if (text.Equals(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }

    private static int IndexOfReason(string w, int start, int end)
    {
        var best = -1;
        foreach (var marker in (ReadOnlySpan<string>)[" " + BecauseNo, " " + WithExplicitDeny, " " + DueToExplicitDeny])
        {
            var at = IndexOf(w, marker, start, best >= 0 ? best : end);
            if (at >= 0)
            {
                best = at;
            }
        }

        return best;
    }

    private static bool UnmatchedOpenParenthesis(string w, int before)
    {
        var depth = 0;
        for (var i = before - 1; i >= 0; i--)
        {
            if (w[i] == ')')
            {
                depth++;
            }
            else if (w[i] == '(')
            {
                if (depth == 0)
                {
                    return true;
                }

                depth--;
            }
        }

        return false;
    }

    private static int MatchingCloseParenthesis(string w, int from)
    {
        var depth = 0;
        for (var i = from; i < w.Length; i++)
        {
            if (w[i] == '(')
            {
                depth++;
            }
            else if (w[i] == ')')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
        }

        return -1;
    }

    private static int IndexOf(string w, string value, int start, int end)
    {
        if (start >= end)
        {
            return -1;
        }

        var at = w.AsSpan(start, end - start).IndexOf(value, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? -1 : start + at;
    }

    private static bool StartsWith(string w, int pos, int end, string value) =>
        pos >= 0 && pos <= end && w.AsSpan(pos, end - pos).StartsWith(value, StringComparison.OrdinalIgnoreCase);

    private static int SkipSpaces(string w, int pos, int end)
    {
        while (pos < end && w[pos] == ' ')
        {
            pos++;
        }

        return pos;
    }

    private static int IndexOfSpace(string w, int start, int end)
    {
        var at = start >= end ? -1 : w.AsSpan(start, end - start).IndexOf(' ');
        return at < 0 ? end : start + at;
    }

    /// <summary>Moves <paramref name="end"/> back over a trailing period, comma, semicolon or quote.</summary>
    private static int TrimPunctuation(string w, int start, int end)
    {
        while (end > start && w[end - 1] is '.' or ',' or ';' or '"' or ' ')
        {
            end--;
        }

        return end;
    }

    private static bool IsIdentifier(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string PascalCase(ReadOnlySpan<char> name) =>
        string.Concat(char.ToUpperInvariant(name[0]).ToString(), name[1..]);
}
