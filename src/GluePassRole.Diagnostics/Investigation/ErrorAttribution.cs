using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation;

/// <summary>
/// What AWS wrote in the error, read as evidence: the reason in words, and whether the policy type it names is one whose
/// documents the investigation could not read. Then the error's word stands for that layer (an SCP deny seen from a
/// member account), and the report says who can change it and which read permission would name the statement.
/// </summary>
internal static class ErrorAttribution
{
    /// <summary>The reason as AWS gives it: "an explicit deny in a service control policy", "no identity-based policy allows it".</summary>
    public static string Reason(AccessDeniedMessage error) => error.DenialKind switch
    {
        DenialKind.ExplicitDeny => "an explicit deny" + (error.PolicyType is { } type ? " in " + WithArticle(type) : string.Empty),
        DenialKind.ImplicitDeny => "no " + (error.PolicyType is { } type ? Noun(type) : "policy") + " allows it",
        _ => "no reason stated",
    };

    /// <summary>The blocker an error's denial stands for: an explicit deny, or a layer without an allow.</summary>
    public static BlockerKind BlockerKindOf(DenialKind denial) => denial == DenialKind.ExplicitDeny ? BlockerKind.ExplicitDeny : BlockerKind.NoAllow;

    /// <summary>One policy of the type, for a sentence: "service control policy".</summary>
    public static string Noun(PolicyType type) => type switch
    {
        PolicyType.IdentityBased => "identity-based policy",
        PolicyType.ResourceBased => "resource-based policy",
        PolicyType.PermissionsBoundary => "permissions boundary",
        PolicyType.SessionPolicy => "session policy",
        PolicyType.ServiceControlPolicy => "service control policy",
        PolicyType.ResourceControlPolicy => "resource control policy",
        PolicyType.VpcEndpointPolicy => "VPC endpoint policy",
        _ => "role trust policy",
    };

    /// <summary>"an identity-based policy", "a service control policy".</summary>
    public static string WithArticle(PolicyType type) => (type == PolicyType.IdentityBased ? "an " : "a ") + Noun(type);

    /// <summary>
    /// The policy type the error names when the investigation holds none of its documents: a gap was recorded for it, or
    /// the sources never read that kind (VPC endpoint policies, RCPs or session policies that were not supplied).
    /// <see langword="null"/> when the error names no type, states no denial, or the named layer was read.
    /// </summary>
    public static PolicyType? UnreadNamedType(AccessDeniedMessage? error, EffectivePolicies? policies)
    {
        if (error is not { PolicyType: { } type, DenialKind: DenialKind.ExplicitDeny or DenialKind.ImplicitDeny } || policies is null)
        {
            return null;
        }

        var set = policies.Policies;
        var unread = policies.Gaps.Any(g => g.PolicyType == type) || type switch
        {
            PolicyType.ServiceControlPolicy => set.ServiceControlPolicies is null,
            PolicyType.ResourceControlPolicy => set.ResourceControlPolicies is null,
            PolicyType.SessionPolicy => set.SessionPolicy is null,
            PolicyType.ResourceBased => set.ResourcePolicy is null,
            PolicyType.VpcEndpointPolicy => true,
            _ => false,
        };
        return unread ? type : null;
    }

    /// <summary>Who can change a policy of this type, for "no change inside the account resolves it: ...".</summary>
    public static string WhoCanChange(PolicyType type) => type switch
    {
        PolicyType.ServiceControlPolicy or PolicyType.ResourceControlPolicy =>
            "the organization's administrators (in the management account or a delegated administrator account) can change it",
        PolicyType.PermissionsBoundary => "the account's IAM administrators can change the boundary policy",
        PolicyType.SessionPolicy => "whoever creates the session passes the session policy (sts:AssumeRole or sts:GetFederationToken with --policy): a new session without that policy, or with one that allows it",
        PolicyType.VpcEndpointPolicy => "the owner of the VPC endpoint the request went through can change its endpoint policy",
        PolicyType.ResourceBased => "the owner of the resource can change its resource-based policy",
        _ => "the account's IAM administrators can change it",
    };

    /// <summary>The read permissions that would let the tool name the statement.</summary>
    public static string ReadPermissions(PolicyType type) => type switch
    {
        PolicyType.ServiceControlPolicy => "organizations:ListParents, organizations:ListPoliciesForTarget and organizations:DescribePolicy (from the management account or a delegated administrator)",
        PolicyType.ResourceControlPolicy => "organizations:ListParents, organizations:ListPoliciesForTarget (filter RESOURCE_CONTROL_POLICY) and organizations:DescribePolicy (from the management account or a delegated administrator)",
        PolicyType.PermissionsBoundary => "iam:GetUser or iam:GetRole, iam:GetPolicy and iam:GetPolicyVersion on the boundary policy",
        PolicyType.SessionPolicy => "none: a session policy is not stored by AWS; supply the one passed when the session was created",
        PolicyType.VpcEndpointPolicy => "ec2:DescribeVpcEndpoints in the endpoint's account",
        PolicyType.ResourceBased => "the resource's get-policy permission",
        _ => "iam:GetAccountAuthorizationDetails, or the iam:Get*/List* reads of the principal's policies",
    };
}
