using System.Collections.Frozen;

namespace GluePassRole.Diagnostics.Aws.Internal.Protocol;

/// <summary>
/// The only operations the library's own IAM, Glue, Organizations and IAM Identity Center clients can send. The marshallers refuse anything
/// else before a request exists, so the clients are read-only by construction, not by review.
/// </summary>
internal static class ReadOnlyOperations
{
    /// <summary>IAM (Query protocol) actions.</summary>
    public static readonly FrozenSet<string> Iam = FrozenSet.Create(
        StringComparer.Ordinal,
        "GetUser",
        "GetGroup",
        "GetRole",
        "GetPolicy",
        "GetPolicyVersion",
        "GetUserPolicy",
        "GetGroupPolicy",
        "GetRolePolicy",
        "ListGroupsForUser",
        "ListUsers",
        "ListRoles",
        "ListUserPolicies",
        "ListGroupPolicies",
        "ListRolePolicies",
        "ListAttachedUserPolicies",
        "ListAttachedGroupPolicies",
        "ListAttachedRolePolicies",
        "GetAccountAuthorizationDetails",
        "SimulatePrincipalPolicy");

    /// <summary>Glue (JSON 1.1) operations.</summary>
    public static readonly FrozenSet<string> Glue = FrozenSet.Create(
        StringComparer.Ordinal,
        "GetJob",
        "GetCrawler",
        "GetSession",
        "GetDevEndpoint",
        "GetMLTransform",
        "GetJobs",
        "GetCrawlers",
        "GetDevEndpoints",
        "ListSessions",
        "GetSecurityConfiguration",
        "GetConnection");

    /// <summary>Organizations (JSON 1.1) operations.</summary>
    public static readonly FrozenSet<string> Organizations = FrozenSet.Create(
        StringComparer.Ordinal,
        "ListParents",
        "ListPoliciesForTarget",
        "DescribePolicy");

    /// <summary>IAM Identity Center admin (JSON 1.1) operations.</summary>
    public static readonly FrozenSet<string> SsoAdmin = FrozenSet.Create(
        StringComparer.Ordinal,
        "ListInstances",
        "ListPermissionSets",
        "DescribePermissionSet");

    /// <summary>Throws when <paramref name="operation"/> is not an allowed read of <paramref name="service"/>.</summary>
    /// <exception cref="InvalidOperationException">The operation is not on the allow-list.</exception>
    public static void Ensure(FrozenSet<string> allowed, string service, string operation)
    {
        if (!allowed.Contains(operation))
        {
            throw new InvalidOperationException(
                $"{service} operation '{operation}' is not one of the read-only operations this library may send.");
        }
    }
}
