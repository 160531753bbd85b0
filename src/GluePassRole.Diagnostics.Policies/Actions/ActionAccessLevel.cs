namespace GluePassRole.Diagnostics.Policies.Actions;

/// <summary>
/// How the Service Authorization Reference classifies an action ("Access level" column of a service's actions table).
/// </summary>
public enum ActionAccessLevel
{
    /// <summary>Lists resources or their existence, without reading their contents.</summary>
    List,

    /// <summary>Reads resources or their attributes.</summary>
    Read,

    /// <summary>Creates, changes or deletes resources.</summary>
    Write,

    /// <summary>Grants or changes permissions (for example <c>iam:AttachRolePolicy</c>, <c>s3:PutBucketPolicy</c>).</summary>
    PermissionsManagement,

    /// <summary>Changes only the tags of resources.</summary>
    Tagging,
}
