using System.Text.Json.Nodes;
using CsCheck;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using static GluePassRole.Diagnostics.Tests.Audit.AuditAccountBuilder;

namespace GluePassRole.Diagnostics.Tests.Audit;

/// <summary>
/// The audit's shortcut (decide only the principal × role pairs a PassRole allow's resource prefix can reach, and skip
/// principals no allow reaches) gives exactly the report of deciding every pair, on random small accounts.
/// </summary>
public sealed class PairPruningPropertyTests
{
    private static readonly string[] RolePaths = ["/", "/service-role/", "/data/", "/data/team/"];
    private static readonly string[] RoleNames = ["etl-runtime", "etl-admin", "AWSGlueServiceRole-x", "dataset", "nested"];

    private static readonly Gen<string> PassResource = Gen.OneOf<string>(
        "*", Arn("role", "*"), Arn("role", "data/*"), Arn("role", "etl-*"), Arn("role", "etl-runtime"), Arn("role", "data/team/nested"),
        Arn("role", "service-role/AWSGlueServiceRole*"), "arn:aws:iam::*:role/AWSGlueServiceRole*", "arn:aws:s3:::etl-*", "arn:aws:iam::*:role/d?ta*",
        Arn("role", "${aws:username}"), "arn:aws:iam:*");

    private static readonly Gen<JsonObject?> Condition = Gen.Int[0, 5].Select(i => i switch
    {
        2 => new JsonObject { ["StringEquals"] = new JsonObject { ["iam:PassedToService"] = "glue.amazonaws.com" } },
        3 => new JsonObject { ["StringEquals"] = new JsonObject { ["iam:PassedToService"] = "ec2.amazonaws.com" } },
        4 => new JsonObject { ["StringLike"] = new JsonObject { ["iam:PassedToService"] = "glue.*" } },
        5 => new JsonObject { ["Bool"] = new JsonObject { ["aws:MultiFactorAuthPresent"] = "true" } },
        _ => (JsonObject?)null,
    });

    private static readonly Gen<JsonObject> Statement = Gen.Select(PassResource, Condition, Gen.Int[0, 14]).Select(t => t.Item3 switch
    {
        0 => Deny("iam:PassRole", t.Item1, t.Item2),
        1 => Allow(new NotAction("s3:*"), t.Item1, t.Item2),
        2 => Allow(new NotAction("iam:*"), t.Item1, t.Item2),
        3 => Allow("iam:*", t.Item1, t.Item2),
        4 => Allow("glue:CreateJob", "*"),
        5 => Allow(new[] { "glue:CreateJob", "glue:StartJobRun" }, $"arn:aws:glue:*:{Account}:job/*"),
        6 => Allow("glue:CreateSession", "*"),
        7 => Allow("s3:*", "*"),
        8 => Allow("kms:Decrypt", "*"),
        9 => Allow("*", "*"),
        _ => Allow("iam:PassRole", t.Item1, t.Item2),
    });

    private static readonly Gen<JsonObject> Document = Statement.Array[1, 4].Select(s => Doc(s));

    private static readonly Gen<(JsonObject? Inline, int Group)[]> Users = Gen.Select(Document.Null(), Gen.Int[-1, 1]).Array[1, 4];

    private static readonly Gen<(int Path, int Name, bool Glue, JsonObject? Inline)[]> Roles = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 4], Gen.Bool, Document.Null()).Array[1, 6];

    /// <summary>Random small accounts: users with inline policies in groups g0 and g1, roles trusting Glue or EC2.</summary>
    internal static readonly Gen<((JsonObject? Inline, int Group)[] Users, JsonObject[] Groups, (int Path, int Name, bool Glue, JsonObject? Inline)[] Roles)> Accounts =
        Gen.Select(Users, Document.Array[2], Roles);

    internal static AuditAccountBuilder Build(((JsonObject? Inline, int Group)[] Users, JsonObject[] Groups, (int Path, int Name, bool Glue, JsonObject? Inline)[] Roles) spec)
    {
        var (users, groups, roles) = spec;
        var account = new AuditAccountBuilder();
        account.Group("g0", groups[0]).Group("g1", groups[1]);
        for (var i = 0; i < users.Length; i++)
        {
            account.User($"u{i}", users[i].Inline, users[i].Group < 0 ? [] : [$"g{users[i].Group}"]);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, name, glue, inline) in roles)
        {
            if (seen.Add(RoleNames[name]))
            {
                account.Role(RoleNames[name], TrustService(glue ? "glue.amazonaws.com" : "ec2.amazonaws.com"), RolePaths[path], inline);
            }
        }

        return account;
    }

    [Fact]
    public void AuditAsync_RandomSmallAccounts_PrunedReportEqualsEveryPairDecided()
    {
        Accounts.Sample(spec =>
        {
            using var folder = new TempFolder();
            var snapshot = Build(spec).Write(folder);
            var pruned = AuditAsync(snapshot).GetAwaiter().GetResult();
            var all = AuditAsync(snapshot, prune: false).GetAwaiter().GetResult();
            Assert.Equal(Without(all), Without(pruned));
        }, iter: 150);
    }

    private static string Without(PassRoleAuditReport report) =>
        PassRoleAuditRenderer.ToJson(report).Replace($"\"pairsDecided\": {report.PairsDecided}", string.Empty, StringComparison.Ordinal);
}
