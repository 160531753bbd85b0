using System.Text.Json;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Tests.Audit;

/// <summary>The four formats of the hand-checked account's audit.</summary>
public sealed class PassRoleAuditRendererTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<PassRoleAuditReport> ReportAsync() => await AuditAccountBuilder.AuditAsync(HandCheckedAccountTests.Build().Write(_folder));

    [Fact]
    public async Task ToJson_HandCheckedAccount_SchemaVersion1WithTheAccountInEveryRecord()
    {
        var report = await ReportAsync();
        using var json = JsonDocument.Parse(PassRoleAuditRenderer.ToJson(report));
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(AuditAccountBuilder.Account, root.GetProperty("account").GetString());
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
    public async Task ToJson_HandCheckedAccount_ValidatesAgainstThePublishedSchema()
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
    public async Task ToSarif_HandCheckedAccount_OneResultPerFindingOneRulePerCode()
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
    public async Task ToMarkdown_HandCheckedAccount_MermaidGraphGroupedByGrantingGroupOrPolicy()
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
    public async Task ToText_HandCheckedAccount_SummaryFirstThenEscalationPathsThenGrants()
    {
        var text = PassRoleAuditRenderer.ToText(await ReportAsync());
        var lines = text.Split('\n');

        Assert.Equal("PassRole audit of account 111122223333", lines[0]);
        Assert.Contains("11 grants to pass a role to Glue (1 only with MFA), 7 of them can run code as the role", text, StringComparison.Ordinal);
        Assert.Contains("2 escalation paths", lines[3], StringComparison.Ordinal);
        Assert.True(text.IndexOf("Escalation paths:", StringComparison.Ordinal) < text.IndexOf("Grants (", StringComparison.Ordinal));
        Assert.Contains("  user/frank -> role/etl-runtime: MFA required, runs as role via glue:CreateJob, glue:StartJobRun; by frank-inline #0 (user frank)", text, StringComparison.Ordinal);
    }
}
