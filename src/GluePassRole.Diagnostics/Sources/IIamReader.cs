namespace GluePassRole.Diagnostics.Sources;

/// <summary>Reads IAM identities and policies of one account. Read-only; each call maps to one or a few IAM read calls.</summary>
/// <remarks>
/// Names are looked up as IAM does: unique per account and not distinguished by case. Implementations answer
/// <see cref="SourceResultStatus.NotFound"/> only when they know the entity does not exist (IAM's <c>NoSuchEntity</c>),
/// and <see cref="SourceResultStatus.Unreadable"/> with the error code and missing permission otherwise.
/// </remarks>
public interface IIamReader
{
    /// <summary>Gets a user (<c>iam:GetUser</c>).</summary>
    /// <param name="userName">The user name, without path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The user, or why not.</returns>
    ValueTask<SourceResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Lists the names of the groups a user belongs to (<c>iam:ListGroupsForUser</c>).</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The group names, or why not.</returns>
    ValueTask<SourceResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Gets a group (<c>iam:GetGroup</c>).</summary>
    /// <param name="groupName">The group name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The group, or why not.</returns>
    ValueTask<SourceResult<IamGroup>> GetGroupAsync(string groupName, CancellationToken cancellationToken = default);

    /// <summary>Gets a role with its trust policy, path, boundary and tags (<c>iam:GetRole</c>).</summary>
    /// <param name="roleName">The role name, without path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The role, or why not.</returns>
    ValueTask<SourceResult<IamRole>> GetRoleAsync(string roleName, CancellationToken cancellationToken = default);

    /// <summary>Gets the inline policies of a user, group or role (<c>iam:List{User|Group|Role}Policies</c> + <c>iam:Get{User|Group|Role}Policy</c>).</summary>
    /// <param name="kind">The kind of identity.</param>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The inline policies (possibly none), or why not.</returns>
    ValueTask<SourceResult<IReadOnlyList<InlinePolicy>>> GetInlinePoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default);

    /// <summary>Lists the managed policies attached to a user, group or role (<c>iam:ListAttached{User|Group|Role}Policies</c>).</summary>
    /// <param name="kind">The kind of identity.</param>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The attached policies (possibly none), or why not.</returns>
    ValueTask<SourceResult<IReadOnlyList<AttachedPolicy>>> GetAttachedPoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a managed policy with its default version's document (<c>iam:GetPolicy</c> + <c>iam:GetPolicyVersion</c>).</summary>
    /// <param name="policyArn">The policy ARN.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The policy, or why not.</returns>
    ValueTask<SourceResult<ManagedPolicy>> GetManagedPolicyAsync(string policyArn, CancellationToken cancellationToken = default);
}
