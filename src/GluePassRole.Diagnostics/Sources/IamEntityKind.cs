namespace GluePassRole.Diagnostics.Sources;

/// <summary>The IAM identities that carry policies.</summary>
public enum IamEntityKind
{
    /// <summary>An IAM user.</summary>
    User,

    /// <summary>An IAM group.</summary>
    Group,

    /// <summary>An IAM role.</summary>
    Role,
}
