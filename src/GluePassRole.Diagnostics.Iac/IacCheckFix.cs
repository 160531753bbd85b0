using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Iac;

/// <summary>What a proposed change is made to.</summary>
public enum IacFixTargetKind
{
    /// <summary>An IAM user: a policy of its own.</summary>
    User,

    /// <summary>An IAM group: a policy every member gets.</summary>
    Group,

    /// <summary>An IAM role: a policy of its own, or its trust policy.</summary>
    Role,

    /// <summary>A customer managed policy, wherever it is attached.</summary>
    ManagedPolicy,
}

/// <summary>The user, group, role or managed policy a proposed change is made to.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Name">Its name.</param>
/// <param name="Arn">Its ARN.</param>
public sealed record IacFixTarget(IacFixTargetKind Kind, string Name, string Arn)
{
    /// <summary>Where the IaC defines it (file, line, logical ID or address); <see langword="null"/> when it does not (an entity of the snapshot's account).</summary>
    public IacOrigin? Origin { get; init; }

    /// <summary>The kind in words: <c>user</c>, <c>group</c>, <c>role</c>, <c>managed policy</c>.</summary>
    public string KindName => Kind == IacFixTargetKind.ManagedPolicy ? "managed policy" : Kind.ToString().ToLowerInvariant();

    /// <summary>Where it is defined, in words: <c>defined at FILE:LINE (LogicalId)</c>, or that the IaC does not define it.</summary>
    public string Where => Origin is { } origin ? $"defined at {origin}" : "not defined by the IaC (change it where it is managed)";

    /// <inheritdoc />
    /// <returns>e.g. <c>group analysts (arn:aws:iam::123456789012:group/analysts)</c>.</returns>
    public override string ToString() => $"{KindName} {Name} ({Arn})";
}

/// <summary>A change a check finding proposes: what it is made to, where, and what it is.</summary>
/// <param name="Target">The user, group, role or managed policy it is made to.</param>
/// <param name="Change">
/// The change in words, e.g. <c>add it as an inline policy of group analysts</c> or <c>add "Condition": ... to
/// statement #0 of inline policy P of group G</c>.
/// </param>
public sealed record IacCheckFix(IacFixTarget Target, string Change)
{
    /// <summary>The policy to add (a whole document), or the statement to add to the target's trust policy; <see langword="null"/> when the change is to an existing statement.</summary>
    public PolicyDocument? Policy { get; init; }

    /// <summary>
    /// Where in the IaC the change is made: the target's definition for a new policy, the policy's for a changed
    /// statement, the trust policy's for a new trusted service; <see langword="null"/> when the IaC does not define it.
    /// </summary>
    public IacOrigin? Where { get; init; }

    /// <summary>
    /// For a finding that could not be decided: the premise under which the change is needed and enough, e.g.
    /// <c>what could not be read neither allows nor denies it</c>; <see langword="null"/> when the finding is decided.
    /// </summary>
    public string? OnlyIf { get; init; }

    /// <summary>
    /// When the IaC defines what the change is made to: the change as a snippet in the file's own form (YAML, JSON, or
    /// HCL for a Terraform plan), with the file, line, logical ID or address and property it goes into; the statement
    /// it adds is <see cref="Policy"/>'s. <see langword="null"/> when the target is not the IaC's own.
    /// </summary>
    public TemplateChange? TemplateChange { get; init; }
}
