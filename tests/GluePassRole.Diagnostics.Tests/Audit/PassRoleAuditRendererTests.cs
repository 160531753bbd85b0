using System.Text.Json;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Tests.Audit;

/// <summary>The four formats of the hand-checked account's audit, per principal × role pair (0.1's) and by cause (the default).</summary>
public sealed class PassRoleAuditRendererTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<PassRoleAuditReport> ReportAsync(bool perPair = true) => await AuditAccountBuilder.AuditAsync(HandCheckedAccountTests.Build().Write(_folder), perPair: perPair);

    [Fact]
    public async Task ToJson_HandCheckedAccountPerPair_SchemaVersion1WithTheAccountInEveryRecord()
    {
        var report = await ReportAsync();
        using var json = JsonDocument.Parse(PassRoleAuditRenderer.ToJson(report));
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(AuditAccountBuilder.Account, root.GetProperty("account").GetString());
        Assert.True(root.GetProperty("perPair").GetBoolean());
        Assert.False(root.TryGetProperty("grantGroups", out _));
        var grants = root.GetProperty("grants").EnumerateArray().ToList();
        Assert.Equal(report.Grants.Count, grants.Count);
        foreach (var record in grants.Concat(root.GetProperty("findings").EnumerateArray()).Concat(root.GetProperty("unknowns").EnumerateArray()))
        {
            Assert.Equal(AuditAccountBuilder.Account, record.GetProperty("account").GetString());
        }

        var frank = grants.Single(g => g.GetProperty("principal").GetString()!.EndsWith("user/frank", StringComparison.Ordinal));
        Assert.True(frank.GetProperty("requiresMfa").GetBoolean());
        Assert.True(frank.GetProperty("canRunAsRole").GetBoolean());
        Assert.Equal(["glue:CreateJob", "glue:StartJobRun"], frank.GetProperty("runOperations").EnumerateArray().Select(e => e.GetString()));
        var grantedBy = Assert.Single(frank.GetProperty("grantedBy").EnumerateArray());
        Assert.Equal("frank-inline", grantedBy.GetProperty("policy").GetString());
        Assert.Equal("frank", grantedBy.GetProperty("attachedTo").GetString());
        Assert.Equal("#0", grantedBy.GetProperty("statement").GetString());

        var escalation = root.GetProperty("findings").EnumerateArray().First();
        Assert.Equal("Escalation", escalation.GetProperty("code").GetString());
        Assert.Equal("Error", escalation.GetProperty("severity").GetString());
        Assert.StartsWith("role/aws-reserved/sso.amazonaws.com/", escalation.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToJson_HandCheckedAccountPerPair_ValidatesAgainstThePublishedSchema()
    {
        using var json = JsonDocument.Parse(PassRoleAuditRenderer.ToJson(await ReportAsync()));

        var (valid, errors) = AuditSchema.Validate(json.RootElement);

        Assert.True(valid, errors);
        var frank = json.RootElement.GetProperty("grants").EnumerateArray().Single(g => g.GetProperty("principal").GetString()!.EndsWith("user/frank", StringComparison.Ordinal));
        var mfa = Assert.Single(frank.GetProperty("conditions").EnumerateArray());
        Assert.Equal("aws:MultiFactorAuthPresent", mfa.GetProperty("key").GetString());
        Assert.Equal("aws:MultiFactorAuthPresent = true", mfa.GetProperty("description").GetString());
        Assert.Equal("PassRole", mfa.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task ToSarif_HandCheckedAccountPerPair_OneResultPerFindingOneRulePerCode()
    {
        var report = await ReportAsync();
        using var sarif = JsonDocument.Parse(PassRoleAuditRenderer.ToSarif(report));
        var root = sarif.RootElement;

        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(report.Findings.Select(f => f.Code).Distinct().Order(StringComparer.Ordinal), rules);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(report.Findings.Count, results.Count);
        var first = results[0];
        Assert.Equal("error", first.GetProperty("level").GetString());
        Assert.Equal(rules.IndexOf("Escalation"), first.GetProperty("ruleIndex").GetInt32());
        Assert.Equal("get-account-authorization-details.json", first.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(report.Findings[0].Principal, first.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("note", results.First(r => r.GetProperty("ruleId").GetString() == "DeadRole").GetProperty("level").GetString());
        Assert.Equal(results.Count, results.Select(r => r.GetProperty("partialFingerprints").GetProperty("passRoleAudit/v1").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task ToMarkdown_HandCheckedAccountPerPair_MermaidGraphGroupedByGrantingGroupOrPolicy()
    {
        var markdown = PassRoleAuditRenderer.ToMarkdown(await ReportAsync());

        Assert.StartsWith("# PassRole audit of account 111122223333\n", markdown, StringComparison.Ordinal);
        Assert.Contains("```mermaid\nflowchart LR\n", markdown, StringComparison.Ordinal);
        Assert.Contains("[\"group GlueConsole: AWSGlueConsoleFullAccess\"]", markdown, StringComparison.Ordinal);
        Assert.Contains("[\"user alice: alice-inline\"]", markdown, StringComparison.Ordinal);
        Assert.Contains("==>|runs as|", markdown, StringComparison.Ordinal);      // an escalation edge is drawn thick
        Assert.Contains("-->|runs as, MFA|", markdown, StringComparison.Ordinal); // frank's edge
        Assert.Contains("| `user/frank` | `role/etl-runtime` | yes | **yes** |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Escalation paths", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToText_HandCheckedAccountPerPair_SummaryFirstThenEscalationPathsThenGrants()
    {
        var text = PassRoleAuditRenderer.ToText(await ReportAsync());
        var lines = text.Split('\n');

        Assert.Equal("PassRole audit of account 111122223333", lines[0]);
        Assert.Contains("11 grants to pass a role to Glue (1 only with MFA), 7 of them can run code as the role", text, StringComparison.Ordinal);
        Assert.Contains("2 escalation paths", lines[3], StringComparison.Ordinal);
        Assert.True(text.IndexOf("Escalation paths:", StringComparison.Ordinal) < text.IndexOf("Grants (", StringComparison.Ordinal));
        Assert.Contains("  user/frank -> role/etl-runtime: MFA required, runs as role via glue:CreateJob, glue:StartJobRun; by frank-inline #0 (user frank)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToJson_HandCheckedAccount_GrantGroupsInsteadOfGrantsEveryNameListed()
    {
        var report = await ReportAsync(perPair: false);
        using var json = JsonDocument.Parse(PassRoleAuditRenderer.ToJson(report));
        var root = json.RootElement;

        var (valid, errors) = AuditSchema.Validate(root);
        Assert.True(valid, errors);
        Assert.False(root.GetProperty("perPair").GetBoolean());
        Assert.False(root.TryGetProperty("grants", out _));
        Assert.Equal(report.Grants.Count, root.GetProperty("summary").GetProperty("grants").GetInt32());
        var groups = root.GetProperty("grantGroups").EnumerateArray().ToList();
        Assert.Equal(report.GrantGroups.Count, groups.Count);
        Assert.Equal(report.Grants.Count, groups.Sum(g => g.GetProperty("principals").GetArrayLength() * g.GetProperty("roles").GetArrayLength()));
        foreach (var record in groups.Concat(root.GetProperty("findings").EnumerateArray()))
        {
            Assert.Equal(AuditAccountBuilder.Account, record.GetProperty("account").GetString());
        }

        var carol = groups.Single(g => g.GetProperty("principals")[0].GetString()!.EndsWith("user/carol", StringComparison.Ordinal));
        Assert.Equal(["arn:aws:iam::111122223333:role/data/etl", "arn:aws:iam::111122223333:role/data/team/nested"], carol.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("carol-inline", carol.GetProperty("grantedBy")[0].GetProperty("policy").GetString());
        var dead = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "DeadRole");
        Assert.Equal(JsonValueKind.Null, dead.GetProperty("role").ValueKind);
        Assert.Equal(2, dead.GetProperty("roles").GetArrayLength());
    }

    [Fact]
    public async Task ToText_HandCheckedAccount_OneLinePerGrantGroupSameCounts()
    {
        var report = await ReportAsync(perPair: false);
        var text = PassRoleAuditRenderer.ToText(report);
        var pairs = PassRoleAuditRenderer.ToText(await ReportAsync());

        // The summary counts grants, paths, principals and roles, as per pair; then says how the report is grouped.
        Assert.Equal(pairs.Split('\n')[1..5], text.Split('\n')[1..5]);
        Assert.Equal("  grouped by cause: 9 grant groups, 6 findings (each with its counts and first 3 names; the JSON lists every name, --pairs every principal × role pair)", text.Split('\n')[5]);
        Assert.Contains("Grants, grouped by what grants them (granted by: principals -> roles: circumstances, run as, operations):", text, StringComparison.Ordinal);
        Assert.Contains("  carol-inline #0 (user carol): user/carol -> 2 roles (role/data/etl, role/data/team/nested): no MFA needed, runs as role via glue:CreateSession", text, StringComparison.Ordinal);
        Assert.Contains("  frank-inline #0 (user frank): user/frank -> role/etl-runtime: MFA required, runs as role via glue:CreateJob, glue:StartJobRun", text, StringComparison.Ordinal);
        Assert.Contains("  [Info] DeadRole: 2 roles (role/dataset, role/legacy-glue) trust Glue", text, StringComparison.Ordinal);
        Assert.Equal(report.GrantGroups.Count, text.Split('\n').Count(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(" -> ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ToMarkdown_HandCheckedAccount_ARowPerGrantGroup()
    {
        var report = await ReportAsync(perPair: false);
        var markdown = PassRoleAuditRenderer.ToMarkdown(report);

        Assert.Contains("```mermaid\nflowchart LR\n", markdown, StringComparison.Ordinal);
        Assert.Contains("[\"group GlueConsole: AWSGlueConsoleFullAccess\"]", markdown, StringComparison.Ordinal);
        Assert.Contains("==>|runs as|", markdown, StringComparison.Ordinal);
        Assert.Contains("-->|runs as, MFA|", markdown, StringComparison.Ordinal);
        Assert.Contains("| Granted by | Principals | Roles | MFA required | Runs as role | Operations | Only when |", markdown, StringComparison.Ordinal);
        Assert.Contains("| carol-inline #0 (user carol) | user/carol | 2 roles (role/data/etl, role/data/team/nested) | no | **yes** | glue:CreateSession |  |", markdown, StringComparison.Ordinal);
        var table = markdown[markdown.IndexOf("| Granted by |", StringComparison.Ordinal)..].Split("\n\n")[0].Split('\n');
        Assert.Equal(report.GrantGroups.Count + 2, table.Length);
    }

    [Fact]
    public async Task ToSarif_HandCheckedAccount_OneResultPerCause()
    {
        var report = await ReportAsync(perPair: false);
        using var sarif = JsonDocument.Parse(PassRoleAuditRenderer.ToSarif(report));
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(report.Findings.Count, results.Count);
        var fingerprints = results.Select(r => r.GetProperty("partialFingerprints").GetProperty("passRoleAudit/v1").GetString()!).ToList();
        Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
        var dead = results.Single(r => r.GetProperty("ruleId").GetString() == "DeadRole");
        Assert.Equal("note", dead.GetProperty("level").GetString());
        Assert.StartsWith("2 roles (role/dataset, role/legacy-glue) trust Glue", dead.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
