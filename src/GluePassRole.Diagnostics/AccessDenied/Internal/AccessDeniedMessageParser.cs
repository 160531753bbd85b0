using System.Globalization;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.AccessDenied.Internal;

/// <summary>
/// Hand-written, linear scanner for AccessDenied messages (no regular expressions, so no backtracking). Every search is an
/// ordinal <c>IndexOf</c> of a short constant, either once over the whole (collapsed) input to locate a clause, or inside a
/// bounded window around it; <see cref="ScanWork"/> counts what is scanned.
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
    private const string AllowsThe = " allows the ";
    private const string Expected = "'User: <arn> is not authorized to perform: <action>'";

    // Text that follows the clause: Java SDK "(Service: …", Go SDK v1 "\n\tstatus code: …", EC2's encoded message, a second message.
    private static readonly string[] Terminators = [" (Service:", " status code:", EncodedMarker, " " + UserMarker + " "];

    // Policy-type phrases, longer phrases before their prefixes.
    private static readonly (string Phrase, PolicyType Type)[] PolicyTypes =
    [
        ("identity-based policy", PolicyType.IdentityBased),
        ("resource-based policy", PolicyType.ResourceBased),
        ("permissions boundary policy", PolicyType.PermissionsBoundary),
        ("permissions boundary", PolicyType.PermissionsBoundary),
        ("permission boundary", PolicyType.PermissionsBoundary),
        ("sessions policy", PolicyType.SessionPolicy),
        ("session policy", PolicyType.SessionPolicy),
        ("service control policy", PolicyType.ServiceControlPolicy),
        ("resource control policy", PolicyType.ResourceControlPolicy),
        ("VPC endpoint policy", PolicyType.VpcEndpointPolicy),
        ("role trust policy", PolicyType.RoleTrustPolicy),
        ("trust policy", PolicyType.RoleTrustPolicy),
    ];

    // Windows around the clause, in normalized characters: every scan after locating the clause stays inside them, so the
    // work is linear in the input however many candidate clauses it holds.
    private const int PrincipalSpan = 2100;   // an IAM ARN is at most 2,048 characters
    private const int PrefixWindow = 512;     // the wrapper before "User:" (CLI, Go SDK v2, Terraform)
    private const int ClauseWindow = 8192;    // action, resource, reason and policy ARN
    private const int SuffixWindow = 512;     // the SDK suffix after the clause (Java, Go, EC2)
    private const int MaxAttempts = 256;      // candidate clauses tried before giving up

    /// <summary>Reads <paramref name="text"/>: a decoded authorization message (JSON) or an AccessDenied text.</summary>
    public static AccessDeniedMessage? Parse(string text, out ParseFailure? failure)
    {
        ScanWork.Reset();
        if (text.Length > AccessDeniedMessage.MaxInputLength)
        {
            failure = new(
                AccessDeniedMessageFormatError.TooLong,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The text is {text.Length:N0} characters long; at most {AccessDeniedMessage.MaxInputLength:N0} are read. Keep the lines around the error, which should contain {Expected}."));
            return null;
        }

        var firstVisible = 0;
        while (firstVisible < text.Length && char.IsWhiteSpace(text[firstVisible]))
        {
            firstVisible++;
        }

        ScanWork.Add(firstVisible);
        if (firstVisible == text.Length)
        {
            failure = new(AccessDeniedMessageFormatError.Empty, $"The text is empty; expected an AWS AccessDenied message containing {Expected}.");
            return null;
        }

        if (text[firstVisible] is '{' or '"' && DecodedMessageReader.TryRead(text, out var decoded, out failure))
        {
            return decoded;
        }

        var layout = WrappedText.Analyse(text);
        var spaced = layout.Normalize(joinWraps: false);
        var message = ParseNormalized(spaced, out failure, out var score);
        var chosen = spaced;
        if (layout.HasJoinCandidates)
        {
            var joined = layout.Normalize(joinWraps: true);
            var rejoined = ParseNormalized(joined, out var joinedFailure, out var joinedScore);
            if (rejoined is not null && (message is null || joinedScore > score || (joinedScore == score && layout.WrapIsLikely)))
            {
                (message, failure, chosen) = (rejoined, null, joined);
            }
            else if (message is null)
            {
                // Neither reading parses: look for an encoded message in the rejoined text, where a wrapped blob is whole.
                (failure, chosen) = (layout.WrapIsLikely ? joinedFailure : failure, joined);
            }
        }

        if (message is null && failure!.Error == AccessDeniedMessageFormatError.NotAccessDenied
            && IndexOf(chosen, EncodedMarker, 0, chosen.Length) is var marker and >= 0
            && EncodedMessage(chosen, marker) is { } encoded)
        {
            failure = new(
                AccessDeniedMessageFormatError.EncodedMessageOnly,
                $"The text holds only an encoded authorization failure message, no {Expected} clause. Decode it (needs {AccessDeniedMessage.DecodePermission}) and give the output instead: {AccessDeniedMessage.DecodeCommand(encoded)}",
                encoded);
        }

        return message;
    }

    /// <summary>Parses collapsed text: the first <c>is not authorized to perform:</c> clause with a principal before it.</summary>
    private static AccessDeniedMessage? ParseNormalized(string w, out ParseFailure? failure, out int score)
    {
        score = int.MinValue;
        failure = new(AccessDeniedMessageFormatError.NotAccessDenied, $"No {Expected} clause found; the text is not an AWS AccessDenied message.");
        var searchFrom = 0;
        ParseFailure? firstProblem = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var perform = IndexOf(w, PerformMarker, searchFrom, w.Length);
            if (perform < 0)
            {
                break;
            }

            var message = ParseClause(w, searchFrom, perform, out var problem, out score);
            if (message is not null)
            {
                failure = null;
                return message;
            }

            firstProblem ??= problem;
            searchFrom = perform + PerformMarker.Length;
        }

        failure = firstProblem ?? failure;
        return null;
    }

    /// <summary>
    /// Reads the clause whose <c>is not authorized to perform:</c> is at <paramref name="perform"/>: principal, action,
    /// resource, reason, then the wrapper around it; <paramref name="score"/> says how well the reading fits the grammar.
    /// </summary>
    private static AccessDeniedMessage? ParseClause(string w, int floor, int perform, out ParseFailure? problem, out int score)
    {
        score = int.MinValue;
        if (!TryReadPrincipal(w, floor, perform, out var principal, out var clauseStart, out problem))
        {
            return null;
        }

        var (prefixStart, limit) = ClauseBounds(w, clauseStart, perform);
        if (!TryReadAction(w, perform, limit, out var action, out var actionStart, out var actionTokenEnd, out var actionEnd, out problem))
        {
            return null;
        }

        var regionEnd = RegionEnd(w, actionTokenEnd, limit);
        var consumed = actionEnd;
        var pos = SkipSpaces(w, actionTokenEnd, regionEnd);
        var grammarAfterAction = GrammarFollows(w, pos, regionEnd);
        var resource = ReadResource(w, regionEnd, ref pos, ref consumed);
        var reason = ReadReason(w, regionEnd, pos, action, ref consumed);
        var wrapper = ReadWrapper(w, prefixStart, clauseStart, consumed);

        var message = new AccessDeniedMessage
        {
            Principal = principal,
            Action = action,
            Resource = resource,
            DenialKind = reason.Denial,
            PolicyType = reason.PolicyType,
            TransitivePolicyType = reason.Transitive,
            PolicyArn = reason.PolicyArn,
            Operation = wrapper.Operation,
            ErrorCode = wrapper.ErrorCode,
            RequestId = wrapper.RequestId,
            HttpStatusCode = wrapper.Status,
            EncodedAuthorizationMessage = wrapper.Encoded,
            NormalizedMessage = $"User: {principal} is not authorized to perform: {w[actionStart..consumed]}",
        };
        score = Score(message, grammarAfterAction, reason.NamesAction) + (EndsCleanly(w, consumed) ? 1 : 0);
        return message;
    }

    /// <summary>The reason clause as read: implicit or explicit, the policy type (and the one it goes through), the policy ARN.</summary>
    private readonly record struct Reason(DenialKind Denial, PolicyType? PolicyType, PolicyType? Transitive, string? PolicyArn, bool NamesAction);

    /// <summary>What the SDK, CLI or console wrapper around the clause says.</summary>
    private readonly record struct Wrapper(string? Operation, string? ErrorCode, string? RequestId, int? Status, string? Encoded);

    /// <summary>Principal: between the last "User:" before the clause and "is not authorized"; or, without "User:", the ARN just before it.</summary>
    private static bool TryReadPrincipal(string w, int floor, int perform, out string principal, out int clauseStart, out ParseFailure? problem)
    {
        problem = null;
        var lookBack = Math.Max(floor, perform - PrincipalSpan);
        var userAt = LastIndexOf(w, UserMarker, lookBack, perform);
        principal = userAt < 0 ? "" : w[(userAt + UserMarker.Length)..perform].Trim();
        clauseStart = userAt;
        if (principal.Length == 0 || principal.Contains(' ', StringComparison.Ordinal))
        {
            var before = w.AsSpan(lookBack, perform - lookBack).TrimEnd(' ');
            var tokenStart = before.LastIndexOf(' ') + 1;
            ScanWork.Add(before.Length - tokenStart + 1);
            var token = before[tokenStart..];
            if (!token.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            {
                problem = new(AccessDeniedMessageFormatError.NotAccessDenied, $"The 'is not authorized to perform:' clause names no principal; expected {Expected}.");
                return false;
            }

            principal = token.ToString();
            clauseStart = lookBack + tokenStart;
        }

        return true;
    }

    /// <summary>Where the wrapper before the clause may start, and where the clause must end: a parenthesised wrapper (.NET "One or more errors occurred. (…)") ends at the matching ")".</summary>
    private static (int PrefixStart, int Limit) ClauseBounds(string w, int clauseStart, int perform)
    {
        var limit = Math.Min(w.Length, perform + ClauseWindow);
        var prefixStart = Math.Max(0, clauseStart - PrefixWindow);
        if (UnmatchedOpenParenthesis(w, prefixStart, clauseStart) && MatchingCloseParenthesis(w, clauseStart, limit) is var close and >= 0)
        {
            limit = close;
        }

        return (prefixStart, limit);
    }

    /// <summary>The action after "is not authorized to perform:", without quotes and trailing punctuation.</summary>
    private static bool TryReadAction(string w, int perform, int limit, out string action, out int actionStart, out int actionTokenEnd, out int actionEnd, out ParseFailure? problem)
    {
        problem = null;
        action = string.Empty;
        actionStart = SkipSpaces(w, perform + PerformMarker.Length, limit);
        actionTokenEnd = IndexOfSpace(w, actionStart, limit);
        actionEnd = TrimPunctuation(w, actionStart, actionTokenEnd);
        while (actionStart < actionEnd && w[actionStart] == '"')
        {
            actionStart++;
        }

        if (actionEnd <= actionStart)
        {
            problem = new(AccessDeniedMessageFormatError.NotAccessDenied, $"No action found after 'is not authorized to perform:'; expected {Expected}, e.g. 'iam:PassRole'.");
            return false;
        }

        action = w[actionStart..actionEnd];
        return true;
    }

    /// <summary>Where the clause's resource and reason must end: before the first SDK suffix, encoded message or second message.</summary>
    private static int RegionEnd(string w, int actionTokenEnd, int limit)
    {
        var regionEnd = limit;
        foreach (var terminator in Terminators)
        {
            var at = IndexOf(w, terminator, actionTokenEnd, regionEnd);
            if (at >= 0)
            {
                regionEnd = at;
            }
        }

        return regionEnd;
    }

    /// <summary>What follows the action must be grammar (resource, reason) or the end: a wrapped "iam:Pas sRole" fails this.</summary>
    private static bool GrammarFollows(string w, int pos, int regionEnd) =>
        pos >= regionEnd || StartsWith(w, pos, regionEnd, OnResource) || StartsWith(w, pos, regionEnd, OnThisResource)
        || StartsWith(w, pos, regionEnd, BecauseNo) || StartsWith(w, pos, regionEnd, WithExplicitDeny) || StartsWith(w, pos, regionEnd, DueToExplicitDeny)
        || w[pos] is '(' or '.';

    /// <summary>
    /// The resource after "on resource:" (quoted, or running to the reason: Glue job names hold spaces; with no reason, to
    /// the first space), or nothing for "on this resource"; moves <paramref name="pos"/> and <paramref name="consumed"/> past it.
    /// </summary>
    private static string? ReadResource(string w, int regionEnd, ref int pos, ref int consumed)
    {
        if (StartsWith(w, pos, regionEnd, OnResource))
        {
            var start = SkipSpaces(w, pos + OnResource.Length, regionEnd);
            int end;
            string resource;
            if (start < regionEnd && w[start] == '"' && IndexOf(w, "\"", start + 1, regionEnd) is var quote and >= 0)
            {
                resource = w[(start + 1)..quote];
                end = quote + 1;
            }
            else
            {
                var reason = IndexOfReason(w, start, regionEnd);
                end = reason >= 0 ? reason : IndexOfSpace(w, start, regionEnd);
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

            consumed = end;
            pos = SkipSpaces(w, end, regionEnd);
            return resource.Length == 0 ? null : resource;
        }

        if (StartsWith(w, pos, regionEnd, OnThisResource))
        {
            consumed = pos + OnThisResource.Length;
            pos = SkipSpaces(w, consumed, regionEnd);
        }

        return null;
    }

    /// <summary>The reason at <paramref name="pos"/>: "because no … allows the … action", or "with/due to an explicit deny [in …][: arn]".</summary>
    private static Reason ReadReason(string w, int regionEnd, int pos, string action, ref int consumed)
    {
        if (StartsWith(w, pos, regionEnd, BecauseNo))
        {
            return ReadImplicitReason(w, regionEnd, pos, action, ref consumed);
        }

        if (StartsWith(w, pos, regionEnd, WithExplicitDeny) || StartsWith(w, pos, regionEnd, DueToExplicitDeny))
        {
            return ReadExplicitReason(w, regionEnd, pos, ref consumed);
        }

        return new Reason(DenialKind.Unspecified, null, null, null, false);
    }

    /// <summary>"because no &lt;type&gt; allows the &lt;action&gt; action": the type, and whether the action named is the clause's.</summary>
    private static Reason ReadImplicitReason(string w, int regionEnd, int pos, string action, ref int consumed)
    {
        var typeStart = pos + BecauseNo.Length;
        var allows = IndexOf(w, AllowsThe, typeStart, regionEnd);
        var typeEnd = allows >= 0 ? allows : TrimPunctuation(w, typeStart, regionEnd);
        var policyType = ExactPolicyType(w.AsSpan(typeStart, typeEnd - typeStart));
        consumed = typeEnd;
        var namesAction = false;
        if (allows >= 0)
        {
            var action2 = allows + AllowsThe.Length;
            var actionWord = IndexOf(w, " action", action2, regionEnd);
            consumed = actionWord >= 0 ? actionWord + " action".Length : TrimPunctuation(w, action2, regionEnd);
            namesAction = actionWord >= 0 && w.AsSpan(action2, actionWord - action2).Equals(action, StringComparison.OrdinalIgnoreCase);
        }

        return new Reason(DenialKind.ImplicitDeny, policyType, null, null, namesAction);
    }

    /// <summary>"with an explicit deny [in a &lt;type&gt; [transitively through a &lt;type&gt;]][: arn | , with policy ARN: arn]".</summary>
    private static Reason ReadExplicitReason(string w, int regionEnd, int pos, ref int consumed)
    {
        PolicyType? policyType = null;
        PolicyType? transitive = null;
        string? policyArn = null;
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

        return new Reason(DenialKind.ExplicitDeny, policyType, transitive, policyArn, false);
    }

    /// <summary>The wrapper's operation, error code, request ID and status before the clause or in an SDK suffix, and an encoded message after it.</summary>
    private static Wrapper ReadWrapper(string w, int prefixStart, int clauseStart, int consumed)
    {
        var prefix = w.AsSpan(prefixStart, clauseStart - prefixStart);
        var suffix = w.AsSpan(consumed, Math.Min(SuffixWindow, w.Length - consumed));

        // SDK fields follow the clause directly (Java "(Service: …", Go v1 "status code: …" or its "{ RespMetadata: …" dump);
        // anything else after the clause is other text, e.g. the next lines of a log.
        var sdkSuffix = suffix.TrimStart(" .");
        if (!(sdkSuffix.StartsWith("(Service:", StringComparison.OrdinalIgnoreCase) || sdkSuffix.StartsWith("status code:", StringComparison.OrdinalIgnoreCase)
            || sdkSuffix.StartsWith('{')))
        {
            sdkSuffix = default;
        }

        ScanWork.Add(prefix.Length * 8 + suffix.Length * 8); // the wrapper look-ups below each scan these windows once
        var (operation, errorCode) = ParsePrefix(prefix);
        errorCode ??= ValueAfter(sdkSuffix, "Error Code:");
        var requestId = ValueAfter(prefix, "RequestID:") ?? ValueAfter(sdkSuffix, "Request ID:") ?? ValueAfter(sdkSuffix, "RequestID:");
        var statusText = ValueAfter(prefix, "StatusCode:") ?? ValueAfter(sdkSuffix, "Status Code:") ?? ValueAfter(sdkSuffix, "StatusCode:");
        int? status = int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        var encodedAt = IndexOf(w, EncodedMarker, consumed, consumed + suffix.Length);
        var encoded = encodedAt < 0 ? null : EncodedMessage(w, encodedAt);
        return new Wrapper(operation, errorCode, requestId, status, encoded);
    }

    /// <summary>The clause should end the text or be followed by a known suffix; a wrap read as a space leaves a stray fragment.</summary>
    private static bool EndsCleanly(string w, int consumed)
    {
        var after = SkipSpaces(w, consumed, w.Length);
        return after >= w.Length || w[after] is '.' or '(' or ')' or '"' or ',' or ';' || after != consumed && StartsWithAny(w, after, Terminators);
    }

    /// <summary>
    /// How well a reading fits the grammar, to choose between the two readings of a wrapped text: a mid-word wrap read as a
    /// space breaks a token (<c>iam:Pas sRole</c>, an ARN with a space), a space read as a wrap glues two words together.
    /// </summary>
    private static int Score(AccessDeniedMessage message, bool grammarAfterAction, bool reasonNamesAction)
    {
        var score = 0;
        if (message.Principal.StartsWith("arn:", StringComparison.OrdinalIgnoreCase) && message.PrincipalKind != PrincipalKind.Unknown)
        {
            score += 2;
        }

        if (grammarAfterAction)
        {
            score += 2;
        }

        if (message.Action.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && colon < message.Action.Length - 1)
        {
            score++;
        }

        if (message.Resource is { } resource && !resource.Contains(' ', StringComparison.Ordinal))
        {
            score++;
        }

        if (message.PassedRoleArn is not null)
        {
            score++;
        }

        if (message.DenialKind != DenialKind.Unspecified)
        {
            score++;
        }

        if (message.PolicyType is not null)
        {
            score++;
        }

        if (reasonNamesAction)
        {
            score += 2;
        }

        return score;
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

    /// <summary>The blob after the marker at <paramref name="markerAt"/>: base64url characters, read to their end.</summary>
    private static string? EncodedMessage(string w, int markerAt)
    {
        var start = SkipSpaces(w, markerAt + EncodedMarker.Length, w.Length);
        var end = start;
        while (end < w.Length && (char.IsAsciiLetterOrDigit(w[end]) || w[end] is '-' or '_' or '+' or '/' or '='))
        {
            end++;
        }

        ScanWork.Add(end - start + 1);
        return end == start ? null : w[start..end];
    }

    private static (PolicyType? Type, int End) PolicyTypeAfterArticle(string w, int pos, int end)
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

    private static PolicyType? ExactPolicyType(ReadOnlySpan<char> text)
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

    private static bool UnmatchedOpenParenthesis(string w, int from, int before)
    {
        ScanWork.Add(before - from);
        var depth = 0;
        for (var i = before - 1; i >= from; i--)
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

    private static int MatchingCloseParenthesis(string w, int from, int end)
    {
        ScanWork.Add(end - from);
        var depth = 0;
        for (var i = from; i < end; i++)
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

        // Charged for what IndexOf reads: up to the match, or the whole range.
        var at = w.AsSpan(start, end - start).IndexOf(value, StringComparison.OrdinalIgnoreCase);
        ScanWork.Add(at < 0 ? end - start : at + value.Length);
        return at < 0 ? -1 : start + at;
    }

    private static int LastIndexOf(string w, string value, int start, int end)
    {
        if (start >= end)
        {
            return -1;
        }

        var at = w.AsSpan(start, end - start).LastIndexOf(value, StringComparison.OrdinalIgnoreCase);
        ScanWork.Add(at < 0 ? end - start : end - start - at);
        return at < 0 ? -1 : start + at;
    }

    private static bool StartsWithAny(string w, int pos, string[] values)
    {
        foreach (var value in values)
        {
            if (StartsWith(w, pos, w.Length, value.TrimStart(' ')))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWith(string w, int pos, int end, string value)
    {
        ScanWork.Add(value.Length);
        return pos >= 0 && pos <= end && w.AsSpan(pos, end - pos).StartsWith(value, StringComparison.OrdinalIgnoreCase);
    }

    private static int SkipSpaces(string w, int pos, int end)
    {
        ScanWork.Add(1);
        while (pos < end && w[pos] == ' ')
        {
            pos++;
        }

        return pos;
    }

    private static int IndexOfSpace(string w, int start, int end)
    {
        ScanWork.Add(Math.Max(0, end - start));
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
