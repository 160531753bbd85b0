namespace GluePassRole.Diagnostics.Sources;

/// <summary>Reads the service control policies that apply to an account. Read-only.</summary>
/// <remarks>
/// Organizations answers these reads only in the management account or a delegated administrator, so a member
/// account's live reader usually answers <see cref="SourceResultStatus.Unreadable"/>; that means "unknown", not "none".
/// </remarks>
public interface IOrganizationsReader
{
    /// <summary>Gets the SCPs on every level from the root down to the account (<c>organizations:ListParents</c>, <c>ListPoliciesForTarget</c>, <c>DescribePolicy</c>).</summary>
    /// <param name="accountId">The 12-digit account ID.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// The levels, root first; <see cref="SourceResultStatus.NotFound"/> when the account is known not to be in an
    /// organization (no SCPs apply); <see cref="SourceResultStatus.Unreadable"/> when unknown.
    /// </returns>
    ValueTask<SourceResult<IReadOnlyList<OrganizationLevel>>> GetServiceControlPoliciesAsync(string accountId, CancellationToken cancellationToken = default);
}
