using System.Security;
using System.Text;

namespace GluePassRole.Diagnostics.Aws.Tests.TestUtilities;

/// <summary>An IAM account held in memory that answers IAM Query calls as XML, one item per page when asked to paginate.</summary>
internal sealed class FakeIamAccount
{
    public const string Account = "111122223333";

    public Dictionary<string, FakeEntity> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, FakeEntity> Groups { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, FakeEntity> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Managed policies by ARN: name, default version, document.</summary>
    public Dictionary<string, (string Name, string Version, string Document)> Policies { get; } = new(StringComparer.Ordinal);

    /// <summary>The page size of every list; 1 forces a Marker on every list with more than one item.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Overrides: return this response instead for an action (checked first).</summary>
    public Func<LoopbackRequest, LoopbackResponse?>? Override { get; set; }

    public FakeEntity AddUser(string name, string path = "/") => Users[name] = new FakeEntity(name, $"arn:aws:iam::{Account}:user{path}{name}", path);

    public FakeEntity AddGroup(string name) => Groups[name] = new FakeEntity(name, $"arn:aws:iam::{Account}:group/{name}", "/");

    public FakeEntity AddRole(string name, string path, string trust) => Roles[name] = new FakeEntity(name, $"arn:aws:iam::{Account}:role{path}{name}", path) { Trust = trust };

    public string AddPolicy(string name, string document, bool awsManaged = false)
    {
        var arn = awsManaged ? $"arn:aws:iam::aws:policy/{name}" : $"arn:aws:iam::{Account}:policy/{name}";
        Policies[arn] = (name, "v3", document);
        return arn;
    }

    public LoopbackResponse Handle(LoopbackRequest request)
    {
        if (Override?.Invoke(request) is { } overridden)
        {
            return overridden;
        }

        var p = request.Parameters;
        return request.Operation switch
        {
            "GetUser" => Find(Users, p["UserName"], request, u => $"<User>{Entity(u, "User")}</User>"),
            "GetRole" => Find(Roles, p["RoleName"], request, r => $"<Role>{Entity(r, "Role")}<AssumeRolePolicyDocument>{Uri.EscapeDataString(r.Trust!)}</AssumeRolePolicyDocument></Role>"),
            "GetGroup" => Find(Groups, p["GroupName"], request, g => $"<Group>{Entity(g, "Group")}</Group><Users></Users><IsTruncated>false</IsTruncated>"),
            "ListGroupsForUser" => Find(Users, p["UserName"], request, u => Page(request, "Groups", u.Groups.Select(g => $"<member><GroupName>{g}</GroupName><Arn>{Groups[g].Arn}</Arn></member>"))),
            "ListUserPolicies" => ListInline(Users, p["UserName"], request),
            "ListGroupPolicies" => ListInline(Groups, p["GroupName"], request),
            "ListRolePolicies" => ListInline(Roles, p["RoleName"], request),
            "GetUserPolicy" => GetInline(Users, p["UserName"], p["PolicyName"], request.Operation),
            "GetGroupPolicy" => GetInline(Groups, p["GroupName"], p["PolicyName"], request.Operation),
            "GetRolePolicy" => GetInline(Roles, p["RoleName"], p["PolicyName"], request.Operation),
            "ListAttachedUserPolicies" => ListAttached(Users, p["UserName"], request),
            "ListAttachedGroupPolicies" => ListAttached(Groups, p["GroupName"], request),
            "ListAttachedRolePolicies" => ListAttached(Roles, p["RoleName"], request),
            "GetPolicy" => Policies.TryGetValue(p["PolicyArn"], out var policy)
                ? Ok("GetPolicy", $"<Policy><PolicyName>{policy.Name}</PolicyName><Arn>{p["PolicyArn"]}</Arn><DefaultVersionId>{policy.Version}</DefaultVersionId></Policy>")
                : NoSuchEntity("policy " + p["PolicyArn"]),
            "GetPolicyVersion" => Policies.TryGetValue(p["PolicyArn"], out var version) && version.Version == p["VersionId"]
                ? Ok("GetPolicyVersion", $"<PolicyVersion><Document>{Uri.EscapeDataString(version.Document)}</Document><VersionId>{version.Version}</VersionId><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion>")
                : NoSuchEntity("policy version"),
            _ => LoopbackResponse.IamError(400, "InvalidAction", "Unknown action " + request.Operation),
        };
    }

    public static LoopbackResponse Ok(string action, string inner) => LoopbackResponse.Xml(
        $"<{action}Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><{action}Result>{inner}</{action}Result><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></{action}Response>");

    private static LoopbackResponse NoSuchEntity(string what) => LoopbackResponse.IamError(404, "NoSuchEntity", $"The {SecurityElement.Escape(what)} cannot be found.");

    private static string Entity(FakeEntity entity, string kind) =>
        $"<Path>{entity.Path}</Path><{kind}Name>{entity.Name}</{kind}Name><{kind}Id>AID{entity.Name.ToUpperInvariant()}</{kind}Id><Arn>{entity.Arn}</Arn>"
        + (entity.Boundary is null ? string.Empty : $"<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType><PermissionsBoundaryArn>{entity.Boundary}</PermissionsBoundaryArn></PermissionsBoundary>");

    private static LoopbackResponse Find(Dictionary<string, FakeEntity> entities, string name, LoopbackRequest request, Func<FakeEntity, string> body) =>
        entities.TryGetValue(name, out var entity) ? Ok(request.Operation, body(entity)) : NoSuchEntity(name);

    private LoopbackResponse ListInline(Dictionary<string, FakeEntity> entities, string name, LoopbackRequest request) =>
        entities.TryGetValue(name, out var entity)
            ? Ok(request.Operation, Page(request, "PolicyNames", entity.Inline.Keys.Select(k => $"<member>{k}</member>")))
            : NoSuchEntity(name);

    private static LoopbackResponse GetInline(Dictionary<string, FakeEntity> entities, string name, string policy, string action) =>
        entities.TryGetValue(name, out var entity) && entity.Inline.TryGetValue(policy, out var document)
            ? Ok(action, $"<PolicyName>{policy}</PolicyName><PolicyDocument>{Uri.EscapeDataString(document)}</PolicyDocument>")
            : NoSuchEntity(policy);

    private LoopbackResponse ListAttached(Dictionary<string, FakeEntity> entities, string name, LoopbackRequest request) =>
        entities.TryGetValue(name, out var entity)
            ? Ok(request.Operation, Page(request, "AttachedPolicies", entity.Attached.Select(arn => $"<member><PolicyName>{Policies[arn].Name}</PolicyName><PolicyArn>{arn}</PolicyArn></member>")))
            : NoSuchEntity(name);

    private string Page(LoopbackRequest request, string list, IEnumerable<string> items)
    {
        var all = items.ToList();
        var start = request.Parameters.TryGetValue("Marker", out var marker) ? int.Parse(marker, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var page = all.Skip(start).Take(PageSize).ToList();
        var more = start + page.Count < all.Count;
        var text = new StringBuilder($"<{list}>").AppendJoin(string.Empty, page).Append(System.Globalization.CultureInfo.InvariantCulture, $"</{list}><IsTruncated>{(more ? "true" : "false")}</IsTruncated>");
        if (more)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"<Marker>{start + page.Count}</Marker>");
        }

        return text.ToString();
    }
}

/// <summary>A user, group or role of the fake account.</summary>
internal sealed record FakeEntity(string Name, string Arn, string Path)
{
    public List<string> Groups { get; } = [];

    public Dictionary<string, string> Inline { get; } = new(StringComparer.Ordinal);

    public List<string> Attached { get; } = [];

    public string? Boundary { get; set; }

    public string? Trust { get; init; }
}
