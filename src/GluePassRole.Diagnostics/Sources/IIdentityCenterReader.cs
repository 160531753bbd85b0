namespace GluePassRole.Diagnostics.Sources;

/// <summary>Finds an IAM Identity Center permission set by name (<c>sso:ListInstances</c>, <c>ListPermissionSets</c>, <c>DescribePermissionSet</c>). Read-only.</summary>
/// <remarks>
/// Identity Center answers these reads in the organization's management account or the delegated administrator
/// account, in the Region of its instance; a member account's live reader usually answers
/// <see cref="SourceResultStatus.Unreadable"/> naming the permission it lacks. That means "unknown", not "none".
/// </remarks>
public interface IIdentityCenterReader
{
    /// <summary>Finds the permission set named <paramref name="permissionSetName"/> and the instance that holds it.</summary>
    /// <param name="permissionSetName">The permission set's name, e.g. <c>DataEngineer</c> (from the role name <c>AWSReservedSSO_DataEngineer_…</c>).</param>
    /// <param name="region">The Identity Center Region (from the role's path <c>/aws-reserved/sso.amazonaws.com/&lt;region&gt;/</c>), or <see langword="null"/> for the source's own.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// The permission set; <see cref="SourceResultStatus.NotFound"/> when no instance, or no permission set of that name,
    /// exists; <see cref="SourceResultStatus.Unreadable"/> when unknown.
    /// </returns>
    ValueTask<SourceResult<IdentityCenterPermissionSet>> FindPermissionSetAsync(string permissionSetName, string? region = null, CancellationToken cancellationToken = default);
}
