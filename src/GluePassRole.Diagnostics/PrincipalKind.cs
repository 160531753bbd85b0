namespace GluePassRole.Diagnostics;

/// <summary>The kind of principal: named after <c>User:</c> in an AccessDenied message, or resolved from an account.</summary>
public enum PrincipalKind
{
    /// <summary>The principal is not an ARN of a known shape (for example <c>anonymous</c>).</summary>
    Unknown = 0,

    /// <summary>An IAM user: <c>arn:aws:iam::&lt;account&gt;:user/&lt;path/&gt;&lt;name&gt;</c>.</summary>
    IamUser,

    /// <summary>A role session: <c>arn:aws:sts::&lt;account&gt;:assumed-role/&lt;role&gt;/&lt;session&gt;</c>. The ARN carries no IAM path.</summary>
    AssumedRole,

    /// <summary>A federated user session: <c>arn:aws:sts::&lt;account&gt;:federated-user/&lt;name&gt;</c>.</summary>
    FederatedUser,

    /// <summary>The account root user: <c>arn:aws:iam::&lt;account&gt;:root</c>.</summary>
    Root,

    /// <summary>An IAM role ARN: <c>arn:aws:iam::&lt;account&gt;:role/&lt;path/&gt;&lt;name&gt;</c>.</summary>
    IamRole,
}
