using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary><c>glue-passrole audit</c> on the bundled audit-escalation account and the other samples.</summary>
public sealed class AuditCommandTests
{
    [Fact]
    public async Task Audit_NoArguments_AuditsTheBundledAccountSummaryFirst()
    {
        var (exitCode, stdout, _) = await CliRunner.RunAsync("audit");

        Assert.Equal(0, exitCode);
        var lines = stdout.Split('\n');
        Assert.StartsWith("This is the bundled sample account", lines[0], StringComparison.Ordinal);
        Assert.Equal(string.Empty, lines[1]);
        Assert.Equal("PassRole audit of account 123456789012", lines[2]);
        Assert.Contains("3 escalation paths", stdout, StringComparison.Ordinal);
        Assert.Contains("[Error] user/erin → passes role/glue-etl-admin to Glue via group data-platform → glue:CreateJob / glue:UpdateJob → runs as role/glue-etl-admin", stdout, StringComparison.Ordinal);
        Assert.Contains("user/dana -> role/etl-runtime: MFA required", stdout, StringComparison.Ordinal);
        Assert.Contains("PassableRoleNotTrustingGlue: user/henry can pass role/ec2-batch", stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 19, item 1: a CI step that forgets --live must not upload the sample's made-up escalations as its own. The
    /// bundled sample says so first in every format, as investigate does: the first line of text and Markdown, a
    /// <c>source</c> field in the JSON and a run property in the SARIF (and on standard error for both).
    /// </summary>
    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    [InlineData("json")]
    [InlineData("sarif")]
    public async Task Audit_NoSource_EveryFormatSaysItIsTheBundledSample(string format)
    {
        var (exitCode, stdout, stderr) = await CliRunner.RunAsync("audit", "--format", format);

        Assert.Equal(0, exitCode);
        switch (format)
        {
            case "text":
                Assert.StartsWith("This is the bundled sample account (audit-escalation), not yours: ", stdout, StringComparison.Ordinal);
                break;
            case "markdown":
                Assert.StartsWith("> This is the bundled sample account (audit-escalation), not yours: ", stdout, StringComparison.Ordinal);
                break;
            case "json":
                using (var json = JsonDocument.Parse(stdout))
                {
                    Assert.Equal("BundledSample", json.RootElement.GetProperty("source").GetString());
                    Assert.Equal(string.Empty, PublishedSchemas.AuditErrors(json.RootElement));
                }

                Assert.StartsWith("This is the bundled sample account", stderr, StringComparison.Ordinal);
                break;
            default:
                using (var sarif = JsonDocument.Parse(stdout))
                {
                    Assert.Equal("BundledSample", sarif.RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("source").GetString());
                }

                Assert.StartsWith("This is the bundled sample account", stderr, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public async Task Audit_OwnSnapshot_JsonNamesTheSourceAndTextSaysNothingOfTheSample()
    {
        var folder = SampleAccounts.Folder("audit-escalation");

        var (_, text, _) = await CliRunner.RunAsync("audit", "--snapshot", folder);
        var (_, stdout, stderr) = await CliRunner.RunAsync("audit", "--snapshot", folder, "--format", "json");

        Assert.StartsWith("PassRole audit of account 123456789012\n", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("Snapshot", json.RootElement.GetProperty("source").GetString());
        Assert.Equal(string.Empty, PublishedSchemas.AuditErrors(json.RootElement));
        Assert.DoesNotContain("bundled", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_SarifToFile_WritesSarif210()
    {
        var file = Path.Combine(Path.GetTempPath(), "audit-" + Guid.NewGuid().ToString("N") + ".sarif");
        try
        {
            var (exitCode, stdout, _) = await CliRunner.RunAsync("audit", "--format", "sarif", "--output", file);

            Assert.Equal(0, exitCode);
            Assert.Empty(stdout);
            using var sarif = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
            Assert.Equal(3, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Count(r => r.GetProperty("ruleId").GetString() == "Escalation"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Audit_JsonOfScpDenySnapshot_TheScpLeavesNoGrantAndADeadRole()
    {
        var (exitCode, stdout, _) = await CliRunner.RunAsync("audit", "--snapshot", SampleAccounts.Folder("scp-deny"), "--format", "json");

        // dana's group allows passing etl-runtime to Glue, but the organization's SCP denies iam:PassRole outside /platform/.
        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(1, json.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Empty(json.RootElement.GetProperty("grants").EnumerateArray());
        Assert.Empty(json.RootElement.GetProperty("unknowns").EnumerateArray());
        var dead = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("DeadRole", dead.GetProperty("code").GetString());
        Assert.Equal("arn:aws:iam::123456789012:role/etl-runtime", dead.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Audit_SnapshotAndLive_BadInput()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("audit", "--snapshot", ".", "--live");

        Assert.Equal(2, exitCode);
        Assert.Contains("Choose one source", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_TemplateOnASnapshot_AuditsTheAccountTheTemplateWouldCreate()
    {
        // The template adds role glue/reporting-runtime and a group policy that passes it; the users come from the snapshot.
        var template = Path.Combine(SampleAccounts.Folder(".."), "iac", "cloudformation", "reporting-job.yaml");

        var (exitCode, stdout, _) = await CliRunner.RunAsync("audit", "--template", template, "--snapshot", SampleAccounts.Folder("field-note"), "--format", "json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout);
        var grant = Assert.Single(json.RootElement.GetProperty("grants").EnumerateArray());
        Assert.Equal("arn:aws:iam::123456789012:user/dana", grant.GetProperty("principal").GetString());
        Assert.EndsWith("role/glue/reporting-runtime", grant.GetProperty("role").GetString(), StringComparison.Ordinal);
        Assert.True(grant.GetProperty("requiresMfa").GetBoolean());
    }
}
