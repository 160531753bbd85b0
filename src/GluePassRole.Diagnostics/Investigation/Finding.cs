using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Investigation;

/// <summary>One thing the investigation found, with a stable <see cref="Code"/> tools can rely on.</summary>
/// <param name="Code">A stable code from <see cref="FindingCodes"/> (or a custom step's own).</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Message">One or two sentences for people, written from <see cref="Evidence"/>.</param>
public sealed record Finding(string Code, FindingSeverity Severity, string Message)
{
    /// <summary>What the finding is about, as data: policy, statement, element, context key, the values compared.</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];

    /// <summary>The step that reported it.</summary>
    public string? Step { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"[{Severity}] {Code}: {Message}";
}

/// <summary>
/// One fact behind a finding, as data, so a host or a test need not read the sentence: which policy (name, ARN, where
/// attached), which statement (Sid or <c>#index</c>), which element, which context key, and the values compared.
/// </summary>
public sealed record Evidence
{
    /// <summary>The policy it is about, with where it is attached.</summary>
    public PolicySource? Policy { get; init; }

    /// <summary>The kind of policy (identity-based, boundary, SCP, ...).</summary>
    public PolicyType? PolicyType { get; init; }

    /// <summary>The statement's Sid, or <c>#index</c> when it has none.</summary>
    public string? Statement { get; init; }

    /// <summary>The statement element that decided (Action, Resource, Principal, Condition).</summary>
    public StatementElement? Element { get; init; }

    /// <summary>The condition key involved, e.g. <c>aws:MultiFactorAuthPresent</c>.</summary>
    public string? ContextKey { get; init; }

    /// <summary>What the policy states: resource patterns, condition values, trusted principals.</summary>
    public IReadOnlyList<string> Expected { get; init; } = [];

    /// <summary>What the request or the account has: the role ARN, the request's context values.</summary>
    public IReadOnlyList<string> Actual { get; init; } = [];

    /// <summary>The permission that would let the tool read what it could not (e.g. <c>iam:GetRole</c>).</summary>
    public string? MissingPermission { get; init; }

    /// <summary>Anything else, in words (e.g. the reason a read failed).</summary>
    public string? Note { get; init; }

    /// <summary>Evidence about a statement an evaluation matched.</summary>
    /// <param name="match">The matched statement.</param>
    /// <returns>The evidence.</returns>
    public static Evidence Of(StatementMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return new Evidence { Policy = match.Policy.Source, PolicyType = match.PolicyType, Statement = match.StatementLabel };
    }

    /// <summary>Evidence about a statement that did not apply, with the element that failed and why.</summary>
    /// <param name="miss">The statement that missed.</param>
    /// <param name="actual">The request's value the element was compared with.</param>
    /// <returns>The evidence.</returns>
    public static Evidence Of(StatementMiss miss, string? actual = null)
    {
        ArgumentNullException.ThrowIfNull(miss);
        var condition = miss.FailedElement == StatementElement.Condition ? miss.Conditions.FirstOrDefault(c => !c.IsSatisfied) : null;
        return new Evidence
        {
            Policy = miss.Policy.Source,
            PolicyType = miss.PolicyType,
            Statement = miss.StatementLabel,
            Element = miss.FailedElement,
            ContextKey = condition?.Condition.Key,
            Expected = miss.FailedElement == StatementElement.Resource ? miss.ResourcePatterns : condition?.Condition.Values ?? [],
            Actual = actual is not null ? [actual] : condition?.RequestValues ?? [],
            Note = miss.Reason,
        };
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (Statement is not null)
        {
            parts.Add($"statement {Statement}");
        }

        if (Policy is not null)
        {
            parts.Add($"of {Policy}");
        }

        if (Element is { } element)
        {
            parts.Add($"element {element}" + (ContextKey is null ? string.Empty : $" ({ContextKey})"));
        }
        else if (ContextKey is not null)
        {
            parts.Add(ContextKey);
        }

        if (Expected.Count > 0)
        {
            parts.Add("states " + string.Join(", ", Expected));
        }

        if (Actual.Count > 0)
        {
            parts.Add("has " + string.Join(", ", Actual));
        }

        if (Note is not null)
        {
            parts.Add(Note);
        }

        if (MissingPermission is not null)
        {
            parts.Add("needs " + MissingPermission);
        }

        return string.Join("; ", parts);
    }
}

/// <summary>How much a finding matters.</summary>
public enum FindingSeverity
{
    /// <summary>Context that helps understanding.</summary>
    Info,

    /// <summary>Something to check or fix, not the cause.</summary>
    Warning,

    /// <summary>A cause of the denial, or something that breaks the job even after the fix.</summary>
    Error,
}

/// <summary>The stable finding codes of the built-in steps. Codes are public contract: never renamed or reused.</summary>
public static class FindingCodes
{
    /// <summary>The error text could not be parsed as an AccessDenied message.</summary>
    public const string NotAccessDenied = "NotAccessDenied";

    /// <summary>The error holds only an encoded authorization failure message: the finding gives the command that decodes it.</summary>
    public const string EncodedAuthorizationMessage = "EncodedAuthorizationMessage";

    /// <summary>The account being read is not the account in the error.</summary>
    public const string AccountMismatch = "AccountMismatch";

    /// <summary>An MFA guardrail (a deny conditioned on <c>aws:MultiFactorAuthPresent</c>) decides the request.</summary>
    public const string MfaGuardrail = "MfaGuardrail";

    /// <summary>What the investigation inferred about the failed request's context from the error's wording.</summary>
    public const string InferredContext = "InferredContext";

    /// <summary>An allow that mentions <c>iam:PassRole</c> but does not cover this role or service.</summary>
    public const string NearMissAllow = "NearMissAllow";

    /// <summary>An explicit deny statement that applies.</summary>
    public const string ExplicitDenyStatement = "ExplicitDenyStatement";

    /// <summary>A layer (identity, permissions boundary, SCP level, session policy) has no allow.</summary>
    public const string LayerLacksAllow = "LayerLacksAllow";

    /// <summary>The role's trust policy does not let the service assume it: the job fails later even with PassRole.</summary>
    public const string RoleTrustMissingService = "RoleTrustMissingService";

    /// <summary>The Glue job uses a different role than the one in the error.</summary>
    public const string JobRoleMismatch = "JobRoleMismatch";

    /// <summary>
    /// The role's trust policy lets the service assume it only under a condition the data cannot settle (e.g. a
    /// confused-deputy guard on <c>aws:SourceAccount</c>, which AWS does not document the service sends).
    /// </summary>
    public const string RoleTrustConditional = "RoleTrustConditional";

    /// <summary>The role is in another account than the principal: a role cannot be passed to a service in another account.</summary>
    public const string CrossAccountRole = "CrossAccountRole";

    /// <summary>The verdict depends on circumstances of the call (network, MFA, time, Region) that the data cannot settle.</summary>
    public const string ConditionalVerdict = "ConditionalVerdict";

    /// <summary>The principal, role or job does not exist in the account.</summary>
    public const string NotFound = "NotFound";

    /// <summary>Some data could not be read; the finding names the missing permission.</summary>
    public const string UnreadableData = "UnreadableData";

    /// <summary>A PassRole allow on <c>*</c> or without <c>iam:PassedToService</c>.</summary>
    public const string OverlyBroadPassRole = "OverlyBroadPassRole";

    /// <summary>The request is allowed: the error is stale or came from another principal or role.</summary>
    public const string AlreadyAllowed = "AlreadyAllowed";

    /// <summary>The principal is an IAM Identity Center role: change the permission set, not the role.</summary>
    public const string IdentityCenterRole = "IdentityCenterRole";

    /// <summary>The decision disagrees with the reason the error states.</summary>
    public const string ErrorReasonMismatch = "ErrorReasonMismatch";

    /// <summary>
    /// The error names a policy type whose documents could not be read (an SCP from a member account): the deny is taken
    /// from the error text; the finding says who can change it and which read permission would name the statement.
    /// </summary>
    public const string DenyNamedByError = "DenyNamedByError";

    /// <summary>IAM's own policy simulator, asked the same question (before and after the fix), beside the local verdict.</summary>
    public const string SimulatorCrossCheck = "SimulatorCrossCheck";
}
