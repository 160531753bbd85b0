using System.Xml.Linq;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// Reads IAM live, with targeted calls or one <c>GetAccountAuthorizationDetails</c>; every list is paginated, independent
/// reads run concurrently (bounded), every read is cached for the investigation, failures become port answers.
/// </summary>
internal sealed class LiveIamReader : IIamReader, IIamInlinePolicyReader
{
    private readonly AwsCallGate<IamClient> _gate;
    private readonly PassRoleDiagnosticsAwsOptions _options;
    private readonly ReadCache _cache;
    private readonly ILogger _logger;

    public LiveIamReader(AwsCallGate<IamClient> gate, PassRoleDiagnosticsAwsOptions options, TimeProvider time, ILogger<LiveIamReader> logger)
    {
        _gate = gate;
        _options = options;
        _cache = new ReadCache(time, options.CacheDuration);
        _logger = logger;
    }

    public ValueTask<SourceResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        if (_options.ReadAhead)
        {
            ReadAheadUser(userName, cancellationToken);
        }

        return Wrap(FromDetailsOr(d => d.User(userName), ct => ReadUserAsync(userName, ct), cancellationToken));
    }

    public ValueTask<SourceResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        return Wrap(FromDetailsOr(d => d.GroupsOf(userName), ct => ReadGroupsForUserAsync(userName, ct), cancellationToken));
    }

    public ValueTask<SourceResult<IamGroup>> GetGroupAsync(string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        return Wrap(FromDetailsOr(d => d.Group(groupName), ct => ReadGroupAsync(groupName, ct), cancellationToken));
    }

    public ValueTask<SourceResult<IamRole>> GetRoleAsync(string roleName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleName);
        if (_options.ReadAhead)
        {
            ReadAheadPolicies(IamEntityKind.Role, roleName, cancellationToken);
        }

        return Wrap(FromDetailsOr(d => d.Role(roleName), ct => ReadRoleAsync(roleName, ct), cancellationToken));
    }

    public async ValueTask<SourceResult<IReadOnlyList<InlinePolicy>>> GetInlinePoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default)
    {
        var reads = await GetInlinePolicyReadsAsync(kind, name, cancellationToken).ConfigureAwait(false);
        if (!reads.TryGetValue(out var found))
        {
            return reads.Map<IReadOnlyList<InlinePolicy>>(r => r.Read);
        }

        // All or nothing, as the port says: a shorter list would drop a policy silently.
        return found.Unread.Count == 0 ? SourceResult.Found(found.Read) : SourceResult.Unreadable<IReadOnlyList<InlinePolicy>>(found.Unread[0].Error);
    }

    public ValueTask<SourceResult<InlinePolicyReads>> GetInlinePolicyReadsAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Wrap(FromDetailsOr(d => d.Inline(kind, name), ct => ReadInlineAsync(kind, name, ct), cancellationToken));
    }

    public ValueTask<SourceResult<IReadOnlyList<AttachedPolicy>>> GetAttachedPoliciesAsync(IamEntityKind kind, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Wrap(FromDetailsOr(d => d.Attached(kind, name), ct => ReadAttachedAsync(kind, name, ct), cancellationToken));
    }

    public ValueTask<SourceResult<ManagedPolicy>> GetManagedPolicyAsync(string policyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);
        return Wrap(FromDetailsOr(d => d.Policy(policyArn), ct => ReadManagedAsync(policyArn, ct), cancellationToken));
    }

    private static ValueTask<T> Wrap<T>(Task<T> task) => new(task);

    /// <summary>Answers from the authorization details when that strategy is on and they could be read, else with a targeted read.</summary>
    private async Task<SourceResult<T>> FromDetailsOr<T>(
        Func<AuthorizationDetails, SourceResult<T>?> fromDetails, Func<CancellationToken, Task<SourceResult<T>>> targeted, CancellationToken cancellationToken)
        where T : notnull
    {
        if (_options.IamReadStrategy == IamReadStrategy.AccountAuthorizationDetails)
        {
            var details = await _cache.GetOrStart("details", ReadDetailsAsync, cancellationToken).ConfigureAwait(false);
            if (details.TryGetValue(out var found) && fromDetails(found) is { } answer)
            {
                return answer;
            }
        }

        return await targeted(cancellationToken).ConfigureAwait(false);
    }

    // ---- read-ahead: start what the resolver will ask for next, so it overlaps -------------------------------------

    private void ReadAheadUser(string userName, CancellationToken cancellationToken)
    {
        if (_options.IamReadStrategy == IamReadStrategy.AccountAuthorizationDetails)
        {
            return;
        }

        _ = FollowAsync(ReadUserAsync(userName, cancellationToken), user => user.PermissionsBoundaryArn is { } arn ? [arn] : []);
        ReadAheadPolicies(IamEntityKind.User, userName, cancellationToken);
        _ = ReadGroupsAheadAsync();

        async Task ReadGroupsAheadAsync()
        {
            var groups = await ReadGroupsForUserAsync(userName, cancellationToken).ConfigureAwait(false);
            if (groups.TryGetValue(out var names))
            {
                foreach (var group in names)
                {
                    ReadAheadPolicies(IamEntityKind.Group, group, cancellationToken);
                }
            }
        }

        async Task FollowAsync(Task<SourceResult<IamUser>> read, Func<IamUser, string[]> arns)
        {
            var user = await read.ConfigureAwait(false);
            if (user.TryGetValue(out var found))
            {
                foreach (var arn in arns(found))
                {
                    _ = ReadManagedAsync(arn, cancellationToken);
                }
            }
        }
    }

    private void ReadAheadPolicies(IamEntityKind kind, string name, CancellationToken cancellationToken)
    {
        if (_options.IamReadStrategy == IamReadStrategy.AccountAuthorizationDetails)
        {
            return;
        }

        _ = ReadInlineAsync(kind, name, cancellationToken);
        _ = ReadAttachedAheadAsync();

        async Task ReadAttachedAheadAsync()
        {
            var attached = await ReadAttachedAsync(kind, name, cancellationToken).ConfigureAwait(false);
            if (attached.TryGetValue(out var policies))
            {
                foreach (var policy in policies)
                {
                    _ = ReadManagedAsync(policy.Arn, cancellationToken);
                }
            }
        }
    }

    // ---- targeted reads (cached) -----------------------------------------------------------------------------------

    private Task<SourceResult<IamUser>> ReadUserAsync(string userName, CancellationToken cancellationToken) =>
        _cache.GetOrStart("user/" + Key(userName), ct => Guard("iam:GetUser", $"user {userName}", async () =>
        {
            var result = await CallAsync(new QueryRequest("GetUser").With("UserName", userName), ct).ConfigureAwait(false);
            return SourceResult.Found(result.Child("User")?.ToUser() ?? throw new MalformedResponseException("The GetUser response has no User."));
        }), cancellationToken);

    private Task<SourceResult<IReadOnlyList<string>>> ReadGroupsForUserAsync(string userName, CancellationToken cancellationToken) =>
        _cache.GetOrStart("groups-for-user/" + Key(userName), ct => Guard("iam:ListGroupsForUser", $"groups of user {userName}", async () =>
        {
            var groups = await ListAllAsync(() => new QueryRequest("ListGroupsForUser").With("UserName", userName), "Groups", ct).ConfigureAwait(false);
            return SourceResult.Found<IReadOnlyList<string>>([.. groups.Select(g => g.Required("GroupName"))]);
        }), cancellationToken);

    private Task<SourceResult<IamGroup>> ReadGroupAsync(string groupName, CancellationToken cancellationToken) =>
        _cache.GetOrStart("group/" + Key(groupName), ct => Guard("iam:GetGroup", $"group {groupName}", async () =>
        {
            var result = await CallAsync(new QueryRequest("GetGroup").With("GroupName", groupName).With("MaxItems", "1"), ct).ConfigureAwait(false);
            return SourceResult.Found(result.Child("Group")?.ToGroup() ?? throw new MalformedResponseException("The GetGroup response has no Group."));
        }), cancellationToken);

    private Task<SourceResult<IamRole>> ReadRoleAsync(string roleName, CancellationToken cancellationToken) =>
        _cache.GetOrStart("role/" + Key(roleName), ct => Guard("iam:GetRole", $"role {roleName}", async () =>
        {
            var result = await CallAsync(new QueryRequest("GetRole").With("RoleName", roleName), ct).ConfigureAwait(false);
            return SourceResult.Found(result.Child("Role")?.ToRole(ParseDocument) ?? throw new MalformedResponseException("The GetRole response has no Role."));
        }), cancellationToken);

    /// <summary>Lists the inline policies, then reads each: one that is denied or broken is unread on its own, the others are read.</summary>
    private Task<SourceResult<InlinePolicyReads>> ReadInlineAsync(IamEntityKind kind, string name, CancellationToken cancellationToken)
    {
        var (entity, parameter) = Names(kind);
        var list = $"iam:List{entity}Policies";
        return _cache.GetOrStart($"inline/{entity}/{Key(name)}", ct => Guard(list, $"inline policies of {entity.ToLowerInvariant()} {name}", async () =>
        {
            var names = await ListAllAsync(() => new QueryRequest($"List{entity}Policies").With(parameter, name), "PolicyNames", ct).ConfigureAwait(false);
            var reads = names.Select(n => n.Value).Select(policyName => (policyName, ReadInlinePolicyAsync(entity, parameter, name, policyName, ct))).ToList();
            var policies = new List<InlinePolicy>(reads.Count);
            var unread = new List<UnreadInlinePolicy>();
            foreach (var (policyName, read) in reads)
            {
                var policy = await read.ConfigureAwait(false);
                if (policy.TryGetValue(out var found))
                {
                    policies.Add(found);
                }
                else
                {
                    unread.Add(new UnreadInlinePolicy(policyName, policy.Error ?? new SourceError($"The inline policy listed on {entity.ToLowerInvariant()} {name} disappeared while it was read ({policy.NotFoundSubject}).")));
                }
            }

            return SourceResult.Found(new InlinePolicyReads(policies, unread));
        }), cancellationToken);
    }

    private Task<SourceResult<InlinePolicy>> ReadInlinePolicyAsync(string entity, string parameter, string owner, string policyName, CancellationToken cancellationToken) =>
        Guard($"iam:Get{entity}Policy", $"inline policy {policyName} of {entity.ToLowerInvariant()} {owner}", async () =>
        {
            var result = await CallAsync(new QueryRequest($"Get{entity}Policy").With(parameter, owner).With("PolicyName", policyName), cancellationToken).ConfigureAwait(false);
            return ParseDocument(result.Required("PolicyDocument"), $"inline policy {policyName} of {entity.ToLowerInvariant()} {owner}")
                .Map(document => new InlinePolicy(result.Text("PolicyName") ?? policyName, document));
        });

    private Task<SourceResult<IReadOnlyList<AttachedPolicy>>> ReadAttachedAsync(IamEntityKind kind, string name, CancellationToken cancellationToken)
    {
        var (entity, parameter) = Names(kind);
        return _cache.GetOrStart($"attached/{entity}/{Key(name)}", ct => Guard($"iam:ListAttached{entity}Policies", $"managed policies attached to {entity.ToLowerInvariant()} {name}", async () =>
        {
            var attached = await ListAllAsync(() => new QueryRequest($"ListAttached{entity}Policies").With(parameter, name), "AttachedPolicies", ct).ConfigureAwait(false);
            return SourceResult.Found<IReadOnlyList<AttachedPolicy>>([.. attached.Select(IamXml.Attachment)]);
        }), cancellationToken);
    }

    private Task<SourceResult<ManagedPolicy>> ReadManagedAsync(string policyArn, CancellationToken cancellationToken) =>
        _cache.GetOrStart("policy/" + policyArn, ct => Guard("iam:GetPolicy", $"managed policy {policyArn}", async () =>
        {
            var policy = (await CallAsync(new QueryRequest("GetPolicy").With("PolicyArn", policyArn), ct).ConfigureAwait(false)).Child("Policy")
                ?? throw new MalformedResponseException("The GetPolicy response has no Policy.");
            var versionId = policy.Required("DefaultVersionId");
            var name = policy.Text("PolicyName") ?? policyArn[(policyArn.LastIndexOf('/') + 1)..];
            return await Guard("iam:GetPolicyVersion", $"version {versionId} of managed policy {policyArn}", async () =>
            {
                var version = (await CallAsync(new QueryRequest("GetPolicyVersion").With("PolicyArn", policyArn).With("VersionId", versionId), ct).ConfigureAwait(false))
                    .Child("PolicyVersion") ?? throw new MalformedResponseException("The GetPolicyVersion response has no PolicyVersion.");
                return ParseDocument(version.Required("Document"), $"managed policy {policyArn} version {versionId}")
                    .Map(document => new ManagedPolicy(name, policy.Text("Arn") ?? policyArn, document) { VersionId = versionId });
            }).ConfigureAwait(false);
        }), cancellationToken);

    // ---- GetAccountAuthorizationDetails ----------------------------------------------------------------------------

    private async Task<SourceResult<AuthorizationDetails>> ReadDetailsAsync(CancellationToken cancellationToken)
    {
        var result = await Guard("iam:GetAccountAuthorizationDetails", "the account's authorization details", async () =>
        {
            var pages = new List<XElement>();
            string? marker = null;
            do
            {
                var request = new QueryRequest("GetAccountAuthorizationDetails")
                    .WithList("Filter", ["User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy"])
                    .With("Marker", marker);
                var page = await CallAsync(request, cancellationToken).ConfigureAwait(false);
                pages.Add(page);
                marker = page.Flag("IsTruncated") ? page.Required("Marker") : null;
            }
            while (marker is not null);

            var details = AuthorizationDetails.Read(pages, ParseDocument);
            Log.AuthorizationDetailsRead(_logger, details.UserCount, details.GroupCount, details.RoleCount, details.PolicyCount, pages.Count);
            return SourceResult.Found(details);
        }).ConfigureAwait(false);

        if (!result.IsFound)
        {
            Log.AuthorizationDetailsUnavailable(_logger, result.Error?.Message ?? result.NotFoundSubject ?? string.Empty);
        }

        return result;
    }

    // ---- plumbing --------------------------------------------------------------------------------------------------

    private Task<XElement> CallAsync(QueryRequest request, CancellationToken cancellationToken) =>
        _gate.RunAsync(request.Action, (client, ct) => client.CallAsync(request, ct), response => response.Result, cancellationToken);

    private async Task<List<XElement>> ListAllAsync(Func<QueryRequest> request, string listName, CancellationToken cancellationToken)
    {
        var all = new List<XElement>();
        string? marker = null;
        do
        {
            var page = await CallAsync(request().With("Marker", marker), cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Members(listName));
            marker = page.Flag("IsTruncated") ? page.Required("Marker") : null;
        }
        while (marker is not null);

        return all;
    }

    private Task<SourceResult<T>> Guard<T>(string action, string subject, Func<Task<SourceResult<T>>> read)
        where T : notnull =>
        AwsRead.GuardAsync(action, subject, read, _logger);

    internal static SourceResult<PolicyDocument> ParseDocument(string text, string what) =>
        PolicyDocument.TryParse(text, out var document, out var error)
            ? SourceResult.Found(document!)
            : SourceResult.Unreadable<PolicyDocument>(new SourceError($"The {what} is not a valid policy document: {error!.Message}"));

    private static (string Entity, string Parameter) Names(IamEntityKind kind) => kind switch
    {
        IamEntityKind.User => ("User", "UserName"),
        IamEntityKind.Group => ("Group", "GroupName"),
        IamEntityKind.Role => ("Role", "RoleName"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown IAM entity kind."),
    };

    /// <summary>IAM names are unique regardless of case.</summary>
    private static string Key(string name) => name.ToUpperInvariant();
}
