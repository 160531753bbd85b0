using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.AccessDenied;

/// <summary>
/// What <c>sts:DecodeAuthorizationMessage</c> adds to an AccessDenied message: the full request context AWS evaluated
/// and the statements that matched. Carried by <see cref="AccessDeniedMessage.Decoded"/> when the parsed text was the
/// decoded JSON.
/// </summary>
/// <remarks>
/// Shape: AWS STS API Reference, "DecodeAuthorizationMessage"
/// (https://docs.aws.amazon.com/goto/WebAPI/sts/DecodeAuthorizationMessage), and the CLI example in the
/// IAM User Guide, "Use DecodeAuthorizationMessage with a CLI"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/sts_example_sts_DecodeAuthorizationMessage_section.html):
/// <c>{"allowed", "explicitDeny", "matchedStatements": {"items": [...]}, "failures", "context": {"principal": {"id", "arn"},
/// "action", "resource", "conditions": {"items": [{"key", "values": {"items": [{"value"}]}}]}}}</c>.
/// </remarks>
public sealed record DecodedAuthorizationMessage
{
    /// <summary>The principal's unique ID from the context, e.g. <c>AROA123456789EXAMPLE:Ana</c>; <see langword="null"/> when absent.</summary>
    public string? PrincipalId { get; init; }

    /// <summary>
    /// The condition keys and values of the denied request as AWS saw them (<c>context.conditions</c>), e.g.
    /// <c>aws:MultiFactorAuthPresent</c>, <c>iam:PassedToService</c>: evaluate under these to reproduce the decision.
    /// </summary>
    public required RequestContext Context { get; init; }

    /// <summary>The statements AWS reports as matched (<c>matchedStatements</c>), in order; empty when none matched (an implicit deny).</summary>
    public required IReadOnlyList<DecodedStatement> MatchedStatements { get; init; }
}

/// <summary>A statement of <see cref="DecodedAuthorizationMessage.MatchedStatements"/>, as the decoded message spells it.</summary>
public sealed record DecodedStatement
{
    /// <summary>The statement's <c>Sid</c> (<c>statementId</c>); <see langword="null"/> when absent.</summary>
    public string? StatementId { get; init; }

    /// <summary>The statement's effect (<c>"DENY"</c> or <c>"ALLOW"</c> in the decoded message).</summary>
    public required Effect Effect { get; init; }

    /// <summary>The principals the statement applies to, as written (often unique IDs such as <c>AROA…</c>).</summary>
    public IReadOnlyList<string> Principals { get; init; } = [];

    /// <summary>The principal groups the statement applies to.</summary>
    public IReadOnlyList<string> PrincipalGroups { get; init; } = [];

    /// <summary>The statement's actions, e.g. <c>iam:PassRole</c>.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <summary>The statement's resources, e.g. <c>*</c>.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>
    /// The statement's <c>conditions</c> element as raw JSON (AWS documents no fixed shape for it); <see langword="null"/>
    /// when absent or empty.
    /// </summary>
    public string? ConditionsJson { get; init; }
}
