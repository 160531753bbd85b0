namespace GluePassRole.Diagnostics.Sources;

/// <summary>
/// The source used when none was chosen: every read answers Unreadable with the reason, so an investigation without a
/// source reports "incomplete" instead of failing or guessing.
/// </summary>
internal sealed class NoAccountSource : IAccountSource, IIdentityCenterReader
{
    private static readonly SourceError NoSource = new(
        "no account source is configured: call UseSnapshot(...) on the builder, or add the live AWS sources with AddPassRoleDiagnosticsAws()");

    public ValueTask<SourceResult<CallerIdentity>> GetCallerIdentityAsync(CancellationToken cancellationToken = default) => Fail<CallerIdentity>();

    public ValueTask<SourceResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default) => Fail<IamUser>();

    public ValueTask<SourceResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default) => Fail<IReadOnlyList<string>>();

    public ValueTask<SourceResult<IamGroup>> GetGroupAsync(string groupName, CancellationToken cancellationToken = default) => Fail<IamGroup>();

    public ValueTask<SourceResult<IamRole>> GetRoleAsync(string roleName, CancellationToken cancellationToken = default) => Fail<IamRole>();

    public ValueTask<SourceResult<IReadOnlyList<InlinePolicy>>> GetInlinePoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default) => Fail<IReadOnlyList<InlinePolicy>>();

    public ValueTask<SourceResult<IReadOnlyList<AttachedPolicy>>> GetAttachedPoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default) => Fail<IReadOnlyList<AttachedPolicy>>();

    public ValueTask<SourceResult<ManagedPolicy>> GetManagedPolicyAsync(string policyArn, CancellationToken cancellationToken = default) => Fail<ManagedPolicy>();

    public ValueTask<SourceResult<GlueResource>> GetResourceAsync(GlueResourceKind kind, string name, CancellationToken cancellationToken = default) => Fail<GlueResource>();

    public ValueTask<SourceResult<IReadOnlyList<OrganizationLevel>>> GetServiceControlPoliciesAsync(string accountId, CancellationToken cancellationToken = default) => Fail<IReadOnlyList<OrganizationLevel>>();

    public ValueTask<SourceResult<IReadOnlyList<GlueResource>>> ListJobsAsync(CancellationToken cancellationToken = default) => Fail<IReadOnlyList<GlueResource>>();

    public ValueTask<SourceResult<IdentityCenterPermissionSet>> FindPermissionSetAsync(string permissionSetName, string? region = null, CancellationToken cancellationToken = default) => Fail<IdentityCenterPermissionSet>();

    private static ValueTask<SourceResult<T>> Fail<T>()
        where T : notnull => ValueTask.FromResult(SourceResult.Unreadable<T>(NoSource));
}
