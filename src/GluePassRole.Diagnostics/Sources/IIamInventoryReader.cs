namespace GluePassRole.Diagnostics.Sources;

/// <summary>Lists every IAM user and role of one account, for account-wide questions such as the audit. Read-only.</summary>
/// <remarks>
/// A list is all or nothing: when any page cannot be read the answer is <see cref="SourceResultStatus.Unreadable"/>
/// with the cause, never a shorter list. The records are as complete as the listing call makes them (<c>iam:ListRoles</c>
/// returns trust policies but no boundaries or tags; <c>iam:GetAccountAuthorizationDetails</c> returns everything), so
/// read boundaries and policies through <see cref="IIamReader"/>.
/// </remarks>
public interface IIamInventoryReader
{
    /// <summary>Lists the account's IAM users (<c>iam:ListUsers</c>, every page).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Every user, or why not.</returns>
    ValueTask<SourceResult<IReadOnlyList<IamUser>>> ListUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the account's IAM roles with their trust policies (<c>iam:ListRoles</c>, every page).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Every role, or why not.</returns>
    ValueTask<SourceResult<IReadOnlyList<IamRole>>> ListRolesAsync(CancellationToken cancellationToken = default);
}
