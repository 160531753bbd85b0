using System.Text.Json;
using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Audit.Internal;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Tests.Audit;

/// <summary>
/// Writes an account as <c>aws iam get-account-authorization-details</c> prints it (plus an empty <c>organizations/</c>
/// folder: no SCPs), so the audit runs on exactly what a snapshot of a real account would hold.
/// </summary>
internal sealed class AuditAccountBuilder
{
    public const string Account = "111122223333";

    private readonly JsonArray _users = [];
    private readonly JsonArray _groups = [];
    private readonly JsonArray _roles = [];
    private readonly JsonArray _policies = [];

    public static string Arn(string kind, string pathAndName) => $"arn:aws:iam::{Account}:{kind}/{pathAndName}";

    public static JsonObject Doc(params JsonObject[] statements) => new() { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements.Select(s => s.DeepClone())]) };

    public static JsonObject Allow(object action, object resource, JsonObject? condition = null) => Statement("Allow", action, resource, condition);

    public static JsonObject Deny(object action, object resource, JsonObject? condition = null) => Statement("Deny", action, resource, condition);

    public static JsonObject PassToGlue(string resource, string op = "StringEquals") =>
        Allow("iam:PassRole", resource, new JsonObject { [op] = new JsonObject { ["iam:PassedToService"] = "glue.amazonaws.com" } });

    public static JsonObject TrustService(string service) => Doc(new JsonObject
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Service"] = service },
        ["Action"] = "sts:AssumeRole",
    });

    public AuditAccountBuilder User(string name, JsonObject? inline = null, string[]? groups = null, string[]? managed = null, string? boundary = null)
    {
        var user = new JsonObject
        {
            ["Path"] = "/",
            ["UserName"] = name,
            ["UserId"] = "AIDA" + name.ToUpperInvariant().PadRight(17, 'X')[..17],
            ["Arn"] = Arn("user", name),
            ["CreateDate"] = "2024-01-01T00:00:00+00:00",
            ["UserPolicyList"] = Inline(name, inline),
            ["GroupList"] = new JsonArray([.. (groups ?? []).Select(g => (JsonNode)g)]),
            ["AttachedManagedPolicies"] = Attached(managed),
            ["Tags"] = new JsonArray(),
        };
        if (boundary is not null)
        {
            user["PermissionsBoundary"] = new JsonObject { ["PermissionsBoundaryType"] = "PermissionsBoundaryPolicy", ["PermissionsBoundaryArn"] = boundary };
        }

        _users.Add(user);
        return this;
    }

    public AuditAccountBuilder Group(string name, JsonObject? inline = null, string[]? managed = null)
    {
        _groups.Add(new JsonObject
        {
            ["Path"] = "/",
            ["GroupName"] = name,
            ["GroupId"] = "AGPA" + name.ToUpperInvariant().PadRight(17, 'X')[..17],
            ["Arn"] = Arn("group", name),
            ["CreateDate"] = "2024-01-01T00:00:00+00:00",
            ["GroupPolicyList"] = Inline(name, inline),
            ["AttachedManagedPolicies"] = Attached(managed),
        });
        return this;
    }

    public AuditAccountBuilder Role(string name, JsonObject trust, string path = "/", JsonObject? inline = null, string[]? managed = null)
    {
        _roles.Add(new JsonObject
        {
            ["Path"] = path,
            ["RoleName"] = name,
            ["RoleId"] = "AROA" + name.ToUpperInvariant().PadRight(17, 'X')[..17],
            ["Arn"] = Arn("role", path.TrimStart('/') + name),
            ["CreateDate"] = "2024-01-01T00:00:00+00:00",
            ["AssumeRolePolicyDocument"] = trust.DeepClone(),
            ["InstanceProfileList"] = new JsonArray(),
            ["RolePolicyList"] = Inline(name, inline),
            ["AttachedManagedPolicies"] = Attached(managed),
            ["Tags"] = new JsonArray(),
        });
        return this;
    }

    /// <summary>A customer managed policy; returns its ARN.</summary>
    public string Policy(string name, JsonNode document)
    {
        var arn = Arn("policy", name);
        _policies.Add(new JsonObject
        {
            ["PolicyName"] = name,
            ["PolicyId"] = "ANPA" + name.ToUpperInvariant().PadRight(17, 'X')[..17],
            ["Arn"] = arn,
            ["Path"] = "/",
            ["DefaultVersionId"] = "v1",
            ["AttachmentCount"] = 1,
            ["PermissionsBoundaryUsageCount"] = 0,
            ["IsAttachable"] = true,
            ["CreateDate"] = "2024-01-01T00:00:00+00:00",
            ["UpdateDate"] = "2024-01-01T00:00:00+00:00",
            ["PolicyVersionList"] = new JsonArray(new JsonObject
            {
                ["Document"] = document.DeepClone(),
                ["VersionId"] = "v1",
                ["IsDefaultVersion"] = true,
                ["CreateDate"] = "2024-01-01T00:00:00+00:00",
            }),
        });
        return arn;
    }

    /// <summary>Writes the snapshot into <paramref name="folder"/> and loads it.</summary>
    public AccountSnapshot Write(TempFolder folder)
    {
        var details = new JsonObject
        {
            ["UserDetailList"] = _users.DeepClone(),
            ["GroupDetailList"] = _groups.DeepClone(),
            ["RoleDetailList"] = _roles.DeepClone(),
            ["Policies"] = _policies.DeepClone(),
            ["IsTruncated"] = false,
        };
        folder.Write("get-account-authorization-details.json", details.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        folder.Write("sts-get-caller-identity.json", $$"""{"UserId":"AIDAAUDITOR","Account":"{{Account}}","Arn":"arn:aws:iam::{{Account}}:user/auditor"}""");
        Directory.CreateDirectory(Path.Combine(folder.Path, "organizations"));
        return AccountSnapshot.LoadFromDirectory(folder.Path);
    }

    public static async Task<PassRoleAuditReport> AuditAsync(AccountSnapshot snapshot, bool prune = true, bool perPair = false) =>
        await new PassRoleAuditor(snapshot, snapshot, snapshot, snapshot, new PassRoleAuditOptions { PerPair = perPair }) { PrunePairs = prune }.AuditAsync();

    private static JsonObject Statement(string effect, object action, object resource, JsonObject? condition)
    {
        var statement = new JsonObject { ["Effect"] = effect, [action is NotAction ? "NotAction" : "Action"] = Node(action is NotAction n ? n.Actions : action), ["Resource"] = Node(resource) };
        if (condition is not null)
        {
            statement["Condition"] = condition;
        }

        return statement;
    }

    private static JsonNode Node(object value) => value switch
    {
        string text => JsonValue.Create(text),
        string[] many => new JsonArray([.. many.Select(m => (JsonNode)m)]),
        _ => throw new ArgumentException("an action or resource is a string or string[]", nameof(value)),
    };

    private static JsonArray Inline(string owner, JsonObject? document) => document is null
        ? []
        : [new JsonObject { ["PolicyName"] = owner + "-inline", ["PolicyDocument"] = document.DeepClone() }];

    private static JsonArray Attached(string[]? arns) => new([.. (arns ?? []).Select(a => (JsonNode)new JsonObject
    {
        ["PolicyName"] = a[(a.LastIndexOf('/') + 1)..],
        ["PolicyArn"] = a,
    })]);
}

/// <summary>A <c>NotAction</c> element for <see cref="AuditAccountBuilder.Allow"/>.</summary>
internal sealed record NotAction(params string[] Actions);
