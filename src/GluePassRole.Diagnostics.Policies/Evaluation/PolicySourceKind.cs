namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>Where a policy came from: how it reaches the principal.</summary>
public enum PolicySourceKind
{
    /// <summary>An inline policy embedded in the IAM user.</summary>
    UserInline,

    /// <summary>A managed policy attached to the IAM user.</summary>
    UserManaged,

    /// <summary>An inline policy of a group the user belongs to.</summary>
    GroupInline,

    /// <summary>A managed policy attached to a group the user belongs to.</summary>
    GroupManaged,

    /// <summary>An inline policy embedded in the IAM role.</summary>
    RoleInline,

    /// <summary>A managed policy attached to the IAM role.</summary>
    RoleManaged,

    /// <summary>The managed policy set as the principal's permissions boundary.</summary>
    PermissionsBoundary,

    /// <summary>A service control policy attached at some level of the organization.</summary>
    ServiceControlPolicy,

    /// <summary>A resource control policy attached at some level of the organization.</summary>
    ResourceControlPolicy,

    /// <summary>A session policy of an assumed-role or federated-user session.</summary>
    SessionPolicy,

    /// <summary>The resource's own policy.</summary>
    ResourcePolicy,

    /// <summary>A policy supplied directly by the caller, e.g. from a unit test or a case file.</summary>
    Supplied,
}
