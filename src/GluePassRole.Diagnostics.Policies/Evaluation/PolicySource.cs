namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>The provenance of a policy: what kind it is, its name, its ARN and what it is attached to.</summary>
/// <param name="Kind">How the policy reaches the principal.</param>
/// <param name="Name">The policy name (inline name, managed policy name, SCP name), or a label for supplied policies.</param>
public sealed record PolicySource(PolicySourceKind Kind, string Name)
{
    /// <summary>The managed policy's or SCP's ARN, when it has one.</summary>
    public string? Arn { get; init; }

    /// <summary>What the policy is attached to: the group, user or role name, or the organization target (root, OU, account).</summary>
    public string? AttachedTo { get; init; }

    /// <summary>Whether this is an AWS managed policy (<c>arn:aws:iam::aws:policy/...</c>).</summary>
    public bool IsAwsManaged => Arn is not null && Arn.Contains(":iam::aws:policy/", StringComparison.Ordinal);

    /// <summary>Creates the source of a policy supplied directly by the caller.</summary>
    /// <param name="name">A label for messages.</param>
    /// <returns>The source.</returns>
    public static PolicySource Supplied(string name) => new(PolicySourceKind.Supplied, name);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        PolicySourceKind.UserInline => $"inline policy {Name} of user {AttachedTo}",
        PolicySourceKind.UserManaged => $"managed policy {Name} attached to user {AttachedTo}",
        PolicySourceKind.GroupInline => $"inline policy {Name} of group {AttachedTo}",
        PolicySourceKind.GroupManaged => $"managed policy {Name} attached to group {AttachedTo}",
        PolicySourceKind.RoleInline => $"inline policy {Name} of role {AttachedTo}",
        PolicySourceKind.RoleManaged => $"managed policy {Name} attached to role {AttachedTo}",
        PolicySourceKind.PermissionsBoundary => $"permissions boundary {Name}",
        PolicySourceKind.ServiceControlPolicy => $"service control policy {Name}" + (AttachedTo is null ? string.Empty : $" on {AttachedTo}"),
        PolicySourceKind.ResourceControlPolicy => $"resource control policy {Name}" + (AttachedTo is null ? string.Empty : $" on {AttachedTo}"),
        PolicySourceKind.SessionPolicy => $"session policy {Name}",
        PolicySourceKind.ResourcePolicy => $"resource policy {Name}",
        _ => $"policy {Name}",
    };
}
