using System.Globalization;
using System.Xml.Linq;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>Reads IAM's Query-protocol XML by local name (the namespace carries the API version).</summary>
internal static class IamXml
{
    public static XElement? Child(this XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static string? Text(this XElement element, string name) => element.Child(name)?.Value;

    public static string Required(this XElement element, string name) =>
        element.Text(name) ?? throw new MalformedResponseException($"The IAM response has no {name} in {element.Name.LocalName}.");

    public static IEnumerable<XElement> Members(this XElement element, string listName) =>
        element.Child(listName)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];

    public static bool Flag(this XElement element, string name) =>
        string.Equals(element.Text(name), "true", StringComparison.OrdinalIgnoreCase);

    public static int? Number(this XElement element, string name) =>
        int.TryParse(element.Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static IReadOnlyList<IamTag> Tags(this XElement element) =>
        [.. element.Members("Tags").Select(tag => new IamTag(tag.Text("Key") ?? string.Empty, tag.Text("Value") ?? string.Empty))];

    public static string? BoundaryArn(this XElement element) => element.Child("PermissionsBoundary")?.Text("PermissionsBoundaryArn");

    public static IamUser ToUser(this XElement user) => new(user.Required("UserName"), user.Required("Arn"))
    {
        Path = user.Text("Path") ?? "/",
        Id = user.Text("UserId"),
        PermissionsBoundaryArn = user.BoundaryArn(),
        Tags = user.Tags(),
    };

    public static IamGroup ToGroup(this XElement group) => new(group.Required("GroupName"), group.Required("Arn"))
    {
        Path = group.Text("Path") ?? "/",
        Id = group.Text("GroupId"),
    };

    public static IamRole ToRole(this XElement role, Func<string, string, SourceResult<Policies.PolicyDocument>> parse)
    {
        var name = role.Required("RoleName");
        var trust = role.Text("AssumeRolePolicyDocument") is { } text
            ? parse(text, $"trust policy of role {name}")
            : SourceResult.Unreadable<Policies.PolicyDocument>(new SourceError($"The IAM response for role {name} has no AssumeRolePolicyDocument."));
        return new IamRole(name, role.Required("Arn"), trust)
        {
            Path = role.Text("Path") ?? "/",
            Id = role.Text("RoleId"),
            PermissionsBoundaryArn = role.BoundaryArn(),
            Tags = role.Tags(),
        };
    }

    public static AttachedPolicy Attachment(XElement policy)
    {
        var arn = policy.Required("PolicyArn");
        return new AttachedPolicy(policy.Text("PolicyName") ?? arn[(arn.LastIndexOf('/') + 1)..], arn);
    }
}
