using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GluePassRole.Diagnostics.Benchmarks.Snapshot;

/// <summary>
/// Writes a large, deterministic <c>get-account-authorization-details</c> file straight to disk with a
/// <see cref="Utf8JsonWriter"/>, in the CLI form (documents as objects) or the SDK form (URL-encoded strings).
/// </summary>
internal static class LargeAccountGenerator
{
    public const string Account = "123456789012";

    /// <summary>Issue 19's account: this many developers hold AWSGlueConsoleFullAccess (900 of them have no permissions boundary).</summary>
    public const int GlueConsoleDevelopers = 1_000;

    /// <summary>Issue 19's account: this many roles are named AWSGlueServiceRole-NNNNN (62 trust Glue and are in its reach: 55,800 grants).</summary>
    public const int GlueConsoleServiceRoles = 186;

    /// <summary>The group of <see cref="Write"/>'s developers, which holds AWSGlueConsoleFullAccess.</summary>
    public const string DevelopersGroup = "developers";

    // passRolePolicies: how many customer policies also grant iam:PassRole and glue:CreateJob (for the audit benchmark);
    // 0 keeps the account the snapshot benchmark has always measured.
    // developers: when above 0, AWSGlueConsoleFullAccess is no longer attached to every user, group and role: the first
    // `developers` users hold it through the group developers (every 100th also attached to the user itself), and the first
    // `glueServiceRoles` roles are named AWSGlueServiceRole-NNNNN, the names it lets them pass to Glue (issue 19's account:
    // half of those roles trust Glue, the rest do not; the ones under /teams/data/ are out of its reach).
    public static string Write(string directory, bool urlEncoded, int users = 2_000, int groups = 500, int roles = 10_000, int policies = 3_000, int passRolePolicies = 0, int developers = 0, int glueServiceRoles = 0)
    {
        var glueConsoleForAll = developers == 0;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "get-account-authorization-details.json");
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = !urlEncoded, SkipValidation = true });
        var random = new Random(42);

        json.WriteStartObject();
        json.WriteStartArray("UserDetailList");
        for (var i = 0; i < users; i++)
        {
            json.WriteStartObject();
            json.WriteString("Path", i % 5 == 0 ? "/engineering/" : "/");
            json.WriteString("UserName", $"user-{i:D5}");
            json.WriteString("UserId", $"AIDA{i:D17}");
            json.WriteString("Arn", $"arn:aws:iam::{Account}:user{(i % 5 == 0 ? "/engineering" : string.Empty)}/user-{i:D5}");
            json.WriteString("CreateDate", "2024-03-04T09:12:44+00:00");
            json.WriteStartArray("UserPolicyList");
            if (i % 4 == 0)
            {
                WriteInline(json, $"user-{i}-inline", Document(random, 3), urlEncoded);
            }

            json.WriteEndArray();
            json.WriteStartArray("GroupList");
            for (var g = 0; g < 3; g++)
            {
                json.WriteStringValue($"group-{(i * 7 + g * 131) % groups:D4}");
            }

            if (i < developers)
            {
                json.WriteStringValue(DevelopersGroup);
            }

            json.WriteEndArray();
            WriteAttached(json, random, policies, 2, glueConsoleForAll || (i < developers && i % 100 == 99));
            if (i % 10 == 0)
            {
                json.WriteStartObject("PermissionsBoundary");
                json.WriteString("PermissionsBoundaryType", "Policy");
                json.WriteString("PermissionsBoundaryArn", $"arn:aws:iam::{Account}:policy/policy-{i % policies:D5}");
                json.WriteEndObject();
            }

            WriteTags(json, i);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("GroupDetailList");
        for (var i = 0; i < groups; i++)
        {
            json.WriteStartObject();
            json.WriteString("Path", "/");
            json.WriteString("GroupName", $"group-{i:D4}");
            json.WriteString("GroupId", $"AGPA{i:D17}");
            json.WriteString("Arn", $"arn:aws:iam::{Account}:group/group-{i:D4}");
            json.WriteString("CreateDate", "2024-03-04T09:10:02+00:00");
            json.WriteStartArray("GroupPolicyList");
            WriteInline(json, $"group-{i}-inline", Document(random, 4), urlEncoded);
            json.WriteEndArray();
            WriteAttached(json, random, policies, 3, glueConsoleForAll);
            json.WriteEndObject();
        }

        if (developers > 0)
        {
            json.WriteStartObject();
            json.WriteString("Path", "/");
            json.WriteString("GroupName", DevelopersGroup);
            json.WriteString("GroupId", $"AGPA{groups:D17}");
            json.WriteString("Arn", $"arn:aws:iam::{Account}:group/{DevelopersGroup}");
            json.WriteString("CreateDate", "2024-03-04T09:10:02+00:00");
            json.WriteStartArray("GroupPolicyList");
            json.WriteEndArray();
            json.WriteStartArray("AttachedManagedPolicies");
            WriteGlueConsole(json);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("RoleDetailList");
        for (var i = 0; i < roles; i++)
        {
            var rolePath = (i % 3) switch { 0 => "/", 1 => "/service-role/", _ => "/teams/data/" };
            var roleName = i < glueServiceRoles ? $"AWSGlueServiceRole-{i:D5}" : $"role-{i:D5}";
            json.WriteStartObject();
            json.WriteString("Path", rolePath);
            json.WriteString("RoleName", roleName);
            json.WriteString("RoleId", $"AROA{i:D17}");
            json.WriteString("Arn", $"arn:aws:iam::{Account}:role{rolePath}{roleName}");
            json.WriteString("CreateDate", "2024-03-05T14:00:00+00:00");
            WriteDocument(json, "AssumeRolePolicyDocument", Trust(i), urlEncoded);
            json.WriteStartArray("InstanceProfileList");
            json.WriteEndArray();
            json.WriteStartArray("RolePolicyList");
            WriteInline(json, $"role-{i}-data", Document(random, 8), urlEncoded);
            WriteInline(json, $"role-{i}-logs", Document(random, 4), urlEncoded);
            json.WriteEndArray();
            WriteAttached(json, random, policies, 3, glueConsoleForAll);
            WriteTags(json, i);
            json.WriteStartObject("RoleLastUsed");
            json.WriteString("LastUsedDate", "2026-06-16T23:10:11+00:00");
            json.WriteString("Region", "eu-west-1");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("Policies");
        for (var i = 0; i < policies; i++)
        {
            json.WriteStartObject();
            json.WriteString("PolicyName", $"policy-{i:D5}");
            json.WriteString("PolicyId", $"ANPA{i:D17}");
            json.WriteString("Arn", $"arn:aws:iam::{Account}:policy/policy-{i:D5}");
            json.WriteString("Path", "/");
            json.WriteString("DefaultVersionId", "v5");
            json.WriteNumber("AttachmentCount", 5);
            json.WriteNumber("PermissionsBoundaryUsageCount", 0);
            json.WriteBoolean("IsAttachable", true);
            json.WriteString("CreateDate", "2024-03-04T09:05:00+00:00");
            json.WriteString("UpdateDate", "2024-05-01T10:00:00+00:00");
            json.WriteStartArray("PolicyVersionList");
            for (var v = 5; v >= 1; v--)
            {
                json.WriteStartObject();
                var document = Document(random, 14);
                if (v == 5 && passRolePolicies > 0 && i % (policies / passRolePolicies) == 0)
                {
                    document = WithPassRole(document, i / (policies / passRolePolicies));
                }

                WriteDocument(json, "Document", document, urlEncoded);
                json.WriteString("VersionId", $"v{v}");
                json.WriteBoolean("IsDefaultVersion", v == 5);
                json.WriteString("CreateDate", "2024-05-01T10:00:00+00:00");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("IsTruncated", false);
        json.WriteEndObject();
        return path;
    }

    private static void WriteInline(Utf8JsonWriter json, string name, string document, bool urlEncoded)
    {
        json.WriteStartObject();
        json.WriteString("PolicyName", name);
        WriteDocument(json, "PolicyDocument", document, urlEncoded);
        json.WriteEndObject();
    }

    private static void WriteDocument(Utf8JsonWriter json, string property, string document, bool urlEncoded)
    {
        if (urlEncoded)
        {
            json.WriteString(property, Uri.EscapeDataString(document));
        }
        else
        {
            json.WritePropertyName(property);
            json.WriteRawValue(document, skipInputValidation: true);
        }
    }

    private static void WriteAttached(Utf8JsonWriter json, Random random, int policies, int count, bool glueConsole)
    {
        json.WriteStartArray("AttachedManagedPolicies");
        for (var a = 0; a < count; a++)
        {
            var p = random.Next(policies);
            json.WriteStartObject();
            json.WriteString("PolicyName", $"policy-{p:D5}");
            json.WriteString("PolicyArn", $"arn:aws:iam::{Account}:policy/policy-{p:D5}");
            json.WriteEndObject();
        }

        if (glueConsole)
        {
            WriteGlueConsole(json);
        }

        json.WriteEndArray();
    }

    private static void WriteGlueConsole(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("PolicyName", "AWSGlueConsoleFullAccess");
        json.WriteString("PolicyArn", "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess");
        json.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter json, int i)
    {
        json.WriteStartArray("Tags");
        json.WriteStartObject();
        json.WriteString("Key", "cost-center");
        json.WriteString("Value", $"cc-{i % 97}");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static string Trust(int i) => i % 2 == 0
        ? """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""
        : """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::""" + Account + """:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""";

    /// <summary>Adds a PassRole grant: most to one team's roles, some to every service-role, a few to any role; with jobs to run them.</summary>
    private static string WithPassRole(string document, int n)
    {
        var resource = (n % 10) switch
        {
            0 => "*",
            1 or 2 or 3 => $"arn:aws:iam::{Account}:role/service-role/role-0{n % 10}*",
            _ => $"arn:aws:iam::{Account}:role/teams/data/role-0{n % 10}{n % 7}*",
        };
        var node = JsonNode.Parse(document)!;
        node["Statement"]!.AsArray().Add(JsonNode.Parse("""{"Sid":"PassRuntimeRoles","Effect":"Allow","Action":"iam:PassRole","Resource":""" + "\"" + resource + "\"" + ""","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}"""));
        node["Statement"]!.AsArray().Add(JsonNode.Parse($$"""{"Sid":"ManageJobs","Effect":"Allow","Action":["glue:CreateJob","glue:UpdateJob","glue:StartJobRun"],"Resource":"arn:aws:glue:eu-west-1:{{Account}}:job/*"}"""));
        return node.ToJsonString(Indented);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4 };

    private static readonly string[] Services = ["s3", "glue", "logs", "dynamodb", "kms", "sqs", "sns", "athena", "lambda", "ec2"];
    private static readonly string[] Verbs = ["Get", "List", "Put", "Describe", "Create", "Update", "Delete", "Start", "Batch"];

    /// <summary>A realistic policy: allows with several actions and resources, some with conditions, one deny.</summary>
    private static string Document(Random random, int statements)
    {
        var text = new StringBuilder("""{"Version":"2012-10-17","Statement":[""");
        for (var s = 0; s < statements; s++)
        {
            var service = Services[random.Next(Services.Length)];
            text.Append(s == 0 ? string.Empty : ",")
                .Append(CultureInfo.InvariantCulture, $$"""{"Sid":"Stmt{{s}}{{random.Next(100000)}}","Effect":"{{(s == statements - 1 && statements > 3 ? "Deny" : "Allow")}}","Action":[""");
            var actions = 2 + random.Next(5);
            for (var a = 0; a < actions; a++)
            {
                text.Append(a == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"\"{service}:{Verbs[random.Next(Verbs.Length)]}Thing{random.Next(40)}\"");
            }

            text.Append("],\"Resource\":[");
            var resources = 1 + random.Next(3);
            for (var r = 0; r < resources; r++)
            {
                text.Append(r == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"\"arn:aws:{service}:eu-west-1:{Account}:thing/team-{random.Next(50)}/*\"");
            }

            text.Append(']');
            if (random.Next(3) == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $$$""","Condition":{"StringEquals":{"aws:ResourceTag/team":"team-{{{random.Next(50)}}}"}}""");
            }

            text.Append('}');
        }

        // Documents keep the indentation their authors gave them; IAM returns the text as stored.
        return JsonNode.Parse(text.Append("]}").ToString())!.ToJsonString(Indented);
    }
}
