using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GluePassRole.Diagnostics.DependencyInjection;

internal sealed class PassRoleDiagnosticsBuilder(IServiceCollection services, InvestigationStepRegistry registry) : IPassRoleDiagnosticsBuilder
{
    public IServiceCollection Services { get; } = services;

    internal InvestigationStepRegistry Registry { get; } = registry;

    internal PassRoleDiagnosticsBuilder AddStep<TStep>(string? name)
        where TStep : class, IInvestigationStep
    {
        Services.TryAddTransient<TStep>();
        Registry.Add(name, typeof(TStep));
        return this;
    }
}

/// <summary>Holds the account snapshot (or nothing) that serves the ports by default.</summary>
internal interface IAccountSnapshotHolder
{
    ISnapshotSource Source { get; }
}

/// <summary>All four ports in one object.</summary>
internal interface ISnapshotSource : IAccountIdentitySource, IIamReader, IGlueReader, IOrganizationsReader;

/// <summary>Serves the ports from a snapshot, or answers Unreadable when there is none.</summary>
internal sealed class SnapshotSource(AccountSnapshot? snapshot) : ISnapshotSource
{
    private readonly IAccountIdentitySource _identity = (IAccountIdentitySource?)snapshot ?? new NoAccountSource();
    private readonly IIamReader _iam = (IIamReader?)snapshot ?? new NoAccountSource();
    private readonly IGlueReader _glue = (IGlueReader?)snapshot ?? new NoAccountSource();
    private readonly IOrganizationsReader _organizations = (IOrganizationsReader?)snapshot ?? new NoAccountSource();

    public ValueTask<SourceResult<CallerIdentity>> GetCallerIdentityAsync(CancellationToken cancellationToken = default) => _identity.GetCallerIdentityAsync(cancellationToken);

    public ValueTask<SourceResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default) => _iam.GetUserAsync(userName, cancellationToken);

    public ValueTask<SourceResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default) => _iam.ListGroupsForUserAsync(userName, cancellationToken);

    public ValueTask<SourceResult<IamGroup>> GetGroupAsync(string groupName, CancellationToken cancellationToken = default) => _iam.GetGroupAsync(groupName, cancellationToken);

    public ValueTask<SourceResult<IamRole>> GetRoleAsync(string roleName, CancellationToken cancellationToken = default) => _iam.GetRoleAsync(roleName, cancellationToken);

    public ValueTask<SourceResult<IReadOnlyList<InlinePolicy>>> GetInlinePoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default) => _iam.GetInlinePoliciesAsync(kind, name, cancellationToken);

    public ValueTask<SourceResult<IReadOnlyList<AttachedPolicy>>> GetAttachedPoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default) => _iam.GetAttachedPoliciesAsync(kind, name, cancellationToken);

    public ValueTask<SourceResult<ManagedPolicy>> GetManagedPolicyAsync(string policyArn, CancellationToken cancellationToken = default) => _iam.GetManagedPolicyAsync(policyArn, cancellationToken);

    public ValueTask<SourceResult<GlueResource>> GetResourceAsync(GlueResourceKind kind, string name, CancellationToken cancellationToken = default) => _glue.GetResourceAsync(kind, name, cancellationToken);

    public ValueTask<SourceResult<IReadOnlyList<OrganizationLevel>>> GetServiceControlPoliciesAsync(string accountId, CancellationToken cancellationToken = default) => _organizations.GetServiceControlPoliciesAsync(accountId, cancellationToken);
}
