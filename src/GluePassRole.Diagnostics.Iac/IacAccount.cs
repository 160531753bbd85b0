using System.Diagnostics.CodeAnalysis;
using GluePassRole.Diagnostics.Iac.Internal;
using GluePassRole.Diagnostics.Iac.Internal.Model;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Iac;

/// <summary>
/// The account that CloudFormation templates, a CDK cloud assembly or Terraform plans would create, optionally laid on
/// an existing account snapshot, served through the same read-only ports as a snapshot or the live account.
/// </summary>
/// <remarks>
/// <para>
/// Entities the IaC defines are answered from it; policies and group memberships it adds to entities defined elsewhere
/// are added to what the snapshot below says. Without a snapshot, an entity the IaC does not define is unreadable (the
/// account may hold it), never "not found". AWS managed policies named by ARN come from the library's bundled copies.
/// </para>
/// <para>
/// What cannot be known before deploy (an <c>Fn::ImportValue</c>, a custom resource's attribute, a condition on a
/// parameter with no value, a dynamic reference such as <c>{{resolve:ssm:/org/glue/role-arn}}</c> or an SSM parameter
/// type not given with <see cref="IacSourceOptions.Parameters"/>, a Terraform value "known after apply") is never
/// guessed: the read it affects answers unreadable, naming the file, the resource and the property
/// (<see cref="Unknowns"/>). An unknown value reaches only what it stands in: a policy statement that holds one is an
/// <see cref="UnknownStatement"/> of its policy (<see cref="InlinePolicy.UnknownStatements"/>,
/// <see cref="ManagedPolicy.UnknownStatements"/>) bounded by what is known of its Action and Resource, and the policy's
/// other statements are read; an unknown ARN in <c>ManagedPolicyArns</c> is one attached policy that cannot be read.
/// </para>
/// <para>
/// A CloudFormation resource without a name property gets the name CloudFormation generates,
/// <c>STACK-LogicalId-RANDOM</c>; the random part is unknown, so it is evaluated as <c>STACK-LogicalId-GENERATED</c>
/// and said so in <see cref="Notes"/>. References to the resource (<c>Ref</c>, <c>Fn::GetAtt</c>) resolve to the same
/// stand-in, so a policy naming the role by reference matches it exactly; a policy pattern that depends on the random
/// part cannot be judged. Lookups by the logical ID (e.g. <c>EtlRole</c>) find the resource too.
/// </para>
/// <para>
/// An IAM role, user, group or managed policy whose name is known only at deploy (<c>RoleName: !Ref JobRoleName</c>
/// with no default, a suffix taken from <c>AWS::StackId</c>) is still the template's own resource: its trust, policies and
/// logical ID are known. It is evaluated under a stand-in name, the known text with <c>UNKNOWN</c> for each unknown part
/// (<c>UNKNOWN-glue-crawler-UNKNOWN</c>), or <c>STACK-LogicalId-UNKNOWN</c> when no text is known; references to it
/// resolve to the stand-in, lookups by logical ID find it, and <see cref="Unknowns"/> says so at the name property.
/// Glue resources are found by their logical ID as well as by name.
/// </para>
/// </remarks>
public sealed class IacAccount : IAccountIdentitySource, IIamReader, IIamInlinePolicyReader, IGlueReader, IOrganizationsReader, IGlueJobDirectory, IIamInventoryReader, IIdentityCenterReader, IInfrastructureAsCodeSource, Preflight.IGlueJobResourceReader
{
    private readonly IacModel _model;
    private readonly AccountSnapshot? _base;
    private GlueJobResourceSnapshot? _baseResources;

    private IacAccount(IacModel model, AccountSnapshot? snapshot)
    {
        _model = model;
        _base = snapshot;
        GlueResources = [.. model.Glue.Values.Select(g => new IacGlueResource(g.Kind, g.Name, g.Role, g.Origin)
        {
            RoleOrigin = g.RoleOrigin,
            Unknown = g.Unknown,
            NameIsGenerated = g.NameIsGenerated,
        })];
    }

    /// <summary>What the sources define, for writing fixes as changes to them.</summary>
    internal IacModel Model => _model;

    /// <summary>The user, group or role the IaC defines (by name, logical ID or address), or the additions it makes to one defined elsewhere.</summary>
    internal ModelEntity? FindEntity(IamEntityKind kind, string name) => Find(kind, name);

    /// <summary>The account ID the IaC was resolved for.</summary>
    public string AccountId => _model.AccountId;

    /// <summary>The partition the IaC was resolved for.</summary>
    public string Partition => _model.Partition;

    /// <summary>The snapshot the IaC is laid on, if any.</summary>
    public AccountSnapshot? Snapshot => _base;

    /// <summary>The files read.</summary>
    public IReadOnlyList<string> Files => _model.Files;

    /// <summary>Everything that cannot be known before deploy, each with its file, resource and property.</summary>
    public IReadOnlyList<IacUnknown> Unknowns => _model.Unknowns;

    /// <summary>Facts worth telling: generated names and their stand-ins, nested stacks not read, transforms.</summary>
    public IReadOnlyList<string> Notes => _model.Notes;

    /// <summary>The Glue jobs, crawlers, dev endpoints and ML transforms the IaC defines.</summary>
    public IReadOnlyList<IacGlueResource> GlueResources { get; }

    /// <summary>The names of the roles the IaC defines.</summary>
    public IEnumerable<string> RoleNames => _model.Roles.Keys;

    /// <summary>The names of the users the IaC defines.</summary>
    public IEnumerable<string> UserNames => _model.Users.Keys;

    /// <summary>The names of the groups the IaC defines.</summary>
    public IEnumerable<string> GroupNames => _model.Groups.Keys;

    /// <summary>Reads the IaC the options name, on top of the snapshot they name (if any).</summary>
    /// <param name="options">What to read.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The account.</returns>
    /// <exception cref="IacTemplateException">A file is not a valid template, manifest, plan or parameters file.</exception>
    /// <exception cref="FileNotFoundException">A named file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">A named folder does not exist.</exception>
    /// <exception cref="ArgumentException">The options name no template, CDK output or plan.</exception>
    public static IacAccount Load(IacSourceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var snapshot = options.SnapshotDirectory is null ? null : AccountSnapshot.LoadFromDirectory(options.SnapshotDirectory, cancellationToken);
        return LoadOnto(snapshot, options, cancellationToken);
    }

    /// <summary>Reads the IaC the options name on top of a loaded snapshot (<see cref="IacSourceOptions.SnapshotDirectory"/> is ignored).</summary>
    /// <param name="snapshot">The account the IaC is deployed into, or <see langword="null"/>.</param>
    /// <param name="options">What to read.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The account.</returns>
    /// <exception cref="IacTemplateException">A file is not a valid template, manifest, plan or parameters file.</exception>
    public static IacAccount LoadOnto(AccountSnapshot? snapshot, IacSourceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.HasIac)
        {
            throw new ArgumentException("Name at least one template, CDK output folder or Terraform plan.", nameof(options));
        }

        var model = IacLoader.Load(options, snapshot?.AccountId, cancellationToken);
        return new IacAccount(model, snapshot)
        {
            _baseResources = options.SnapshotDirectory is { } directory ? GlueJobResourceSnapshot.FromDirectory(directory) : null,
        };
    }

    /// <inheritdoc />
    /// <remarks>A job the IaC defines is read from it (not yet created); otherwise from the snapshot below, when there is one.</remarks>
    public ValueTask<SourceResult<Preflight.GlueJobDefinition>> GetJobDefinitionAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var resolved = _model.Aliases.TryGetValue(name, out var alias) ? alias : name;
        return _model.JobDefinitions.TryGetValue(resolved, out var job) ? ValueTask.FromResult(SourceResult.Found(job))
            : _baseResources?.GetJobDefinitionAsync(name, cancellationToken)
            ?? ValueTask.FromResult(SourceResult.NotFound<Preflight.GlueJobDefinition>($"Glue job {name} (the IaC defines no such job)"));
    }

    /// <inheritdoc />
    public ValueTask<SourceResult<Preflight.GlueSecurityConfiguration>> GetSecurityConfigurationAsync(string name, CancellationToken cancellationToken = default) =>
        _model.SecurityConfigurations.TryGetValue(name, out var configuration) ? ValueTask.FromResult(SourceResult.Found(configuration))
        : _baseResources?.GetSecurityConfigurationAsync(name, cancellationToken)
        ?? ValueTask.FromResult(SourceResult.NotFound<Preflight.GlueSecurityConfiguration>($"security configuration {name} (the IaC does not define it)"));

    /// <inheritdoc />
    public ValueTask<SourceResult<Preflight.GlueConnection>> GetConnectionAsync(string name, CancellationToken cancellationToken = default) =>
        _model.Connections.TryGetValue(name, out var connection) ? ValueTask.FromResult(SourceResult.Found(connection))
        : _baseResources?.GetConnectionAsync(name, cancellationToken)
        ?? ValueTask.FromResult(SourceResult.NotFound<Preflight.GlueConnection>($"connection {name} (the IaC does not define it)"));

    /// <inheritdoc />
    /// <remarks>A bucket the IaC defines has the policy its bucket policy resource gives it, or none; any other bucket's policy is not read.</remarks>
    public ValueTask<SourceResult<Preflight.ResourcePolicy>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default) =>
        _model.BucketPolicies.TryGetValue(bucket, out var policy) ? ValueTask.FromResult(policy)
        : _baseResources?.GetBucketPolicyAsync(bucket, cancellationToken)
        ?? ValueTask.FromResult(SourceResult.NotFound<Preflight.ResourcePolicy>($"the bucket policy of {bucket} (the IaC does not define the bucket)"));

    /// <inheritdoc />
    public ValueTask<SourceResult<Preflight.ResourcePolicy>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default) =>
        _model.KeyPolicies.TryGetValue(keyArn, out var policy) ? ValueTask.FromResult(policy)
        : _baseResources?.GetKeyPolicyAsync(keyArn, cancellationToken)
        ?? ValueTask.FromResult(SourceResult.NotFound<Preflight.ResourcePolicy>($"the key policy of {keyArn} (the IaC does not define the key)"));

    /// <summary>Reads one CloudFormation template with the default account, Region and no parameters: the one-line form for unit tests.</summary>
    /// <param name="templateFile">The template.</param>
    /// <returns>The account.</returns>
    public static IacAccount FromTemplate(string templateFile) => Load(new IacSourceOptions { Templates = [templateFile] });

    /// <summary>Reads one Terraform plan (<c>terraform show -json</c>): the one-line form for unit tests.</summary>
    /// <param name="planFile">The plan as JSON.</param>
    /// <returns>The account.</returns>
    public static IacAccount FromTerraformPlan(string planFile) => Load(new IacSourceOptions { TerraformPlans = [planFile] });

    /// <summary>Where a policy the evaluator reports came from: the template or plan, the resource and the property.</summary>
    /// <param name="source">The policy's source, as the evaluator reports it.</param>
    /// <returns>The origin, or <see langword="null"/> when the policy did not come from the IaC (the snapshot, a bundled copy).</returns>
    public IacOrigin? OriginOf(PolicySource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Arn is { } arn && _model.Policies.TryGetValue(arn, out var managed))
        {
            return managed.Origin;
        }

        var kind = source.Kind switch
        {
            PolicySourceKind.UserInline => IamEntityKind.User,
            PolicySourceKind.GroupInline => IamEntityKind.Group,
            PolicySourceKind.RoleInline => IamEntityKind.Role,
            _ => (IamEntityKind?)null,
        };
        if (kind is null || source.AttachedTo is null
            || (Find(kind.Value, source.AttachedTo) ?? _model.Additions.GetValueOrDefault((kind.Value, source.AttachedTo.ToUpperInvariant()))) is not { } entity)
        {
            return null;
        }

        return entity.Inline.FirstOrDefault(p => string.Equals(p.Policy.Name, source.Name, StringComparison.Ordinal)).Origin;
    }

    /// <summary>Where the IaC defines a role (or a user or group), when it does.</summary>
    /// <param name="kind">The kind of entity.</param>
    /// <param name="name">Its name (or logical ID / address).</param>
    /// <returns>The origin, or <see langword="null"/>.</returns>
    public IacOrigin? OriginOf(IamEntityKind kind, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Find(kind, name)?.Origin;
    }

    /// <inheritdoc />
    /// <remarks>IaC has no caller; the snapshot's caller identity is answered when there is one.</remarks>
    public ValueTask<SourceResult<CallerIdentity>> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        _base is not null
            ? _base.GetCallerIdentityAsync(cancellationToken)
            : ValueTask.FromResult(SourceResult.Unreadable<CallerIdentity>(new SourceError(
                $"Infrastructure-as-code has no caller identity; it is resolved for account {AccountId}.")));

    /// <inheritdoc />
    public ValueTask<SourceResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default) =>
        Entity(IamEntityKind.User, userName, e => new IamUser(e.Name, e.Arn) { Path = e.Path, PermissionsBoundaryArn = e.BoundaryArn, Tags = e.Tags },
            (b, n, c) => b.GetUserAsync(n, c), cancellationToken);

    /// <inheritdoc />
    public ValueTask<SourceResult<IamGroup>> GetGroupAsync(string groupName, CancellationToken cancellationToken = default) =>
        Entity(IamEntityKind.Group, groupName, e => new IamGroup(e.Name, e.Arn) { Path = e.Path }, (b, n, c) => b.GetGroupAsync(n, c), cancellationToken);

    /// <inheritdoc />
    public ValueTask<SourceResult<IamRole>> GetRoleAsync(string roleName, CancellationToken cancellationToken = default) =>
        Entity(IamEntityKind.Role, roleName, e => new IamRole(e.Name, e.Arn, e.TrustPolicy!) { Path = e.Path, PermissionsBoundaryArn = e.BoundaryArn, Tags = e.Tags },
            (b, n, c) => b.GetRoleAsync(n, c), cancellationToken);

    /// <inheritdoc />
    /// <remarks>The snapshot's users (when laid on one) with the IaC's users over them. A user the IaC defines but whose
    /// properties are unknown before deploy makes the list unreadable: the audit then says so instead of leaving it out.</remarks>
    public ValueTask<SourceResult<IReadOnlyList<IamUser>>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        ListAsync(_base is null ? null : _base.ListUsersAsync, _model.Users.Keys, GetUserAsync, u => u.Name, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The snapshot's roles (when laid on one) with the IaC's roles over them, each with its trust policy.</remarks>
    public ValueTask<SourceResult<IReadOnlyList<IamRole>>> ListRolesAsync(CancellationToken cancellationToken = default) =>
        ListAsync(_base is null ? null : _base.ListRolesAsync, _model.Roles.Keys, GetRoleAsync, r => r.Name, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<SourceResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        return await Facet(IamEntityKind.User, userName, e => e.GroupMemberships.Select(m => m.Group), e => e.GroupsUnknown,
            (b, n, c) => b.ListGroupsForUserAsync(n, c), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<SourceResult<IReadOnlyList<InlinePolicy>>> GetInlinePoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return await Facet(kind, name, e => e.Inline.Select(p => p.Policy), e => e.InlineUnknown,
            (b, n, c) => b.GetInlinePoliciesAsync(kind, n, c), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The IaC's own inline policies are known or unknown as a whole; those of the snapshot below are read one by one.</remarks>
    public async ValueTask<SourceResult<InlinePolicyReads>> GetInlinePolicyReadsAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        IReadOnlyList<UnreadInlinePolicy> unreadBelow = [];
        var read = await Facet(kind, name, e => e.Inline.Select(p => p.Policy), e => e.InlineUnknown, async (b, n, c) =>
        {
            var below = await b.GetInlinePolicyReadsAsync(kind, n, c).ConfigureAwait(false);
            unreadBelow = below.Value?.Unread ?? [];
            return below.Map(r => r.Read);
        }, cancellationToken).ConfigureAwait(false);
        return read.Map(policies => new InlinePolicyReads(policies, unreadBelow));
    }

    /// <inheritdoc />
    public async ValueTask<SourceResult<IReadOnlyList<AttachedPolicy>>> GetAttachedPoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return await Facet(kind, name, e => e.Attached.Select(p => p.Policy), e => e.AttachedUnknown,
            (b, n, c) => b.GetAttachedPoliciesAsync(kind, n, c), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<SourceResult<ManagedPolicy>> GetManagedPolicyAsync(string policyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);
        cancellationToken.ThrowIfCancellationRequested();
        if (_model.Policies.TryGetValue(policyArn, out var policy))
        {
            return ValueTask.FromResult(policy.Document is { } document && policy.Unknown is null
                ? SourceResult.Found(new ManagedPolicy(policy.Name, policy.Arn, document) { UnknownStatements = policy.UnknownStatements })
                : SourceResult.Unreadable<ManagedPolicy>(policy.Unknown!.ToSourceError()));
        }

        if (_model.UnknownPolicyArns.TryGetValue(policyArn, out var unknown))
        {
            return ValueTask.FromResult(SourceResult.Unreadable<ManagedPolicy>(unknown.ToSourceError()));
        }

        if (_base is not null)
        {
            return _base.GetManagedPolicyAsync(policyArn, cancellationToken);
        }

        if (BundledManagedPolicies.TryGet(policyArn, out var bundled))
        {
            return ValueTask.FromResult(SourceResult.Found(bundled));
        }

        return ValueTask.FromResult(SourceResult.Unreadable<ManagedPolicy>(new SourceError(policyArn.Contains(":iam::aws:policy/", StringComparison.Ordinal)
            ? $"AWS managed policy {policyArn} has no bundled copy; lay the IaC on a snapshot that holds it (--snapshot)."
            : $"Managed policy {policyArn} is not defined by the IaC; lay it on a snapshot of the account (--snapshot) to read it.")));
    }

    /// <inheritdoc />
    public ValueTask<SourceResult<GlueResource>> GetResourceAsync(GlueResourceKind kind, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
        var key = _model.Glue.ContainsKey((kind, name)) ? name : _model.Aliases.GetValueOrDefault(name, name);
        if (_model.Glue.TryGetValue((kind, key), out var glue))
        {
            return ValueTask.FromResult(glue.Unknown is null && glue.Role is not null
                ? SourceResult.Found(new GlueResource(kind, glue.Name, glue.Role))
                : SourceResult.Unreadable<GlueResource>((glue.Unknown ?? new IacUnknown(glue.Origin, "no role")).ToSourceError()));
        }

        return _base is not null
            ? BelowAsync(_base.GetResourceAsync(kind, name, cancellationToken), kind, name)
            : ValueTask.FromResult(SourceResult.Unreadable<GlueResource>(new SourceError($"Glue {kind} {name} is not defined by the IaC.")));
    }

    /// <summary>The snapshot's answer; a resource it does not hold is one neither source defines (not a hint to save it: the IaC is where it would be added).</summary>
    private static async ValueTask<SourceResult<GlueResource>> BelowAsync(ValueTask<SourceResult<GlueResource>> read, GlueResourceKind kind, string name)
    {
        var answer = await read.ConfigureAwait(false);
        return answer.Status == SourceResultStatus.Unreadable && answer.Error is { Location: null }
            ? SourceResult.Unreadable<GlueResource>(new SourceError($"Glue {kind} {name} is defined neither by the IaC nor in the snapshot."))
            : answer;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The jobs the IaC defines whose role is known, then the snapshot's jobs it does not redefine. When the snapshot's
    /// job files could not all be read, the list is unreadable as the snapshot says: the job asked about may be in one.
    /// </remarks>
    public async ValueTask<SourceResult<IReadOnlyList<GlueResource>>> ListJobsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var jobs = _model.Glue.Values
            .Where(g => g.Kind == GlueResourceKind.Job && g.Unknown is null && g.Role is not null)
            .Select(g => new GlueResource(g.Kind, g.Name, g.Role!))
            .ToList();
        if (_base is not null)
        {
            var listed = await _base.ListJobsAsync(cancellationToken).ConfigureAwait(false);
            if (listed.Status == SourceResultStatus.Unreadable)
            {
                return listed;
            }

            if (listed.TryGetValue(out var below))
            {
                jobs.AddRange(below.Where(b => !_model.Glue.ContainsKey((GlueResourceKind.Job, b.Name))));
            }
        }

        return SourceResult.Found<IReadOnlyList<GlueResource>>([.. jobs.OrderBy(j => j.Name, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Every Glue resource the IaC defines with a role known before deploy (jobs, crawlers, sessions, dev endpoints, ML
    /// transforms), then the snapshot's that the IaC does not redefine. CloudFormation or Terraform passes each one's role
    /// when it creates the resource.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The resources, or why the snapshot's could not be listed.</returns>
    public async ValueTask<SourceResult<IReadOnlyList<GlueResource>>> ListResourcesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var resources = _model.Glue.Values
            .Where(g => g.Unknown is null && g.Role is not null)
            .Select(g => new GlueResource(g.Kind, g.Name, g.Role!))
            .ToList();
        if (_base is not null)
        {
            var listed = await _base.ListResourcesAsync(cancellationToken).ConfigureAwait(false);
            if (listed.Status == SourceResultStatus.Unreadable)
            {
                return listed;
            }

            if (listed.TryGetValue(out var below))
            {
                resources.AddRange(below.Where(b => !_model.Glue.ContainsKey((b.Kind, b.Name))));
            }
        }

        return SourceResult.Found<IReadOnlyList<GlueResource>>([.. resources.OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    /// <remarks>Templates and plans hold no SCPs: the snapshot's are answered when there is one, else they are unknown.</remarks>
    public ValueTask<SourceResult<IReadOnlyList<OrganizationLevel>>> GetServiceControlPoliciesAsync(string accountId, CancellationToken cancellationToken = default) =>
        _base is not null
            ? _base.GetServiceControlPoliciesAsync(accountId, cancellationToken)
            : ValueTask.FromResult(SourceResult.Unreadable<IReadOnlyList<OrganizationLevel>>(new SourceError(
                "Infrastructure-as-code does not say which service control policies apply; lay it on a snapshot with organizations/ (--snapshot) to include them.")));

    /// <inheritdoc />
    /// <remarks>Templates and plans hold no IAM Identity Center data: the snapshot's sso-admin files answer when there is one, else it is unknown.</remarks>
    public ValueTask<SourceResult<IdentityCenterPermissionSet>> FindPermissionSetAsync(string permissionSetName, string? region = null, CancellationToken cancellationToken = default) =>
        _base is not null
            ? _base.FindPermissionSetAsync(permissionSetName, region, cancellationToken)
            : ValueTask.FromResult(SourceResult.Unreadable<IdentityCenterPermissionSet>(new SourceError(
                "Infrastructure-as-code does not say which IAM Identity Center permission sets exist; lay it on a snapshot with sso-admin files (--snapshot) to name their ARNs.")));

    private static async ValueTask<SourceResult<IReadOnlyList<T>>> ListAsync<T>(
        Func<CancellationToken, ValueTask<SourceResult<IReadOnlyList<T>>>>? fromBase,
        IEnumerable<string> defined,
        Func<string, CancellationToken, ValueTask<SourceResult<T>>> get,
        Func<T, string> nameOf,
        CancellationToken cancellationToken)
        where T : notnull
    {
        // IAM names are unique per account, case-insensitively; what the IaC defines replaces what the snapshot holds.
        var all = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        if (fromBase is not null)
        {
            var listed = await fromBase(cancellationToken).ConfigureAwait(false);
            if (!listed.TryGetValue(out var existing))
            {
                return listed;
            }

            foreach (var item in existing)
            {
                all[nameOf(item)] = item;
            }
        }

        foreach (var name in defined)
        {
            var read = await get(name, cancellationToken).ConfigureAwait(false);
            if (!read.TryGetValue(out var item))
            {
                return SourceResult.Unreadable<IReadOnlyList<T>>(read.Error ?? new SourceError($"{name} is defined by the infrastructure-as-code but cannot be read."));
            }

            all[nameOf(item)] = item;
        }

        return SourceResult.Found<IReadOnlyList<T>>([.. all.Values]);
    }

    private ModelEntity? Find(IamEntityKind kind, string name)
    {
        var entities = _model.Entities(kind);
        return entities.TryGetValue(name, out var entity) ? entity
            : _model.Aliases.TryGetValue(name, out var alias) && entities.TryGetValue(alias, out var aliased) ? aliased
            : null;
    }

    private IacUnknown? FirstUnknownTarget(IamEntityKind kind) =>
        _model.UnknownTargets.TryGetValue(kind, out var list) && list.Count > 0 ? list[0] : null;

    private async ValueTask<SourceResult<T>> Entity<T>(
        IamEntityKind kind, string name, Func<ModelEntity, T> project, Func<AccountSnapshot, string, CancellationToken, ValueTask<SourceResult<T>>> fromBase, CancellationToken cancellationToken)
        where T : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
        if (Find(kind, name) is { } entity)
        {
            return entity.Uncertain is { } uncertain ? SourceResult.Unreadable<T>(uncertain.ToSourceError()) : SourceResult.Found(project(entity));
        }

        if (_base is not null)
        {
            var answer = await fromBase(_base, name, cancellationToken).ConfigureAwait(false);
            if (answer.Status != SourceResultStatus.NotFound || !HasUnreadNestedStack(out var nested))
            {
                return answer;
            }

            return SourceResult.Unreadable<T>(nested.ToSourceError());
        }

        return SourceResult.Unreadable<T>(new SourceError(
            $"{kind} {name} is not defined by the IaC ({string.Join(", ", _model.Files.Select(Path.GetFileName))}); lay it on a snapshot of the account (--snapshot) to read entities that already exist."));
    }

    private bool HasUnreadNestedStack([NotNullWhen(true)] out IacUnknown? nested)
    {
        nested = _model.Unknowns.FirstOrDefault(u => u.Reason.StartsWith("nested stack", StringComparison.Ordinal));
        return nested is not null;
    }

    private async ValueTask<SourceResult<IReadOnlyList<T>>> Facet<T>(
        IamEntityKind kind,
        string name,
        Func<ModelEntity, IEnumerable<T>> items,
        Func<ModelEntity, List<IacUnknown>> unknowns,
        Func<AccountSnapshot, string, CancellationToken, ValueTask<SourceResult<IReadOnlyList<T>>>> fromBase,
        CancellationToken cancellationToken)
        where T : notnull
    {
        cancellationToken.ThrowIfCancellationRequested();
        var defined = Find(kind, name);
        var added = _model.Additions.GetValueOrDefault((kind, name.ToUpperInvariant()));
        var own = defined ?? added;
        var unknown = own?.Uncertain ?? (own is null ? null : unknowns(own).FirstOrDefault()) ?? FirstUnknownTarget(kind);
        if (unknown is not null)
        {
            return SourceResult.Unreadable<IReadOnlyList<T>>(unknown.ToSourceError());
        }

        if (defined is not null)
        {
            return SourceResult.Found<IReadOnlyList<T>>([.. items(defined)]);
        }

        if (_base is null)
        {
            return SourceResult.Unreadable<IReadOnlyList<T>>(new SourceError(
                $"{kind} {name} is not defined by the IaC; lay it on a snapshot of the account (--snapshot) to read entities that already exist."));
        }

        var below = await fromBase(_base, name, cancellationToken).ConfigureAwait(false);
        return added is null || !below.IsFound ? below : SourceResult.Found<IReadOnlyList<T>>([.. below.Value, .. items(added)]);
    }
}
