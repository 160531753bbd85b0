using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary><c>glue-passrole check</c> on the bundled IaC samples (samples/iac): exit codes and SARIF regions for code scanning.</summary>
public sealed class CheckCommandTests
{
    private static string Iac(params string[] parts) => Path.GetFullPath(Path.Combine([SampleAccounts.Folder(".."), "iac", .. parts]));

    [Fact]
    public async Task Check_TerraformPlanGroupCanPass_ExitsZero()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("check", "--terraform-plan", Iac("terraform", "plan.json"), "--group", "GlueDevelopers");

        Assert.Equal(0, exit);
        Assert.Contains("PASSED", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_GroupThatCannotPass_ExitsOneWithExplanation()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("check", "--terraform-plan", Iac("terraform", "plan.json"), "--group", "analysts");

        Assert.Equal(1, exit);
        Assert.Contains("FAIL GPR004", stdout, StringComparison.Ordinal);
        Assert.Contains("group analysts cannot pass arn:aws:iam::123456789012:role/etl-runtime", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ImportedRole_ExitsThreeUndecided()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("check", "--template", Iac("cloudformation", "glue-platform.yaml"), "--group", "GlueDevelopers");

        Assert.Equal(3, exit);
        Assert.Contains("UNKNOWN GPR001", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Sarif_WarningHasFileAndLineOfTheGrant()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("check", "--cdk-out", Iac("cdk", "cdk.out"), "--format", "sarif");

        Assert.Equal(0, exit);
        using var sarif = JsonDocument.Parse(stdout);
        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .First(r => r.GetProperty("ruleId").GetString() == "GPR005");
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("warning", result.GetProperty("level").GetString());
        Assert.EndsWith("GluePlatform.template.json", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(79, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public async Task Check_BrokenTemplate_ExitsTwoWithFileAndLine()
    {
        var file = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "Resources:\n  R:\n    Type: AWS::IAM::Group\n    Properties:\n      GroupName: !Nope x\n");

        var (exit, _, stderr) = await CliRunner.RunAsync("check", "--template", file);

        Assert.Equal(2, exit);
        Assert.Contains($"{file}:5 at $.Resources.R.Properties.GroupName", stderr, StringComparison.Ordinal);
    }
}
