using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary><c>glue-passrole preflight</c>: the checklist, its exit codes and its input errors.</summary>
public class PreflightCommandTests
{
    [Fact]
    public async Task Preflight_NoArguments_ChecksTheBundledSampleAndSaysSo()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("preflight");

        Assert.Equal(1, exit); // a need is denied
        Assert.StartsWith("This is the bundled sample account (glue-preflight), not yours", stdout, StringComparison.Ordinal);
        Assert.Contains("Preflight of Glue job nightly-etl: 12 of 22 needs allowed; 7 denied, 3 conditional.", stdout, StringComparison.Ordinal);
        Assert.Contains("[FAIL] role.script.read", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_SnapshotJson_IsTheContract()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync(
            "preflight", "--snapshot", SampleAccounts.Folder("glue-preflight"), "--job", "nightly-etl", "--region", "ap-northeast-1", "--format", "json");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("nightly-etl", json.RootElement.GetProperty("job").GetString());
        Assert.Equal(22, json.RootElement.GetProperty("needs").GetArrayLength());
    }

    [Fact]
    public async Task Preflight_SnapshotWithoutRegion_IsIncompleteNamingTheRegion()
    {
        using var folder = TempFolder.CopyOf("glue-preflight");

        var (exit, stdout, _) = await CliRunner.RunAsync("preflight", "--snapshot", folder.Path, "--job", "nightly-etl");

        Assert.Equal(1, exit);
        Assert.Contains("not read: the job's Region is not known (give --region)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_JobWithoutSource_IsBadInput()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("preflight", "--job", "nightly-etl");

        Assert.Equal(2, exit);
        Assert.Contains("--job needs a source", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_SourceWithoutJob_IsBadInput()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("preflight", "--snapshot", SampleAccounts.Folder("glue-preflight"));

        Assert.Equal(2, exit);
        Assert.Equal("Give the Glue job to check: --job NAME." + Environment.NewLine, stderr);
    }

    [Fact]
    public async Task Preflight_PrincipalThatIsNotAnArn_IsBadInput()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("preflight", "--principal", "dana");

        Assert.Equal(2, exit);
        Assert.Contains("--principal must be an ARN", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_MissingSnapshotFolder_IsBadInput()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("preflight", "--snapshot", "/nonexistent/snapshot", "--job", "nightly-etl");

        Assert.Equal(2, exit);
        Assert.Contains("snapshot folder not found", stderr, StringComparison.Ordinal);
    }
}

/// <summary><c>check</c> gains the job's run-time needs (GPR009-GPR011), with SARIF locations; <c>preflight</c> reads templates.</summary>
public class PreflightTemplateCommandTests
{
    private static string Template => Path.Combine(SampleAccounts.RepositoryRoot, "tests", "GluePassRole.Diagnostics.Iac.Tests", "Templates", "glue-preflight-job.yaml");

    [Fact]
    public async Task Check_JobRoleCannotReadItsScript_SarifResultAtTheJob()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("check", "--template", Template, "--format", "sarif");

        Assert.Equal(1, exit);
        using var sarif = JsonDocument.Parse(stdout);
        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Contains(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "GPR009");
        var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "GPR009");
        Assert.Equal("error", result.GetProperty("level").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("glue-preflight-job.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() > 1);
    }

    [Fact]
    public async Task Preflight_Template_DecidesTheTemplatesJob()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("preflight", "--template", Template, "--job", "nightly-etl", "--principal", "arn:aws:iam::123456789012:user/dana", "--region", "us-east-1");

        Assert.Equal(1, exit);
        Assert.Contains("principal.create-job: glue:CreateJob", stdout, StringComparison.Ordinal);
        Assert.Contains("[FAIL] role.tempdir.delete", stdout, StringComparison.Ordinal);
        Assert.Contains("explicit deny: statement NoDeletes of the bucket policy of example-etl-temp", stdout, StringComparison.Ordinal);
    }
}
