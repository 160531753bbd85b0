namespace GluePassRole.Diagnostics.Investigation;

/// <summary>One thing the investigation found, with a stable <see cref="Code"/> tools can rely on.</summary>
/// <param name="Code">A stable code from <see cref="FindingCodes"/> (or a custom step's own).</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Message">One or two sentences for people.</param>
public sealed record Finding(string Code, FindingSeverity Severity, string Message)
{
    /// <summary>The facts behind the message: policy, statement, element, values.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>The step that reported it.</summary>
    public string? Step { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"[{Severity}] {Code}: {Message}";
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

    /// <summary>IAM's own policy simulator, asked the same question (before and after the fix), beside the local verdict.</summary>
    public const string SimulatorCrossCheck = "SimulatorCrossCheck";
}
