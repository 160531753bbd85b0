using System.Xml.Linq;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>The whole account as <c>GetAccountAuthorizationDetails</c> reported it, indexed by name and ARN.</summary>
internal sealed class AuthorizationDetails
{
    private readonly Dictionary<string, UserEntry> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Entity<IamGroup>> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Entity<IamRole>> _roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SourceResult<ManagedPolicy>> _policies = new(StringComparer.Ordinal);

    public int UserCount => _users.Count;

    public int GroupCount => _groups.Count;

    public int RoleCount => _roles.Count;

    public int PolicyCount => _policies.Count;

    public static AuthorizationDetails Read(IEnumerable<XElement> pages, Func<string, string, SourceResult<PolicyDocument>> parse)
    {
        var details = new AuthorizationDetails();
        foreach (var page in pages)
        {
            foreach (var user in page.Members("UserDetailList"))
            {
                var entity = Entity<IamUser>.Read(user.ToUser(), user, "UserPolicyList", "user", parse);
                details._users[entity.Value.Name] = new UserEntry(entity, [.. user.Members("GroupList").Select(g => g.Value)]);
            }

            foreach (var group in page.Members("GroupDetailList"))
            {
                var entity = Entity<IamGroup>.Read(group.ToGroup(), group, "GroupPolicyList", "group", parse);
                details._groups[entity.Value.Name] = entity;
            }

            foreach (var role in page.Members("RoleDetailList"))
            {
                var entity = Entity<IamRole>.Read(role.ToRole(parse), role, "RolePolicyList", "role", parse);
                details._roles[entity.Value.Name] = entity;
            }

            foreach (var policy in page.Members("Policies"))
            {
                var arn = policy.Required("Arn");
                var name = policy.Text("PolicyName") ?? arn[(arn.LastIndexOf('/') + 1)..];
                var defaultVersion = policy.Members("PolicyVersionList").FirstOrDefault(v => v.Flag("IsDefaultVersion"));
                details._policies[arn] = defaultVersion?.Text("Document") is { } document
                    ? parse(document, $"managed policy {arn} version {defaultVersion.Text("VersionId")}")
                        .Map(d => new ManagedPolicy(name, arn, d) { VersionId = defaultVersion.Text("VersionId") })
                    : SourceResult.Unreadable<ManagedPolicy>(new SourceError($"The authorization details list managed policy {arn} without its default version."));
            }
        }

        return details;
    }

    public SourceResult<IamUser> User(string name) =>
        _users.TryGetValue(name, out var user) ? SourceResult.Found(user.Entity.Value) : SourceResult.NotFound<IamUser>($"user {name}");

    public SourceResult<IReadOnlyList<string>> GroupsOf(string name) =>
        _users.TryGetValue(name, out var user) ? SourceResult.Found(user.Groups) : SourceResult.NotFound<IReadOnlyList<string>>($"user {name}");

    public SourceResult<IamGroup> Group(string name) =>
        _groups.TryGetValue(name, out var group) ? SourceResult.Found(group.Value) : SourceResult.NotFound<IamGroup>($"group {name}");

    public SourceResult<IamRole> Role(string name) =>
        _roles.TryGetValue(name, out var role) ? SourceResult.Found(role.Value) : SourceResult.NotFound<IamRole>($"role {name}");

    public SourceResult<InlinePolicyReads> Inline(IamEntityKind kind, string name) => kind switch
    {
        IamEntityKind.User => _users.TryGetValue(name, out var u) ? SourceResult.Found(u.Entity.Inline) : SourceResult.NotFound<InlinePolicyReads>($"user {name}"),
        IamEntityKind.Group => _groups.TryGetValue(name, out var g) ? SourceResult.Found(g.Inline) : SourceResult.NotFound<InlinePolicyReads>($"group {name}"),
        _ => _roles.TryGetValue(name, out var r) ? SourceResult.Found(r.Inline) : SourceResult.NotFound<InlinePolicyReads>($"role {name}"),
    };

    public SourceResult<IReadOnlyList<AttachedPolicy>> Attached(IamEntityKind kind, string name) => kind switch
    {
        IamEntityKind.User => _users.TryGetValue(name, out var u) ? SourceResult.Found(u.Entity.Attached) : SourceResult.NotFound<IReadOnlyList<AttachedPolicy>>($"user {name}"),
        IamEntityKind.Group => _groups.TryGetValue(name, out var g) ? SourceResult.Found(g.Attached) : SourceResult.NotFound<IReadOnlyList<AttachedPolicy>>($"group {name}"),
        _ => _roles.TryGetValue(name, out var r) ? SourceResult.Found(r.Attached) : SourceResult.NotFound<IReadOnlyList<AttachedPolicy>>($"role {name}"),
    };

    /// <summary>The policy, or <see langword="null"/> when the details do not hold it (then it is read directly).</summary>
    public SourceResult<ManagedPolicy>? Policy(string arn) => _policies.TryGetValue(arn, out var policy) ? policy : null;

    private sealed record UserEntry(Entity<IamUser> Entity, IReadOnlyList<string> Groups);

    private sealed record Entity<T>(T Value, InlinePolicyReads Inline, IReadOnlyList<AttachedPolicy> Attached)
        where T : notnull
    {
        /// <summary>Reads an entity; an inline policy whose document cannot be parsed is unread on its own.</summary>
        public static Entity<T> Read(T value, XElement element, string inlineList, string what, Func<string, string, SourceResult<PolicyDocument>> parse)
        {
            var inline = new List<InlinePolicy>();
            var unread = new List<UnreadInlinePolicy>();
            foreach (var policy in element.Members(inlineList))
            {
                var name = policy.Required("PolicyName");
                var document = parse(policy.Required("PolicyDocument"), $"inline policy {name} of {what}");
                if (document.TryGetValue(out var parsed))
                {
                    inline.Add(new InlinePolicy(name, parsed));
                }
                else
                {
                    unread.Add(new UnreadInlinePolicy(name, document.Error!));
                }
            }

            var attached = element.Members("AttachedManagedPolicies").Select(IamXml.Attachment).ToList();
            return new Entity<T>(value, new InlinePolicyReads(inline, unread), attached);
        }
    }
}
