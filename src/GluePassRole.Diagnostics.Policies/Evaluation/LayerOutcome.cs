namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>What one layer of the evaluation (identity, boundary, one SCP level, ...) contributed.</summary>
/// <param name="PolicyType">The layer.</param>
/// <param name="Status">Whether it allowed, denied, lacked an allow, or did not take part.</param>
public sealed record LayerOutcome(PolicyType PolicyType, LayerStatus Status)
{
    /// <summary>The organization level (0 = root) for SCPs and RCPs; <see langword="null"/> otherwise.</summary>
    public int? Level { get; init; }

    /// <summary>
    /// Why the layer decided as it did when a documented exception to the general rules applies, e.g. a role's trust
    /// policy that must allow on its own, or a federated-user session without a session policy; otherwise <see langword="null"/>.
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>A name for messages, e.g. <c>service control policies (level 1)</c>.</summary>
    public string Name => PolicyType switch
    {
        PolicyType.IdentityBased => "identity-based policies",
        PolicyType.ResourceBased => "resource-based policy",
        PolicyType.PermissionsBoundary => "permissions boundary",
        PolicyType.ServiceControlPolicy => $"service control policies (level {Level})",
        PolicyType.ResourceControlPolicy => $"resource control policies (level {Level})",
        PolicyType.SessionPolicy => "session policy",
        _ => PolicyType.ToString(),
    };

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Status}";
}

/// <summary>A layer's contribution to the decision.</summary>
public enum LayerStatus
{
    /// <summary>The layer has no policies for this request (no boundary, not in an organization, RCPs do not apply to the service).</summary>
    NotApplicable,

    /// <summary>An allow in the layer applied and no deny did.</summary>
    Allows,

    /// <summary>A deny in the layer applied.</summary>
    Denies,

    /// <summary>No statement of the layer allowed the request.</summary>
    NoAllow,
}
