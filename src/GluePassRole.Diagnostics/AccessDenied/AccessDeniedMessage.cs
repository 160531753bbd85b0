using System.Diagnostics.CodeAnalysis;
using GluePassRole.Diagnostics.AccessDenied.Internal;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.AccessDenied;

/// <summary>
/// A parsed AWS AccessDenied message: <c>User: &lt;principal&gt; is not authorized to perform: &lt;action&gt;
/// [on resource: &lt;resource&gt;] [&lt;reason&gt;]</c>, with whatever the surrounding SDK, CLI or console wrapper adds
/// (operation, error code, request ID, encoded authorization message).
/// </summary>
/// <remarks>
/// <para>
/// Grammar: IAM User Guide, "Troubleshoot access denied error messages"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html); policy ARN suffix: AWS Security Blog,
/// "Enhanced access denied error messages with policy ARNs". Principal-derived members (<see cref="PrincipalKind"/>,
/// <see cref="Account"/>, <see cref="RoleName"/> …) and resource-derived members (<see cref="IsPassRole"/>,
/// <see cref="PassedRoleArn"/> …) are computed from <see cref="Principal"/>, <see cref="Action"/> and <see cref="Resource"/>,
/// so a <c>with</c>-copy stays consistent.
/// </para>
/// <para>
/// The text may be a whole log: the first clause with a principal before it is parsed, wherever it is (of the first 256
/// <c>is not authorized to perform:</c> phrases), in work linear in the input, up to <see cref="MaxInputLength"/> characters (longer texts get
/// <see cref="AccessDeniedMessageFormatError.TooLong"/>). Whitespace runs (including line breaks of wrapped or console text,
/// the escaped <c>\n</c>, <c>\r</c>, <c>\t</c> of JSON logs, and Terraform's <c>│</c> frame bars) are collapsed to one space,
/// so a resource that contains several consecutive spaces keeps only one. A prefix that every line shares (indentation,
/// <c>&gt; </c> quote marks) is removed. Text hard-wrapped at a fixed column, as <c>fold -w N</c> or a terminal copy leaves it
/// (<c>iam:Pas</c> / <c>sRole</c>), is rejoined where the wrap split a word: a line break between two non-space characters
/// after a line of the widest width is read both as a space and as nothing, and the reading that fits the grammar better
/// wins. A resource with no reason clause after it ends at the first space and loses one trailing period.
/// </para>
/// <para>
/// The output of <c>aws sts decode-authorization-message</c> (the CLI's <c>{"DecodedMessage": "…"}</c> or the decoded JSON
/// itself) is read too: it gives principal, action, resource and explicit/implicit deny, plus <see cref="Decoded"/> with the
/// full request context and the matched statements.
/// </para>
/// <para>
/// Wrappers recognised: the AWS CLI and boto3 (<c>An error occurred (Code) when calling the Op operation: </c>), the Glue
/// console (<c>updateJob: AccessDeniedException:</c>), the Java SDK (<c>(Service: …; Status Code: …; Error Code: …; Request ID: …)</c>),
/// the Go SDK v1 (<c>Code: …\n\tstatus code: …, request id: …</c>) and v2 (<c>operation error Svc: Op, https response error
/// StatusCode: …, RequestID: …, [api error] Code: …</c>), .NET's <c>One or more errors occurred. (…)</c> and EC2's
/// <c>Encoded authorization failure message: …</c>.
/// </para>
/// </remarks>
public sealed record AccessDeniedMessage
{
    /// <summary>
    /// The longest text read by <see cref="Parse(string)"/> and <see cref="TryParse(string?, out AccessDeniedMessage?)"/>:
    /// 10,485,760 characters (10 Mi UTF-16 code units), enough for a long log with the error anywhere in it.
    /// </summary>
    public const int MaxInputLength = 10 * 1024 * 1024;

    /// <summary>The permission <see cref="DecodeCommand(string)"/> needs: <c>sts:DecodeAuthorizationMessage</c> (read-only).</summary>
    public const string DecodePermission = "sts:DecodeAuthorizationMessage";

    /// <summary>The principal as written after <c>User:</c>, usually an ARN, e.g. <c>arn:aws:iam::123456789012:user/JohnDoe</c>.</summary>
    public required string Principal { get; init; }

    /// <summary>The denied action as written, e.g. <c>iam:PassRole</c>.</summary>
    public required string Action { get; init; }

    /// <summary>
    /// The resource after <c>on resource:</c>, without quotes and trailing period; <see langword="null"/> when the message
    /// names none or says <c>on this resource</c>. May contain spaces (Glue job names).
    /// </summary>
    public string? Resource { get; init; }

    /// <summary>Whether the reason clause reports an explicit deny, an implicit deny, or nothing.</summary>
    public DenialKind DenialKind { get; init; }

    /// <summary>
    /// The policy type the reason clause names; <see langword="null"/> when there is no reason, a bare
    /// <c>with an explicit deny</c>, or a policy type this version does not know.
    /// </summary>
    public PolicyType? PolicyType { get; init; }

    /// <summary>
    /// For <c>… in a VPC endpoint policy transitively through a service control policy</c>, the policy type after
    /// <c>transitively through</c>; otherwise <see langword="null"/>.
    /// </summary>
    public PolicyType? TransitivePolicyType { get; init; }

    /// <summary>
    /// The ARN of the denying policy, from the <c>…policy: arn:…</c> suffix or S3's <c>…policy, with policy ARN: arn:…</c>;
    /// <see langword="null"/> when absent (implicit denies, cross-account requests, older messages).
    /// </summary>
    public string? PolicyArn { get; init; }

    /// <summary>
    /// The API operation named by the wrapper, in the API's PascalCase spelling: <c>UpdateJob</c> from
    /// <c>when calling the UpdateJob operation</c> or from the Glue console's <c>updateJob:</c>; otherwise <see langword="null"/>.
    /// </summary>
    public string? Operation { get; init; }

    /// <summary>The error code named by the wrapper, e.g. <c>AccessDeniedException</c> or <c>AccessDenied</c>; otherwise <see langword="null"/>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The request ID from a Java or Go SDK wrapper; otherwise <see langword="null"/>.</summary>
    public string? RequestId { get; init; }

    /// <summary>The HTTP status code from a Java or Go SDK wrapper (e.g. 400 or 403); otherwise <see langword="null"/>.</summary>
    public int? HttpStatusCode { get; init; }

    /// <summary>
    /// The text after <c>Encoded authorization failure message:</c> (decode it with <c>sts:DecodeAuthorizationMessage</c>);
    /// otherwise <see langword="null"/>.
    /// </summary>
    public string? EncodedAuthorizationMessage { get; init; }

    /// <summary>
    /// What the decoded authorization message adds (request context, matched statements) when the parsed text was the
    /// output of <c>aws sts decode-authorization-message</c>; otherwise <see langword="null"/>.
    /// </summary>
    public DecodedAuthorizationMessage? Decoded { get; init; }

    /// <summary>
    /// The AccessDenied clause alone, on one line with single spaces and no wrapper, e.g.
    /// <c>User: arn:… is not authorized to perform: iam:PassRole on resource: arn:… because no identity-based policy allows the iam:PassRole action</c>.
    /// For a decoded message, the clause rendered from its context (<c>… with an explicit deny</c> or <c>… because no policy allows the … action</c>).
    /// </summary>
    public required string NormalizedMessage { get; init; }

    /// <summary>The kind of <see cref="Principal"/>.</summary>
    public PrincipalKind PrincipalKind => PrincipalArn.Read(Principal).Kind;

    /// <summary>The account field of the principal ARN as written (it may be a placeholder such as <c>&lt;account-id&gt;</c>); <see langword="null"/> when the principal is not an ARN.</summary>
    public string? Account => PrincipalArn.Read(Principal).Account;

    /// <summary>The user name without path for <see cref="PrincipalKind.IamUser"/> and <see cref="PrincipalKind.FederatedUser"/>; otherwise <see langword="null"/>.</summary>
    public string? UserName => PrincipalArn.Read(Principal).UserName;

    /// <summary>The role name (without path) for <see cref="PrincipalKind.AssumedRole"/> and <see cref="PrincipalKind.IamRole"/>; otherwise <see langword="null"/>.</summary>
    public string? RoleName => PrincipalArn.Read(Principal).RoleName;

    /// <summary>The session name for <see cref="PrincipalKind.AssumedRole"/>; otherwise <see langword="null"/>.</summary>
    public string? SessionName => PrincipalArn.Read(Principal).SessionName;

    /// <summary>Whether <see cref="RoleName"/> is an IAM Identity Center role, <c>AWSReservedSSO_&lt;PermissionSet&gt;_&lt;hex&gt;</c>.</summary>
    public bool IsSsoRole => SsoPermissionSetName is not null;

    /// <summary>For an IAM Identity Center role, the permission set name from <c>AWSReservedSSO_&lt;PermissionSet&gt;_&lt;hex&gt;</c>; otherwise <see langword="null"/>.</summary>
    public string? SsoPermissionSetName => PrincipalArn.SsoPermissionSetName(RoleName);

    /// <summary>Whether the denied action is <c>iam:PassRole</c> (compared case-insensitively, as IAM does).</summary>
    public bool IsPassRole => string.Equals(Action, "iam:PassRole", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// For an <c>iam:PassRole</c> denial on an IAM role ARN (<c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role/&lt;path/&gt;&lt;name&gt;</c>), that ARN;
    /// otherwise <see langword="null"/>.
    /// </summary>
    public string? PassedRoleArn => IsPassRole && RoleArn.TryParse(Resource, out _, out _) ? Resource : null;

    /// <summary>The name (without path) of <see cref="PassedRoleArn"/>; otherwise <see langword="null"/>.</summary>
    public string? PassedRoleName => IsPassRole && RoleArn.TryParse(Resource, out _, out var name) ? name : null;

    /// <summary>The IAM path of <see cref="PassedRoleArn"/>, <c>/</c> or e.g. <c>/service-role/</c>; otherwise <see langword="null"/>.</summary>
    public string? PassedRolePath => IsPassRole && RoleArn.TryParse(Resource, out var path, out _) ? path : null;

    /// <summary>
    /// Parses an AccessDenied message, with or without an SDK, CLI or console wrapper, alone or inside a log; or the output
    /// of <c>aws sts decode-authorization-message</c>.
    /// </summary>
    /// <param name="text">The message as copied: line breaks, wraps, indentation, quote marks and wrappers are tolerated.</param>
    /// <returns>The parsed message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="AccessDeniedMessageFormatException">
    /// The text cannot be read; <see cref="AccessDeniedMessageFormatException.Error"/> says why: empty or whitespace only,
    /// longer than <see cref="MaxInputLength"/>, no <c>User: &lt;arn&gt; is not authorized to perform: &lt;action&gt;</c>
    /// clause, only an encoded authorization message (with the blob in
    /// <see cref="AccessDeniedMessageFormatException.EncodedAuthorizationMessage"/>), or JSON that is not a decoded message.
    /// </exception>
    public static AccessDeniedMessage Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AccessDeniedMessageParser.Parse(text, out var failure)
            ?? throw failure!.ToException();
    }

    /// <summary>
    /// Tries to parse an AccessDenied message; see <see cref="Parse(string)"/>. Gives <see langword="false"/> for every kind
    /// of failure: use <see cref="Parse(string)"/> to learn which (empty input, encoded message only, …).
    /// </summary>
    /// <param name="text">The message as copied; <see langword="null"/> gives <see langword="false"/>.</param>
    /// <param name="message">The parsed message, or <see langword="null"/> when the text is not an AccessDenied message.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> was parsed.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out AccessDeniedMessage? message)
    {
        message = text is null ? null : AccessDeniedMessageParser.Parse(text, out _);
        return message is not null;
    }

    /// <summary>
    /// The AWS CLI command that decodes an encoded authorization failure message and prints the JSON that
    /// <see cref="Parse(string)"/> reads: <c>aws sts decode-authorization-message --encoded-message &lt;blob&gt; --query DecodedMessage --output text</c>.
    /// It needs <see cref="DecodePermission"/>.
    /// </summary>
    /// <param name="encodedMessage">The encoded message, e.g. <see cref="EncodedAuthorizationMessage"/>.</param>
    /// <returns>The command, with the blob single-quoted for a POSIX shell when it holds other than base64url characters.</returns>
    /// <exception cref="ArgumentException"><paramref name="encodedMessage"/> is null, empty or whitespace.</exception>
    public static string DecodeCommand(string encodedMessage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encodedMessage);
        var plain = encodedMessage.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '=');
        var argument = plain ? encodedMessage : "'" + encodedMessage.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        return $"aws sts decode-authorization-message --encoded-message {argument} --query DecodedMessage --output text";
    }

    /// <summary>Returns <see cref="NormalizedMessage"/>.</summary>
    /// <returns>The AccessDenied clause on one line.</returns>
    public override string ToString() => NormalizedMessage;
}
