namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>
/// An offline account: files produced with the AWS CLI, read once, then served through all the source ports with no
/// credentials and no network.
/// </summary>
/// <remarks>
/// <para>A snapshot folder holds files named after the commands that produced them:</para>
/// <list type="bullet">
/// <item><c>get-account-authorization-details*.json</c>: one or more pages of <c>aws iam get-account-authorization-details</c>
/// (required). Policy documents may be decoded (AWS CLI) or URL-encoded (SDKs). AWS managed policies missing from it are
/// served from the library's bundled copies, marked <see cref="ManagedPolicy.IsBundledCopy"/>.</item>
/// <item><c>glue-get-job*.json</c> (and <c>glue-get-crawler*</c>, <c>glue-get-session*</c>, <c>glue-get-dev-endpoint*</c>,
/// <c>glue-get-ml-transform*</c>): the Glue resources to investigate.</item>
/// <item><c>sts-get-caller-identity.json</c> (optional).</item>
/// <item><c>organizations/</c> (optional): one folder per level, root first, named <c>&lt;order&gt;-&lt;target id&gt;</c>
/// (<c>0-r-ab12</c>, <c>1-ou-ab12-cdef3456</c>, <c>2-111122223333</c>), each holding the SCPs attached there as
/// <c>aws organizations describe-policy</c> output or as bare documents. An empty folder says the account is in no
/// organization; without the folder the SCPs are unknown.</item>
/// <item><c>sso-admin-list-instances.json</c>, <c>sso-admin-describe-permission-set-&lt;name&gt;.json</c> and
/// <c>sso-admin-list-permission-sets*.json</c> (optional): the IAM Identity Center instance and permission sets, as
/// <c>aws sso-admin list-instances</c>, <c>describe-permission-set</c> and <c>list-permission-sets</c> print them; without
/// them the permission set ARNs are unknown.</item>
/// </list>
/// <para>
/// The authorization details are streamed one list element at a time; only parsed policies are kept. Broken files are
/// reported in <see cref="Problems"/> with the file and JSON path, and entries they may have held are answered
/// <see cref="SourceResultStatus.Unreadable"/> rather than not found.
/// </para>
/// </remarks>
public sealed class AccountSnapshot : IAccountIdentitySource, IIamReader, IIamInlinePolicyReader, IGlueReader, IOrganizationsReader, IGlueJobDirectory, IIamInventoryReader, IIdentityCenterReader, IAccountSource
{
    private const string AuthorizationDetailsPattern = "get-account-authorization-details*.json";
    private const string CallerIdentityFile = "sts-get-caller-identity.json";
    private const string OrganizationsFolder = "organizations";

    private static readonly string[] GluePatterns =
        ["glue-get-job*.json", "glue-get-crawler*.json", "glue-get-session*.json", "glue-get-dev-endpoint*.json", "glue-get-ml-transform*.json"];

    private readonly SnapshotData _data;
    private readonly Dictionary<(GlueResourceKind, string), GlueResource> _glue;
    private readonly SourceResult<CallerIdentity> _identity;
    private readonly SourceResult<IReadOnlyList<OrganizationLevel>> _organizations;
    private readonly IReadOnlyList<SourceError> _unreadableGlue;
    private readonly IdentityCenterFiles _identityCenter;

    private AccountSnapshot(
        SnapshotData data,
        Dictionary<(GlueResourceKind, string), GlueResource> glue,
        IReadOnlyList<SourceError> unreadableGlue,
        SourceResult<CallerIdentity> identity,
        SourceResult<IReadOnlyList<OrganizationLevel>> organizations,
        IdentityCenterFiles identityCenter,
        IReadOnlyList<string> files)
    {
        _identityCenter = identityCenter;
        _data = data;
        _glue = glue;
        _unreadableGlue = unreadableGlue;
        _identity = identity;
        _organizations = organizations;
        Files = files;
        Problems = [.. data.Problems];
    }

    /// <summary>The account the snapshot describes: from the caller identity, else from the first user or role ARN.</summary>
    public string? AccountId => _identity.Value?.Account ?? _data.AccountId;

    /// <summary>The files that were read.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>What could not be read, each naming the file and JSON path. Empty when every file was read.</summary>
    public IReadOnlyList<SourceError> Problems { get; }

    /// <summary>The number of users read.</summary>
    public int UserCount => _data.Users.Count;

    /// <summary>The number of groups read.</summary>
    public int GroupCount => _data.Groups.Count;

    /// <summary>The number of roles read.</summary>
    public int RoleCount => _data.Roles.Count;

    /// <summary>The number of managed policies read (not counting bundled copies).</summary>
    public int ManagedPolicyCount => _data.Policies.Count;

    /// <summary>Loads the snapshot in a folder laid out as described on <see cref="AccountSnapshot"/>.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="AccountSnapshotException">The folder has no <c>get-account-authorization-details*.json</c>.</exception>
    public static AccountSnapshot LoadFromDirectory(string directory, CancellationToken cancellationToken = default) =>
        LoadFromDirectory(directory, null, cancellationToken);

    /// <summary>
    /// Loads the snapshot in a folder laid out as described on <see cref="AccountSnapshot"/>, saying which file (or, for
    /// <c>organizations/</c>, which folder) it starts reading before each one.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="reading">
    /// Told the full path of each file or folder as its reading starts, on the loading thread; may be
    /// <see langword="null"/>. The CLI, which stops waiting for a load on Ctrl+C (a file that is a FIFO nobody writes to,
    /// a slow network share), names the file it was waiting on.
    /// </param>
    /// <param name="cancellationToken">Cancels the load between files and between list elements of a file.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="AccountSnapshotException">The folder has no <c>get-account-authorization-details*.json</c>.</exception>
    internal static AccountSnapshot LoadFromDirectory(string directory, IProgress<string>? reading, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The snapshot folder does not exist: {directory}");
        }

        var organizations = Path.Combine(directory, OrganizationsFolder);
        var callerIdentity = Path.Combine(directory, CallerIdentityFile);
        var ssoInstances = Path.Combine(directory, IdentityCenterFiles.InstancesFile);
        return Load(
            new AccountSnapshotFiles
            {
                Directory = directory,
                AuthorizationDetails = Find(directory, AuthorizationDetailsPattern),
                GlueResources = [.. GluePatterns.SelectMany(pattern => Find(directory, pattern)).Distinct(StringComparer.Ordinal)],
                CallerIdentity = File.Exists(callerIdentity) ? callerIdentity : null,
                OrganizationsDirectory = Directory.Exists(organizations) ? organizations : null,
                SsoAdminInstances = File.Exists(ssoInstances) ? ssoInstances : null,
                SsoAdminPermissionSetLists = Find(directory, IdentityCenterFiles.ListPattern),
                SsoAdminPermissionSets = Find(directory, IdentityCenterFiles.DescribePattern),
            },
            reading,
            cancellationToken);
    }

    /// <summary>Loads a snapshot from explicitly named files.</summary>
    /// <param name="files">The files.</param>
    /// <param name="reading">Told each file (or folder) as its reading starts; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="AccountSnapshotException">No authorization-details file is named.</exception>
    internal static AccountSnapshot Load(AccountSnapshotFiles files, IProgress<string>? reading = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.AuthorizationDetails.Count == 0)
        {
            const string Needed = "an account snapshot needs at least one (aws iam get-account-authorization-details > get-account-authorization-details.json).";
            throw files.Directory is { } folder
                ? new AccountSnapshotException($"{folder}: no get-account-authorization-details*.json; {Needed}", folder)
                : new AccountSnapshotException(
                    $"No get-account-authorization-details*.json was given; {Needed}",
                    files.OrganizationsDirectory ?? files.CallerIdentity ?? (files.GlueResources.Count > 0 ? files.GlueResources[0] : "the snapshot files"));
        }

        var data = new SnapshotData();
        foreach (var file in files.AuthorizationDetails)
        {
            cancellationToken.ThrowIfCancellationRequested();
            reading?.Report(file);
            AuthorizationDetailsReader.Read(file, data, cancellationToken);
        }

        var glue = new Dictionary<(GlueResourceKind, string), GlueResource>();
        var unreadableGlue = new List<SourceError>();
        foreach (var file in files.GlueResources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (problems, resources) = (data.Problems.Count, glue.Count);
            reading?.Report(file);
            SmallFileReaders.ReadGlue(file, glue, data.Problems);
            if (glue.Count == resources && data.Problems.Count > problems)
            {
                // A Glue file that gave nothing (empty, broken): a resource missing from the snapshot may be in it.
                unreadableGlue.Add(data.Problems[problems]);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (files.CallerIdentity is not null)
        {
            reading?.Report(files.CallerIdentity);
        }

        var identity = files.CallerIdentity is null
            ? SourceResult.Unreadable<CallerIdentity>(new SourceError($"The snapshot has no {CallerIdentityFile} (aws sts get-caller-identity > {CallerIdentityFile})."))
            : SmallFileReaders.ReadCallerIdentity(files.CallerIdentity, data.Problems);

        cancellationToken.ThrowIfCancellationRequested();
        if (files.OrganizationsDirectory is not null)
        {
            reading?.Report(files.OrganizationsDirectory);
        }

        var organizations = files.OrganizationsDirectory is null
            ? SourceResult.Unreadable<IReadOnlyList<OrganizationLevel>>(
                new SourceError($"The snapshot has no {OrganizationsFolder}/ folder, so the service control policies that apply are unknown."))
            : SmallFileReaders.ReadOrganizations(files.OrganizationsDirectory, data.Problems);

        cancellationToken.ThrowIfCancellationRequested();
        if ((files.SsoAdminInstances ?? First(files.SsoAdminPermissionSetLists) ?? First(files.SsoAdminPermissionSets)) is { } identityCenterFile)
        {
            reading?.Report(identityCenterFile);
        }

        var identityCenter = IdentityCenterFiles.Read(files.SsoAdminInstances, files.SsoAdminPermissionSetLists, files.SsoAdminPermissionSets, data.Problems);

        IReadOnlyList<string> all =
        [
            .. files.AuthorizationDetails, .. files.GlueResources, .. files.CallerIdentity is null ? [] : new[] { files.CallerIdentity },
            .. files.SsoAdminInstances is null ? [] : new[] { files.SsoAdminInstances }, .. files.SsoAdminPermissionSetLists, .. files.SsoAdminPermissionSets,
        ];
        return new AccountSnapshot(data, glue, unreadableGlue, identity, organizations, identityCenter, all);
    }

    /// <inheritdoc />
    public ValueTask<SourceResult<CallerIdentity>> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_identity);
    }

    /// <inheritdoc />
    public ValueTask<SourceResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default) =>
        Answer(_data.Users, DetailList.Users, userName, "user", e => e.User, cancellationToken);

    /// <inheritdoc />
    public ValueTask<SourceResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default) =>
        Answer(_data.Users, DetailList.Users, userName, "user", e => e.Groups, cancellationToken);

    /// <inheritdoc />
    public ValueTask<SourceResult<IamGroup>> GetGroupAsync(string groupName, CancellationToken cancellationToken = default) =>
        Answer(_data.Groups, DetailList.Groups, groupName, "group", e => e.Group, cancellationToken);

    /// <inheritdoc />
    public ValueTask<SourceResult<IamRole>> GetRoleAsync(string roleName, CancellationToken cancellationToken = default) =>
        Answer(_data.Roles, DetailList.Roles, roleName, "role", e => e.Role, cancellationToken);

    /// <inheritdoc />
    /// <remarks>All or nothing: unreadable when any of them could not be read; <see cref="GetInlinePolicyReadsAsync"/> tells them apart.</remarks>
    public ValueTask<SourceResult<IReadOnlyList<InlinePolicy>>> GetInlinePoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default) => kind switch
    {
        IamEntityKind.User => AnswerNested(_data.Users, DetailList.Users, name, "user", e => AllOrNothing(e.Inline), cancellationToken),
        IamEntityKind.Group => AnswerNested(_data.Groups, DetailList.Groups, name, "group", e => AllOrNothing(e.Inline), cancellationToken),
        IamEntityKind.Role => AnswerNested(_data.Roles, DetailList.Roles, name, "role", e => AllOrNothing(e.Inline), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown IAM entity kind."),
    };

    /// <inheritdoc />
    /// <remarks>An inline policy the snapshot holds but that cannot be used (no name, a broken or oversized document) is unread on its own, with the file and JSON path.</remarks>
    public ValueTask<SourceResult<InlinePolicyReads>> GetInlinePolicyReadsAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default) => kind switch
    {
        IamEntityKind.User => Answer(_data.Users, DetailList.Users, name, "user", e => e.Inline, cancellationToken),
        IamEntityKind.Group => Answer(_data.Groups, DetailList.Groups, name, "group", e => e.Inline, cancellationToken),
        IamEntityKind.Role => Answer(_data.Roles, DetailList.Roles, name, "role", e => e.Inline, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown IAM entity kind."),
    };

    /// <inheritdoc />
    public ValueTask<SourceResult<IReadOnlyList<AttachedPolicy>>> GetAttachedPoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default) => kind switch
    {
        IamEntityKind.User => AnswerNested(_data.Users, DetailList.Users, name, "user", e => e.Attached, cancellationToken),
        IamEntityKind.Group => AnswerNested(_data.Groups, DetailList.Groups, name, "group", e => e.Attached, cancellationToken),
        IamEntityKind.Role => AnswerNested(_data.Roles, DetailList.Roles, name, "role", e => e.Attached, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown IAM entity kind."),
    };

    /// <inheritdoc />
    /// <remarks>
    /// An AWS managed policy that the snapshot does not hold is served from the bundled copy when there is one
    /// (<see cref="ManagedPolicy.IsBundledCopy"/>); otherwise it is unreadable, since AWS managed policies exist whether
    /// or not the snapshot lists them.
    /// </remarks>
    public ValueTask<SourceResult<ManagedPolicy>> GetManagedPolicyAsync(string policyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);
        cancellationToken.ThrowIfCancellationRequested();
        if (_data.Policies.TryGetValue(policyArn, out var policy))
        {
            return ValueTask.FromResult(policy);
        }

        var isAwsManaged = policyArn.Contains(":iam::aws:policy/", StringComparison.Ordinal);
        if (isAwsManaged && BundledManagedPolicies.TryGet(policyArn, out var bundled))
        {
            return ValueTask.FromResult(SourceResult.Found(bundled!));
        }

        if (isAwsManaged)
        {
            return ValueTask.FromResult(SourceResult.Unreadable<ManagedPolicy>(new SourceError(
                $"AWS managed policy {policyArn} is not in the snapshot and has no bundled copy (run get-account-authorization-details without --filter, or with --filter AWSManagedPolicy).")));
        }

        var incomplete = _data.WhyIncomplete(DetailList.Policies);
        return ValueTask.FromResult(incomplete is null
            ? SourceResult.NotFound<ManagedPolicy>($"managed policy {policyArn}")
            : SourceResult.Unreadable<ManagedPolicy>(incomplete));
    }

    /// <inheritdoc />
    /// <remarks>Unreadable when the snapshot's UserDetailList may be incomplete (a broken or missing page).</remarks>
    public ValueTask<SourceResult<IReadOnlyList<IamUser>>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        List(DetailList.Users, _data.Users.Values, e => e.User, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Unreadable when the snapshot's RoleDetailList may be incomplete (a broken or missing page).</remarks>
    public ValueTask<SourceResult<IReadOnlyList<IamRole>>> ListRolesAsync(CancellationToken cancellationToken = default) =>
        List(DetailList.Roles, _data.Roles.Values, e => e.Role, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// A resource that has no file in the snapshot is unreadable, not "not found": the snapshot holds only the resources
    /// saved into it. When a Glue file could not be read (empty or broken), the answer names that file: the resource
    /// may be in it.
    /// </remarks>
    public ValueTask<SourceResult<GlueResource>> GetResourceAsync(GlueResourceKind kind, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
        if (_glue.TryGetValue((kind, name), out var resource))
        {
            return ValueTask.FromResult(SourceResult.Found(resource));
        }

        var unreadable = _unreadableGlue.FirstOrDefault(e => System.IO.Path.GetFileNameWithoutExtension(e.Location ?? string.Empty).EndsWith("-" + name, StringComparison.Ordinal))
            ?? (_unreadableGlue.Count > 0 ? _unreadableGlue[0] : null);
        return ValueTask.FromResult(SourceResult.Unreadable<GlueResource>(unreadable
            ?? new SourceError($"Glue {kind} {name} is not in the snapshot (e.g. {SaveCommand(kind, name)}).")));
    }

    /// <summary>The AWS CLI command that saves a Glue resource into a snapshot, for the kind asked about.</summary>
    private static string SaveCommand(GlueResourceKind kind, string name) => kind switch
    {
        GlueResourceKind.Crawler => $"aws glue get-crawler --name {name} > glue-get-crawler-{name}.json",
        GlueResourceKind.Session => $"aws glue get-session --id {name} > glue-get-session-{name}.json",
        GlueResourceKind.DevEndpoint => $"aws glue get-dev-endpoint --endpoint-name {name} > glue-get-dev-endpoint-{name}.json",
        GlueResourceKind.MLTransform => $"aws glue get-ml-transform --transform-id {name} > glue-get-ml-transform-{name}.json",
        _ => $"aws glue get-job --job-name {name} > glue-get-job-{name}.json",
    };

    /// <inheritdoc />
    /// <remarks>
    /// The jobs saved into the snapshot (<c>glue-get-job*.json</c>), by name. When a job file could not be read (empty or
    /// broken), the list is unreadable, naming each such file and why: the job asked about may be in it.
    /// </remarks>
    public ValueTask<SourceResult<IReadOnlyList<GlueResource>>> ListJobsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var broken = _unreadableGlue
            .Where(e => System.IO.Path.GetFileName(e.Location ?? string.Empty).StartsWith("glue-get-job", StringComparison.Ordinal))
            .ToList();
        if (broken.Count > 0)
        {
            return ValueTask.FromResult(SourceResult.Unreadable<IReadOnlyList<GlueResource>>(broken[0] with
            {
                Message = string.Join(" ", broken.Select(NamingTheFile)),
            }));
        }

        IReadOnlyList<GlueResource> jobs = [.. _glue.Values.Where(r => r.Kind == GlueResourceKind.Job).OrderBy(r => r.Name, StringComparer.Ordinal)];
        return ValueTask.FromResult(SourceResult.Found(jobs));
    }

    /// <summary>
    /// Every Glue resource saved into the snapshot (<c>glue-get-job*</c>, <c>glue-get-crawler*</c>, ...), by kind and name.
    /// When a Glue file could not be read, the listing is unreadable (naming each such file).
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The resources, or why they could not be listed.</returns>
    public ValueTask<SourceResult<IReadOnlyList<GlueResource>>> ListResourcesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_unreadableGlue.Count > 0)
        {
            return ValueTask.FromResult(SourceResult.Unreadable<IReadOnlyList<GlueResource>>(_unreadableGlue[0] with
            {
                Message = string.Join(" ", _unreadableGlue.Select(NamingTheFile)),
            }));
        }

        IReadOnlyList<GlueResource> resources = [.. _glue.Values.OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.Ordinal)];
        return ValueTask.FromResult(SourceResult.Found(resources));
    }

    /// <summary>The problem's message, starting with its file's name when it does not already say it.</summary>
    private static string NamingTheFile(SourceError problem)
    {
        var file = System.IO.Path.GetFileName(problem.Location ?? string.Empty);
        return file.Length == 0 || problem.Message.StartsWith(file, StringComparison.Ordinal) ? problem.Message : $"{file}: {problem.Message}";
    }

    /// <inheritdoc />
    public ValueTask<SourceResult<IReadOnlyList<OrganizationLevel>>> GetServiceControlPoliciesAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        if (AccountId is string own && !string.Equals(own, accountId, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(SourceResult.Unreadable<IReadOnlyList<OrganizationLevel>>(
                new SourceError($"The snapshot describes account {own}, not {accountId}.")));
        }

        return ValueTask.FromResult(_organizations);
    }

    /// <inheritdoc />
    /// <remarks>
    /// From the snapshot's sso-admin files, whatever <paramref name="region"/> says (a snapshot holds one Identity Center
    /// instance's view). Unreadable when the snapshot has no sso-admin files, or when a name is missing but the snapshot
    /// cannot say it does not exist (no <c>sso-admin-list-permission-sets*.json</c>, or a listed set left undescribed).
    /// </remarks>
    public ValueTask<SourceResult<IdentityCenterPermissionSet>> FindPermissionSetAsync(string permissionSetName, string? region = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permissionSetName);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_identityCenter.Find(permissionSetName));
    }

    /// <summary>Every inline policy when all were read, else unreadable with the first that was not: a shorter list would drop one silently.</summary>
    private static SourceResult<IReadOnlyList<InlinePolicy>> AllOrNothing(InlinePolicyReads inline) => inline.Unread switch
    {
        [] => SourceResult.Found(inline.Read),
        [{ Name: { } name } first, ..] => SourceResult.Unreadable<IReadOnlyList<InlinePolicy>>(first.Error with { Message = $"Inline policy {name}: {first.Error.Message}" }),
        [var first, ..] => SourceResult.Unreadable<IReadOnlyList<InlinePolicy>>(first.Error),
    };

    private static string? First(IReadOnlyList<string> files) => files.Count == 0 ? null : files[0];

    private static List<string> Find(string directory, string pattern) =>
        [.. Directory.EnumerateFiles(directory, pattern, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)];

    private ValueTask<SourceResult<TValue>> Answer<TEntry, TValue>(
        Dictionary<string, TEntry> entries, DetailList list, string name, string what, Func<TEntry, TValue> select, CancellationToken cancellationToken)
        where TValue : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(entries.TryGetValue(name, out var entry) ? SourceResult.Found(select(entry)) : Missing<TValue>(list, what, name));
    }

    private ValueTask<SourceResult<TValue>> AnswerNested<TEntry, TValue>(
        Dictionary<string, TEntry> entries, DetailList list, string name, string what, Func<TEntry, SourceResult<TValue>> select, CancellationToken cancellationToken)
        where TValue : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(entries.TryGetValue(name, out var entry) ? select(entry) : Missing<TValue>(list, what, name));
    }

    private ValueTask<SourceResult<IReadOnlyList<T>>> List<TEntry, T>(DetailList list, IEnumerable<TEntry> entries, Func<TEntry, T> select, CancellationToken cancellationToken)
        where T : notnull
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_data.WhyIncomplete(list) is { } incomplete
            ? SourceResult.Unreadable<IReadOnlyList<T>>(incomplete)
            : SourceResult.Found<IReadOnlyList<T>>([.. entries.Select(select)]));
    }

    /// <summary>Not found when the list is complete; unreadable when the snapshot may have lost the entry.</summary>
    private SourceResult<T> Missing<T>(DetailList list, string what, string name)
        where T : notnull
    {
        var incomplete = _data.WhyIncomplete(list);
        return incomplete is null
            ? SourceResult.NotFound<T>($"{what} {name}")
            : SourceResult.Unreadable<T>(incomplete with { Message = $"{what} {name} is not in the snapshot, which may be incomplete. {incomplete.Message}" });
    }
}
