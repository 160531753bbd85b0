namespace GluePassRole.Diagnostics.AccessDenied;

/// <summary>The policy type an AccessDenied message names in its reason clause.</summary>
/// <remarks>
/// When several policy types deny a request, AWS names only one of them, and when a service control policy denies,
/// the message may say "explicit" even if the denial is implicit (IAM User Guide, "Troubleshoot access denied error messages").
/// </remarks>
public enum AccessDeniedPolicyType
{
    /// <summary><c>identity-based policy</c>: a policy attached to the user, its groups or the role.</summary>
    IdentityBased,

    /// <summary><c>resource-based policy</c>: a policy attached to the resource.</summary>
    ResourceBased,

    /// <summary><c>permissions boundary</c>: the principal's permissions boundary.</summary>
    PermissionsBoundary,

    /// <summary><c>session policy</c> (the IAM User Guide also spells it <c>sessions policy</c>).</summary>
    SessionPolicy,

    /// <summary><c>service control policy</c>: an AWS Organizations SCP.</summary>
    ServiceControlPolicy,

    /// <summary><c>resource control policy</c>: an AWS Organizations RCP.</summary>
    ResourceControlPolicy,

    /// <summary><c>VPC endpoint policy</c>: the policy of the VPC endpoint the request went through.</summary>
    VpcEndpointPolicy,

    /// <summary><c>role trust policy</c>: the trust policy of the role being assumed.</summary>
    RoleTrustPolicy,
}
