using System.Text.Json;
using CsCheck;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Audit.Internal;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using static GluePassRole.Diagnostics.Tests.Audit.AuditAccountBuilder;

namespace GluePassRole.Diagnostics.Tests.Audit;

/// <summary>
/// Issue 19, item 2: the audit's report grows with causes (statements, the groups and policies that carry them, roles), not
/// with principals × roles. N developers who hold a policy through one group are one grant group and one finding per cause,
/// with every name in the JSON; <see cref="PassRoleAuditOptions.PerPair"/> keeps 0.1's line per pair.
/// </summary>
public sealed class AuditGroupingTests : IDisposable
{
    private readonly List<TempFolder> _folders = [];

    public void Dispose() => _folders.ForEach(f => f.Dispose());

    /// <summary>
    /// <paramref name="developers"/> users in group developers, whose customer policy passes role/etl-* to Glue and creates
    /// jobs; zed holds the same policy attached to himself. etl-a, etl-b and etl-c trust Glue; etl-ec2 trusts only EC2.
    /// </summary>
    private AccountSnapshot Developers(int developers)
    {
        var account = new AuditAccountBuilder();
        var policy = account.Policy("GlueDevelopers", Doc(PassToGlue(Arn("role", "etl-*")), Allow("glue:CreateJob", $"arn:aws:glue:*:{Account}:job/*")));
        account.Group("developers", managed: [policy]);
        for (var i = 0; i < developers; i++)
        {
            account.User($"dev-{i:D3}", groups: ["developers"]);
        }

        account.User("zed", managed: [policy]);
        foreach (var name in new[] { "etl-a", "etl-b", "etl-c" })
        {
            account.Role(name, TrustService("glue.amazonaws.com"));
        }

        account.Role("etl-ec2", TrustService("ec2.amazonaws.com"));
        var folder = new TempFolder();
        _folders.Add(folder);
        return account.Write(folder);
    }

    [Fact]
    public async Task AuditAsync_ManyPrincipalsThroughOneGroup_OneGrantGroupNotOneLinePerPair()
    {
        var report = await AuditAsync(Developers(40));

        Assert.Equal(41 * 3, report.Grants.Count);
        Assert.Equal(2, report.GrantGroups.Count);
        var developers = report.GrantGroups.Single(g => g.GrantedBy[0].Via == "group developers");
        Assert.Equal(40, developers.Principals.Count);
        Assert.Equal([Arn("role", "etl-a"), Arn("role", "etl-b"), Arn("role", "etl-c")], developers.Roles);
        Assert.Equal(120, developers.GrantCount);
        Assert.True(developers.CanRunAsRole);
        var zed = report.GrantGroups.Single(g => g.GrantedBy[0].Via == "user zed");
        Assert.Equal([Arn("user", "zed")], zed.Principals);

        // One finding per cause: the group's statement reaches etl-ec2 for all 40, zed's for him.
        var notTrusting = report.Findings.Where(f => f.Code == AuditFindingCodes.PassableRoleNotTrustingGlue).ToList();
        Assert.Equal(2, notTrusting.Count);
        var group = notTrusting.Single(f => f.Principals.Count == 40);
        Assert.Equal(Arn("role", "etl-ec2"), group.Role);
        Assert.Null(group.Principal);
        Assert.Equal("group developers", Assert.Single(group.GrantedBy).Via);
        Assert.Equal(
            "40 principals (user/dev-000, user/dev-001, user/dev-002 and 37 more) can pass role/etl-ec2 to Glue, but the role's trust policy does not let "
            + "glue.amazonaws.com assume it: a job, session or endpoint saved with it fails. Add Glue to its trust policy, or drop the grant: statement #0 of GlueDevelopers (group developers).",
            group.Message);

        var text = PassRoleAuditRenderer.ToText(report);
        Assert.Contains(
            "  GlueDevelopers #0 (group developers): 40 principals (user/dev-000, user/dev-001, user/dev-002 and 37 more) -> 3 roles (role/etl-a, role/etl-b, role/etl-c): no MFA needed, runs as role via glue:CreateJob",
            text,
            StringComparison.Ordinal);
        Assert.Contains("  123 grants to pass a role to Glue (0 only with MFA), 123 of them can run code as the role", text, StringComparison.Ordinal);
        Assert.Contains("1 passable role that does not trust Glue", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditAsync_MorePrincipalsInTheGroup_SameLinesSameFingerprints()
    {
        var few = await AuditAsync(Developers(5));
        var many = await AuditAsync(Developers(60));

        // The report's lines are per cause: 60 developers write as many lines as 5.
        Assert.Equal(PassRoleAuditRenderer.ToText(few).Split('\n').Length, PassRoleAuditRenderer.ToText(many).Split('\n').Length);
        Assert.Equal(PassRoleAuditRenderer.ToMarkdown(few).Split('\n').Length, PassRoleAuditRenderer.ToMarkdown(many).Split('\n').Length);

        // Code scanning keeps each cause's alert while people join the group.
        Assert.Equal(Fingerprints(few), Fingerprints(many));

        // The JSON lists every name: its size grows with the names, by a name's line each.
        using var json = JsonDocument.Parse(PassRoleAuditRenderer.ToJson(many));
        Assert.True(AuditSchema.Validate(json.RootElement).IsValid, AuditSchema.Validate(json.RootElement).Errors);
        Assert.Equal(60, json.RootElement.GetProperty("grantGroups").EnumerateArray().Max(g => g.GetProperty("principals").GetArrayLength()));
        Assert.Equal(60, json.RootElement.GetProperty("findings").EnumerateArray().Max(f => f.GetProperty("principals").GetArrayLength()));
    }

    [Fact]
    public async Task AuditAsync_PerPair_ALinePerPairAsBefore()
    {
        var report = await AuditAsync(Developers(40), perPair: true);
        var text = PassRoleAuditRenderer.ToText(report);

        Assert.True(report.PerPair);
        Assert.Equal(41, report.Findings.Count(f => f.Code == AuditFindingCodes.PassableRoleNotTrustingGlue));
        Assert.All(report.Findings, f => Assert.Equal([f.Principal!], f.Principals));
        Assert.Equal(2, report.GrantGroups.Count); // the groups are in the report either way
        Assert.Equal(123, text.Split('\n').Count(l => l.StartsWith("  user/", StringComparison.Ordinal) && l.Contains(" -> ", StringComparison.Ordinal)));
        Assert.Contains("  user/dev-007 -> role/etl-b: no MFA needed, runs as role via glue:CreateJob; by GlueDevelopers #0 (group developers)", text, StringComparison.Ordinal);
        Assert.Contains("41 passable roles that do not trust Glue", text, StringComparison.Ordinal); // 0.1's count: of findings
        using var json = JsonDocument.Parse(PassRoleAuditRenderer.ToJson(report));
        Assert.True(AuditSchema.Validate(json.RootElement).IsValid, AuditSchema.Validate(json.RootElement).Errors);
        Assert.Equal(123, json.RootElement.GetProperty("grants").GetArrayLength());
    }

    /// <summary>
    /// The bundled audit-escalation sample: erin and frank reach glue-etl-admin through group data-platform's statement:
    /// one grant group, one escalation with both (per pair: two of each).
    /// </summary>
    [Fact]
    public async Task AuditAsync_BundledAuditEscalationSample_GroupMembersShareGrantsAndEscalation()
    {
        var snapshot = AccountSnapshot.LoadFromDirectory(SampleAccounts.Folder("audit-escalation"));
        var report = await AuditAsync(snapshot);
        var perPair = await AuditAsync(snapshot, perPair: true);
        const string Erin = "arn:aws:iam::123456789012:user/erin", Frank = "arn:aws:iam::123456789012:user/frank";

        var dataPlatform = Assert.Single(report.GrantGroups, g => g.Principals.Contains(Erin));
        Assert.Equal([Erin, Frank], dataPlatform.Principals);
        Assert.Equal(["arn:aws:iam::123456789012:role/glue-etl-admin", "arn:aws:iam::123456789012:role/glue-reporting"], dataPlatform.Roles);
        Assert.Equal("group data-platform", Assert.Single(dataPlatform.GrantedBy).Via);
        Assert.Equal(5, report.GrantGroups.Count);
        Assert.Equal(perPair.Grants.Select(Describe), report.Grants.Select(Describe));

        var escalations = report.Findings.Where(f => f.Code == AuditFindingCodes.Escalation).ToList();
        Assert.Equal(2, escalations.Count);
        Assert.Equal(3, perPair.Findings.Count(f => f.Code == AuditFindingCodes.Escalation));
        var both = Assert.Single(escalations, f => f.Principals.Count == 2);
        Assert.Equal([Erin, Frank], both.Principals);
        Assert.StartsWith(
            "2 principals (user/erin, user/frank) → pass role/glue-etl-admin to Glue via group data-platform → glue:CreateJob / glue:UpdateJob → run as role/glue-etl-admin, which holds *:*, ",
            both.Path,
            StringComparison.Ordinal);
        Assert.EndsWith("organizations:* that they lack", both.Path, StringComparison.Ordinal);
        Assert.Equal(perPair.Findings.Count - 1, report.Findings.Count);

        using var json = JsonDocument.Parse(PassRoleAuditRenderer.ToJson(report));
        Assert.True(AuditSchema.Validate(json.RootElement).IsValid, AuditSchema.Validate(json.RootElement).Errors);
    }

    /// <summary>On random small accounts the findings by cause stand for exactly the findings per pair, and the grant groups for the grants.</summary>
    [Fact]
    public void AuditAsync_RandomSmallAccounts_ByCauseStandsForExactlyThePairs()
    {
        PairPruningPropertyTests.Accounts.Sample(spec =>
        {
            using var folder = new TempFolder();
            var snapshot = PairPruningPropertyTests.Build(spec).Write(folder);
            var grouped = AuditAsync(snapshot).GetAwaiter().GetResult();
            var perPair = AuditAsync(snapshot, perPair: true).GetAwaiter().GetResult();

            Assert.Equal(perPair.Grants.Select(Describe), grouped.Grants.Select(Describe));
            Assert.Equal(
                grouped.Grants.Select(g => (g.Principal, g.Role)).Order(),
                grouped.GrantGroups.SelectMany(g => g.Principals.SelectMany(p => g.Roles.Select(r => (p, r)))).Order());
            Assert.All(grouped.GrantGroups, g => Assert.All(g.Principals.SelectMany(p => g.Roles.Select(r => grouped.Grants.Single(x => x.Principal == p && x.Role == r))), grant =>
                Assert.True(grant.GrantedBy.SequenceEqual(g.GrantedBy) && grant.Verdict == g.Verdict && grant.RunOperations.SequenceEqual(g.RunOperations) && grant.Conditions.SequenceEqual(g.Conditions))));
            Assert.Equal(Expanded(perPair), Expanded(grouped));
            Assert.Equal(perPair.Unknowns.Select(u => $"{u.Subject} {u.Reason} {string.Join(" ", u.AllowedByReadPolicies)}"), grouped.Unknowns.Select(u => $"{u.Subject} {u.Reason} {string.Join(" ", u.AllowedByReadPolicies)}"));
        }, iter: 60);
    }

    [Fact]
    public void Factor_RandomPairs_EveryPairInExactlyOneGroupOfItsCause()
    {
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 6], Gen.Int[0, 2]).Array[0, 40].Sample(pairs =>
        {
            var given = pairs.Select(p => ($"p{p.Item1}", $"r{p.Item2}", p.Item3)).DistinctBy(p => (p.Item1, p.Item2)).ToList();

            var groups = Factoring.Factor(given, EqualityComparer<int>.Default);

            var covered = groups.SelectMany(g => g.Principals.SelectMany(p => g.Roles.Select(r => (p, r, g.Cause)))).ToList();
            Assert.Equal(given.Order(), covered.Order());
            Assert.All(groups, g => Assert.Equal(g.Principals.Order(StringComparer.Ordinal), g.Principals));
            Assert.All(groups, g => Assert.Equal(g.Roles.Order(StringComparer.Ordinal), g.Roles));
        }, iter: 300);
    }

    /// <summary>Each finding as the pairs (or principals, roles, statements) it stands for, with its code.</summary>
    private static string[] Expanded(PassRoleAuditReport report) =>
    [
        .. report.Findings.SelectMany(f => f.Code switch
        {
            AuditFindingCodes.Escalation or AuditFindingCodes.PassableRoleNotTrustingGlue => f.Principals.SelectMany(p => f.Roles.Select(r => $"{f.Code} {p} {r}")),
            AuditFindingCodes.PassAnyRole => f.Principals.Select(p => $"{f.Code} {p}"),
            AuditFindingCodes.DeadRole => f.Roles.Select(r => $"{f.Code} {r}"),
            // A statement's message names its holders by cause and keeps 0.1's words per pair: compare the holders.
            _ => [$"{f.Code} {f.Policy} {f.Statement} {string.Join(" ", f.Principals)}"],
        }).Order(StringComparer.Ordinal),
    ];

    private static string Describe(PassRoleGrant g) =>
        $"{g.Principal} {g.Role} {g.RequiresMfa} {g.Verdict} {g.TrustVerdict} {g.CanRunAsRole} [{string.Join(", ", g.Conditions)}] [{string.Join(", ", g.RunOperations)}] [{string.Join(", ", g.OtherOperations)}] [{string.Join(", ", g.GrantedBy)}]";

    private static string[] Fingerprints(PassRoleAuditReport report)
    {
        using var sarif = JsonDocument.Parse(PassRoleAuditRenderer.ToSarif(report));
        return [.. sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("partialFingerprints").GetProperty("passRoleAudit/v1").GetString()!)];
    }
}
