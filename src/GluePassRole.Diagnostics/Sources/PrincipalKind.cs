namespace GluePassRole.Diagnostics.Sources;

/// <summary>The kinds of principal whose effective policies can be resolved.</summary>
public enum PrincipalKind
{
    /// <summary>An IAM user (<c>arn:aws:iam::ACCT:user/PATH/NAME</c>).</summary>
    User,

    /// <summary>An IAM role named directly (<c>arn:aws:iam::ACCT:role/PATH/NAME</c>).</summary>
    Role,

    /// <summary>A role session (<c>arn:aws:sts::ACCT:assumed-role/NAME/SESSION</c>), resolved to its role.</summary>
    AssumedRoleSession,
}
