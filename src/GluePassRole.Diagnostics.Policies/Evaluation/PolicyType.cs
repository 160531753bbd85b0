namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>The kinds of policy AWS evaluates for a request (IAM User Guide, "Policy evaluation logic").</summary>
public enum PolicyType
{
    /// <summary>Policies attached to the principal: user, group or role; inline or managed.</summary>
    IdentityBased,

    /// <summary>A policy attached to the resource (e.g. a bucket policy or a role trust policy).</summary>
    ResourceBased,

    /// <summary>The principal's permissions boundary: a managed policy that caps identity-based permissions.</summary>
    PermissionsBoundary,

    /// <summary>An AWS Organizations service control policy.</summary>
    ServiceControlPolicy,

    /// <summary>An AWS Organizations resource control policy.</summary>
    ResourceControlPolicy,

    /// <summary>A session policy passed when assuming a role or federating a user.</summary>
    SessionPolicy,

    /// <summary>
    /// A role's trust policy: the resource-based policy of an IAM role, evaluated when a principal assumes it. Its
    /// grammar differs from other resource-based policies (no <c>NotPrincipal</c>), so documents are parsed as it;
    /// the evaluator takes it as the set's <see cref="PolicySet.ResourcePolicy"/>.
    /// </summary>
    RoleTrustPolicy,

    /// <summary>
    /// A VPC endpoint policy: AWS names it in AccessDenied errors ("... because no VPC endpoint policy allows ..."); the
    /// evaluator does not model the network path, so no policy set holds one.
    /// </summary>
    VpcEndpointPolicy,
}
