using System.Globalization;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Requests;

/// <summary>
/// Builds the requests AWS evaluates, with every key AWS supplies from the account data, each with its source: the one
/// place every question (investigation, fix, verification, audit, <c>check</c>, the IaC assertions, the simulator
/// cross-check) gets its request from.
/// </summary>
/// <remarks>
/// Keys and their values follow the IAM User Guide, "AWS global condition context keys"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html) and, for the passed
/// role, the Service Authorization Reference's IAM <c>role</c> resource type (<c>aws:ResourceTag/*</c>,
/// <c>iam:ResourceTag/*</c>). Keys that depend on how the call is made (<see cref="CircumstanceKeys"/>) and keys whose
/// values the data did not give are circumstances: the evaluation decides them per class of values.
/// </remarks>
public sealed class RequestBuilder
{
    /// <summary>The action that passes a role.</summary>
    public const string PassRoleAction = "iam:PassRole";

    private readonly RequestOptions _options;

    /// <summary>Creates a builder.</summary>
    /// <param name="options">What the caller says beyond the account data; <see cref="RequestOptions.Default"/> when omitted.</param>
    public RequestBuilder(RequestOptions? options = null) => _options = options ?? RequestOptions.Default;

    /// <summary>The options.</summary>
    public RequestOptions Options => _options;

    /// <summary>The <c>iam:PassRole</c> request of <paramref name="caller"/> passing <paramref name="role"/> to <paramref name="service"/>.</summary>
    /// <param name="caller">Who passes the role.</param>
    /// <param name="role">The role passed.</param>
    /// <param name="service">The service principal, e.g. <c>glue.amazonaws.com</c>.</param>
    /// <param name="serviceSource">Where the service came from (the default is the Glue question asked).</param>
    /// <returns>The request.</returns>
    public BuiltRequest PassRole(RequestCaller caller, RoleTarget role, string service, RequestKeySource serviceSource = RequestKeySource.Option)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(role);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        var keys = new KeySet();
        keys.Known("iam:PassedToService", [service], serviceSource, "the service the role is passed to");
        keys.Circumstance("iam:AssociatedResourceArn", "AWS does not document that Glue supplies it with iam:PassRole");
        AddCaller(keys, caller);
        AddResourceRole(keys, caller, role);
        AddCommon(keys);
        return keys.Build(new AuthorizationRequest { Principal = caller.Arn, Action = PassRoleAction, Resource = role.Arn }, _options);
    }

    /// <summary>A request of <paramref name="caller"/> for another action (a Glue action, an audit probe) on <paramref name="resource"/>.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="action">The action.</param>
    /// <param name="resource">The resource ARN.</param>
    /// <returns>The request.</returns>
    public BuiltRequest Call(RequestCaller caller, string action, string resource)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        var keys = new KeySet();
        AddCaller(keys, caller);
        var account = ArnText.Account(resource);
        if (account.Length > 0)
        {
            keys.Known("aws:ResourceAccount", [account], RequestKeySource.AccountData, "the resource ARN's account");
        }

        AddCommon(keys);
        return keys.Build(new AuthorizationRequest { Principal = caller.Arn, Action = action, Resource = resource }, _options);
    }

    /// <summary>
    /// The request of <paramref name="service"/> assuming <paramref name="role"/> (the trust question):
    /// <c>aws:PrincipalIsAWSService=true</c>, <c>aws:PrincipalServiceName</c>; <c>aws:SourceAccount</c>,
    /// <c>aws:SourceArn</c> and the source organization keys are circumstances, because AWS publishes no list of the
    /// services that send them.
    /// </summary>
    /// <param name="service">The service principal, e.g. <c>glue.amazonaws.com</c>.</param>
    /// <param name="role">The role assumed.</param>
    /// <returns>The request.</returns>
    public BuiltRequest ServiceAssumeRole(string service, RoleTarget role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentNullException.ThrowIfNull(role);
        var keys = new KeySet();
        keys.Known("aws:PrincipalIsAWSService", ["true"], RequestKeySource.AccountData, "the caller is a service principal");
        keys.Known("aws:PrincipalServiceName", [service], RequestKeySource.Option, "the service that assumes the role");
        const string NotDocumented = "AWS does not document whether the service sends it when it assumes a role";
        keys.Circumstance("aws:SourceAccount", NotDocumented);
        keys.Circumstance("aws:SourceArn", NotDocumented);
        keys.Circumstance("aws:SourceOrgID", NotDocumented);
        keys.Circumstance("aws:SourceOrgPaths", NotDocumented);
        var account = ArnText.Account(role.Arn);
        if (account.Length > 0)
        {
            keys.Known("aws:ResourceAccount", [account], RequestKeySource.AccountData, "the role's account");
        }

        AddRoleTags(keys, role);
        AddCommon(keys);
        return keys.Build(new AuthorizationRequest { Principal = service, Action = RoleTrust.AssumeRoleAction, Resource = role.Arn }, _options);
    }

    /// <summary>
    /// The request of <paramref name="service"/> itself (a service principal, not a role session) for
    /// <paramref name="action"/> on <paramref name="resource"/>, e.g. CloudWatch Logs using a KMS key: decided on the
    /// resource policy alone, which must allow it. <c>aws:PrincipalIsAWSService=true</c> and
    /// <c>aws:PrincipalServiceName</c> are known; <c>aws:SourceAccount</c>, <c>aws:SourceArn</c>, the source organization
    /// keys and <paramref name="circumstances"/> are circumstances.
    /// </summary>
    /// <param name="service">The service principal, e.g. <c>logs.us-east-1.amazonaws.com</c>.</param>
    /// <param name="action">The action.</param>
    /// <param name="resource">The resource ARN.</param>
    /// <param name="circumstances">Further keys the service may send whose values the data does not give, each with why.</param>
    /// <returns>The request.</returns>
    internal BuiltRequest ServiceCall(string service, string action, string resource, IEnumerable<KeyValuePair<string, string>>? circumstances = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        var keys = new KeySet();
        keys.Known("aws:PrincipalIsAWSService", ["true"], RequestKeySource.AccountData, "the caller is a service principal");
        keys.Known("aws:PrincipalServiceName", [service], RequestKeySource.Option, "the service that calls");
        const string NotDocumented = "AWS does not document whether the service sends it with this request";
        keys.Circumstance("aws:SourceAccount", NotDocumented);
        keys.Circumstance("aws:SourceArn", NotDocumented);
        keys.Circumstance("aws:SourceOrgID", NotDocumented);
        keys.Circumstance("aws:SourceOrgPaths", NotDocumented);
        foreach (var (key, why) in circumstances ?? [])
        {
            keys.Circumstance(key, why);
        }

        var account = ArnText.Account(resource);
        if (account.Length > 0)
        {
            keys.Known("aws:ResourceAccount", [account], RequestKeySource.AccountData, "the resource ARN's account");
        }

        AddCommon(keys);
        return keys.Build(new AuthorizationRequest { Principal = service, Action = action, Resource = resource }, _options);
    }

    private void AddCaller(KeySet keys, RequestCaller caller)
    {
        keys.Known("aws:PrincipalAccount", [caller.AccountId], RequestKeySource.AccountData, "the principal's account");
        keys.Known("aws:PrincipalIsAWSService", ["false"], RequestKeySource.AccountData, "an IAM principal, not a service");
        keys.Known("aws:PrincipalType", [PrincipalType(caller.Kind)], RequestKeySource.AccountData, "the principal's kind");
        if (caller.MemberOfGroup is { } group)
        {
            var who = $"which member of group {group} calls";
            keys.Circumstance("aws:PrincipalArn", who);
            keys.Circumstance("aws:username", who);
            keys.Circumstance("aws:userid", who);
            keys.CircumstancePrefix("aws:PrincipalTag/", who);
        }
        else
        {
            var iamArn = caller.IamArn ?? caller.Arn;
            if (caller.Kind is PrincipalKind.AssumedRole && caller.IamArn is null)
            {
                keys.Known("aws:PrincipalArn", [RoleArnOfSession(caller)], RequestKeySource.Assumption, "the session's role with no path (the role was not read)");
            }
            else
            {
                keys.Known("aws:PrincipalArn", [iamArn], caller.IamArn is null ? RequestKeySource.Error : RequestKeySource.AccountData,
                    caller.Kind is PrincipalKind.AssumedRole or PrincipalKind.IamRole ? "the role of the session" : "the principal's ARN");
            }

            AddUserId(keys, caller, caller.SessionName ?? _options.SessionName);
            if (caller.Kind == PrincipalKind.IamUser && caller.Name is { } name)
            {
                keys.Known("aws:username", [name], RequestKeySource.AccountData, "the IAM user's name");
            }

            if (caller.Attributes.Tags is { } tags)
            {
                var note = caller.Kind is PrincipalKind.AssumedRole or PrincipalKind.IamRole
                    ? "the role's tag (session tags given at AssumeRole would override it)"
                    : "the user's tag";
                foreach (var tag in tags)
                {
                    keys.Known("aws:PrincipalTag/" + tag.Key, [tag.Value], RequestKeySource.AccountData, note);
                }
            }
            else
            {
                keys.CircumstancePrefix("aws:PrincipalTag/", "the principal's tags were not read");
            }
        }

        AddOrganization(keys, caller.Attributes.Organization, "Principal", "the principal's account");
    }

    private static void AddUserId(KeySet keys, RequestCaller caller, string? sessionName)
    {
        switch (caller.Kind)
        {
            case PrincipalKind.IamUser when caller.Attributes.UniqueId is { } id:
                keys.Known("aws:userid", [id], RequestKeySource.AccountData, "the user's unique ID");
                break;
            case PrincipalKind.AssumedRole or PrincipalKind.IamRole when caller.Attributes.UniqueId is { } id && sessionName is { } session:
                keys.Known("aws:userid", [$"{id}:{session}"], RequestKeySource.AccountData, "the role's unique ID and the session name");
                break;
            case PrincipalKind.FederatedUser when caller.Name is { } name:
                keys.Known("aws:userid", [$"{caller.AccountId}:{name}"], RequestKeySource.Error, "the account and the federated user's name");
                break;
            case PrincipalKind.Root:
                keys.Known("aws:userid", [caller.AccountId], RequestKeySource.AccountData, "the account root user");
                break;
            default:
                keys.Circumstance("aws:userid", caller.Attributes.UniqueId is null ? "the principal's unique ID was not read" : "the session name is not known");
                break;
        }
    }

    private static void AddResourceRole(KeySet keys, RequestCaller caller, RoleTarget role)
    {
        var account = ArnText.Account(role.Arn);
        if (account.Length > 0)
        {
            keys.Known("aws:ResourceAccount", [account], RequestKeySource.AccountData, "the role's account");
        }

        if (string.Equals(account, caller.AccountId, StringComparison.Ordinal))
        {
            AddOrganization(keys, caller.Attributes.Organization, "Resource", "the role's account (the principal's)");
        }
        else
        {
            keys.Circumstance("aws:ResourceOrgID", "the role's account is another account, whose organization was not read");
            keys.Circumstance("aws:ResourceOrgPaths", "the role's account is another account, whose organization was not read");
        }

        // The IAM User Guide (id_roles_use_passrole) says not to control who can pass a role with ResourceTag conditions on
        // iam:PassRole: the approach "does not have reliable results". Whether the request carries the role's tags is a
        // circumstance: each tag key is decided with the role's own value and without it.
        const string Unreliable = "the role's tag, if the iam:PassRole request carries it; AWS documents that ResourceTag conditions on iam:PassRole do not give reliable results";
        if (role.Tags is { } tags)
        {
            foreach (var tag in tags)
            {
                keys.CircumstanceOf("aws:ResourceTag/" + tag.Key, tag.Value, Unreliable);
                keys.CircumstanceOf("iam:ResourceTag/" + tag.Key, tag.Value, Unreliable);
            }
        }
        else
        {
            keys.CircumstancePrefix("aws:ResourceTag/", "the role's tags were not read");
            keys.CircumstancePrefix("iam:ResourceTag/", "the role's tags were not read");
        }
    }

    private static void AddRoleTags(KeySet keys, RoleTarget role, string note = "the role's tag")
    {
        if (role.Tags is { } tags)
        {
            foreach (var tag in tags)
            {
                keys.Known("aws:ResourceTag/" + tag.Key, [tag.Value], RequestKeySource.AccountData, note);
                keys.Known("iam:ResourceTag/" + tag.Key, [tag.Value], RequestKeySource.AccountData, note);
            }
        }
        else
        {
            keys.CircumstancePrefix("aws:ResourceTag/", "the role's tags were not read");
            keys.CircumstancePrefix("iam:ResourceTag/", "the role's tags were not read");
        }
    }

    private static void AddOrganization(KeySet keys, OrganizationMembership? organization, string who, string whose)
    {
        if (organization is null)
        {
            keys.Circumstance($"aws:{who}OrgID", $"the organization of {whose} was not read");
            keys.Circumstance($"aws:{who}OrgPaths", $"the organization of {whose} was not read");
            return;
        }

        if (organization.OrganizationId is { } id)
        {
            keys.Known($"aws:{who}OrgID", [id], RequestKeySource.AccountData, $"the organization of {whose}");
            if (organization.Path is { } path)
            {
                keys.Known($"aws:{who}OrgPaths", [path], RequestKeySource.AccountData, $"the organization path of {whose}");
            }
        }
        else if (organization.IsMember)
        {
            keys.Circumstance($"aws:{who}OrgID", "the organization's ID is not in the policies read");
            keys.Circumstance($"aws:{who}OrgPaths", "the organization's ID is not in the policies read");
        }

        // Outside every organization the keys are absent: nothing to add.
    }

    private void AddCommon(KeySet keys)
    {
        var at = _options.At ?? _options.Clock.GetUtcNow();
        var source = _options.At is null ? RequestKeySource.Assumption : RequestKeySource.Option;
        var note = _options.At is null ? "the request is evaluated as if made now" : "the moment asked about (--at)";
        keys.Known("aws:CurrentTime", [at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)], source, note);
        keys.Known("aws:EpochTime", [at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)], source, note);
        keys.Known("aws:SecureTransport", ["true"], RequestKeySource.Assumption, "the console, the AWS CLI and the SDKs call AWS over HTTPS");
        if (_options.Region is { } region)
        {
            keys.Known("aws:RequestedRegion", [region], RequestKeySource.Option, "the Region of the call");
        }
        else
        {
            keys.Circumstance("aws:RequestedRegion", "the Region the call was made in is not known");
        }
    }

    private static string PrincipalType(PrincipalKind kind) => kind switch
    {
        PrincipalKind.IamUser => "User",
        PrincipalKind.AssumedRole or PrincipalKind.IamRole => "AssumedRole",
        PrincipalKind.FederatedUser => "FederatedUser",
        PrincipalKind.Root => "Account",
        _ => "User",
    };

    private static string RoleArnOfSession(RequestCaller caller)
    {
        var partition = caller.Arn.Split(':') is { Length: > 2 } parts ? parts[1] : "aws";
        return $"arn:{partition}:iam::{caller.AccountId}:role/{caller.Name}";
    }


    /// <summary>The keys of one request as they are gathered; options and the error win at the end.</summary>
    private sealed class KeySet
    {
        private readonly List<RequestKey> _keys = [];
        private readonly List<string> _unknown = [];
        private readonly List<string> _unknownPrefixes = [];
        private readonly Dictionary<string, IReadOnlyList<string>> _known = new(StringComparer.OrdinalIgnoreCase);

        public void Known(string key, string[] values, RequestKeySource source, string note)
        {
            _keys.RemoveAll(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase));
            _keys.Add(new RequestKey(key, values, source, note));
        }

        public void Circumstance(string key, string note)
        {
            _keys.RemoveAll(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase));
            _keys.Add(new RequestKey(key, [], RequestKeySource.Circumstance, note));
            _unknown.Add(key);
        }

        /// <summary>A circumstance whose value, when present, is <paramref name="value"/>: decided with it and without it.</summary>
        public void CircumstanceOf(string key, string value, string note)
        {
            _keys.RemoveAll(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase));
            _keys.Add(new RequestKey(key, [value], RequestKeySource.Circumstance, note));
            _unknown.Add(key);
            _known[key] = [value];
        }

        public void CircumstancePrefix(string prefix, string note)
        {
            _keys.Add(new RequestKey(prefix + "*", [], RequestKeySource.Circumstance, note));
            _unknownPrefixes.Add(prefix);
        }

        public BuiltRequest Build(AuthorizationRequest request, RequestOptions options)
        {
            foreach (var (key, values) in options.FromError)
            {
                Known(key, [.. values], RequestKeySource.Error, "the decoded authorization message");
            }

            foreach (var (key, values) in options.Pinned)
            {
                Known(key, [.. values], RequestKeySource.Option, "given by the caller");
            }

            var pinned = new HashSet<string>(options.FromError.Keys.Concat(options.Pinned.Keys), StringComparer.OrdinalIgnoreCase);
            var unknown = _unknown.Where(k => !pinned.Contains(k)).ToList();
            var context = RequestContext.Create(_keys
                .Where(k => k.Source != RequestKeySource.Circumstance)
                .Select(k => new KeyValuePair<string, IReadOnlyList<string>>(k.Key, k.Values)));
            foreach (var key in CircumstanceKeys.All.Where(k => !pinned.Contains(k)))
            {
                if (!_keys.Exists(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase)))
                {
                    _keys.Add(new RequestKey(key, [], RequestKeySource.Circumstance, "depends on how and where the call is made"));
                }
            }

            return new BuiltRequest(request with { Context = context }, [.. _keys], unknown, _unknownPrefixes, _known);
        }
    }
}
