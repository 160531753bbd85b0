using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>Issue 18 item 7: <c>check</c> says what it checked, says so when there was nothing, and a principal or group the sources do not define is a failure.</summary>
public class CheckScopeTests
{
    [Fact]
    public async Task Check_TemplateWithoutGlueResources_SaysNothingWasChecked()
    {
        using var folder = TempFolder.Create();
        var template = Path.Combine(folder.Path, "bucket.yaml");
        await File.WriteAllTextAsync(template, "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");

        var (_, stdout, _) = await CliRunner.RunAsync("check", "--template", template);

        Assert.Contains("Nothing was checked: the sources define no Glue job, crawler, session, dev endpoint or ML transform.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NamedPrincipalAndGroup_SummarySaysWhoWasAsked()
    {
        var (_, stdout, _) = await CliRunner.RunAsync(
            "check", "--template", RequestCases.Template("admin-guardrail"), "--account-id", RequestCases.AccountId, "--principal", "arn:aws:iam::111122223333:user/admin-bob");

        Assert.Contains("Checked 1 Glue resource; who must pass them: arn:aws:iam::111122223333:user/admin-bob.", stdout, StringComparison.Ordinal);
    }

    // Laid on the account's snapshot, the sources say who exists: a name they do not define is not found (a failure), not unknown.
    [Fact]
    public async Task Check_GroupAndPrincipalTheSourcesDoNotDefine_FailNotFound()
    {
        var (exitCode, stdout, _) = await CliRunner.RunAsync(
            "check", "--template", RequestCases.Template("admin-guardrail"), "--snapshot", RequestCases.Snapshot("admin-guardrail"), "--account-id", RequestCases.AccountId,
            "--group", "nosuch", "--principal", "arn:aws:iam::111122223333:user/ghost");

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL GPR008 Group nosuch (--group) is not found", stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL GPR008 Principal arn:aws:iam::111122223333:user/ghost (--principal) is not found", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("UNKNOWN", stdout, StringComparison.Ordinal);
    }

    // Issue 18 item 11: a --parameter no template declares is bad input, naming what the templates declare.
    [Fact]
    public async Task Check_ParameterNoTemplateDeclares_BadInputListingTheDeclaredOnes()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync(
            "check", "--template", Path.Combine(SampleAccounts.RepositoryRoot, "samples", "iac", "cloudformation", "glue-platform.yaml"), "--parameter", "Enviroment=prod");

        Assert.Equal(2, exitCode);
        Assert.Contains("--parameter Enviroment: no template declares this parameter; the templates declare: ", stderr, StringComparison.Ordinal);
        Assert.Contains("Environment", stderr, StringComparison.Ordinal);
    }
}
