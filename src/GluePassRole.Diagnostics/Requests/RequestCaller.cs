using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Requests;

/// <summary>The principal that makes a request, as far as the data says who it is.</summary>
/// <param name="Kind">A user, a role (asked about as a session of it), a role session or a federated user.</param>
/// <param name="Arn">The ARN the request is made as (a session's <c>assumed-role</c> ARN for a session).</param>
/// <param name="AccountId">The principal's account.</param>
public sealed record RequestCaller(PrincipalKind Kind, string Arn, string AccountId)
{
    /// <summary>The IAM user's or role's ARN with its path, when read; <see langword="null"/> when only the request ARN is known.</summary>
    public string? IamArn { get; init; }

    /// <summary>The user's or role's name; <see langword="null"/> when the caller is any member of a group.</summary>
    public string? Name { get; init; }

    /// <summary>The role session's name, when known.</summary>
    public string? SessionName { get; init; }

    /// <summary>The group whose any member this caller stands for, or <see langword="null"/> for a named principal.</summary>
    public string? MemberOfGroup { get; init; }

    /// <summary>The unique ID, tags and organization read for the principal.</summary>
    public PrincipalAttributes Attributes { get; init; } = PrincipalAttributes.Unknown;

    /// <summary>The caller whose policies were resolved.</summary>
    /// <param name="policies">The resolution.</param>
    /// <returns>The caller with everything the resolution read.</returns>
    public static RequestCaller From(EffectivePolicies policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var principal = policies.Principal;
        return new RequestCaller(principal.Kind, principal.Arn, principal.AccountId)
        {
            IamArn = principal.IamArn,
            Name = principal.Name,
            SessionName = principal.SessionName,
            Attributes = policies.Attributes,
        };
    }

    /// <summary>Any IAM user in a group: who it is (ARN, name, tags) is a circumstance.</summary>
    /// <param name="partition">The partition, e.g. <c>aws</c>.</param>
    /// <param name="accountId">The group's account.</param>
    /// <param name="groupName">The group.</param>
    /// <param name="organization">The account's organization, when known.</param>
    /// <returns>The caller.</returns>
    public static RequestCaller GroupMember(string partition, string accountId, string groupName, OrganizationMembership? organization = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(partition);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        return new RequestCaller(PrincipalKind.IamUser, $"arn:{partition}:iam::{accountId}:user/member-of-group/{groupName}", accountId)
        {
            MemberOfGroup = groupName,
            Attributes = PrincipalAttributes.Unknown with { Organization = organization },
        };
    }
}
