using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

using System.Text.Json;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>The README's first command and its options, run in-process on the bundled sample accounts.</summary>
public sealed class InvestigateCommandTests
{
    [Fact]
    public async Task Investigate_NoArguments_InvestigatesTheBundledFieldNoteAccount()
    {
        var (exitCode, stdout, _) = await CliRunner.RunAsync("investigate");

        Assert.Equal(0, exitCode);
        Assert.Contains("Verdict: ImplicitDeny", stdout, StringComparison.Ordinal);
        Assert.Contains("aws iam put-group-policy --group-name GlueAccess", stdout, StringComparison.Ordinal);
        Assert.Contains("Verified: ImplicitDeny -> Allowed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_JsonForAnotherSample_FollowsTheContract()
    {
        var folder = SampleAccounts.Folder("scp-deny");

        var (exitCode, stdout, _) = await CliRunner.RunAsync("investigate", "--snapshot", folder, "--error-file", Path.Combine(folder, "error.txt"), "--format", "json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("ExplicitDeny", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("ServiceControlPolicy", json.RootElement.GetProperty("blockers")[0].GetProperty("policyType").GetString());
    }

    [Fact]
    public async Task Investigate_PrincipalAndRole_MarkdownToFile()
    {
        var output = Path.GetTempFileName();
        try
        {
            var (exitCode, _, _) = await CliRunner.RunAsync(
                "investigate", "--principal", "arn:aws:iam::123456789012:user/dana", "--role", "etl-runtime", "--mfa", "true",
                "--snapshot", SampleAccounts.Folder("field-note"), "--format", "markdown", "--output", output);

            Assert.Equal(0, exitCode);
            var markdown = await File.ReadAllTextAsync(output);
            Assert.Contains("**ImplicitDeny**", markdown, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Investigate_MissingSnapshot_OneSentenceAndExitTwo()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", "/no/such/folder", "--error", "x");

        Assert.Equal(2, exitCode);
        Assert.Contains("snapshot folder not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_NotAnAccessDeniedText_ExitsTwoWithoutStackTrace()
    {
        // Bad input (2), not incomplete (3): nothing failed to read (issue 19, item 6).
        var (exitCode, stdout, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", SampleAccounts.Folder("field-note"), "--error", "Rate exceeded");

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("the first line read is \"Rate exceeded\"", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_UnknownProfile_OneSentenceAndExitTwo()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("investigate", "--profile", "no-such-profile-" + Guid.NewGuid().ToString("N"), "--error", "x");

        Assert.Equal(2, exitCode);
        Assert.Contains("was not found in the AWS config or credentials files", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_LiveAndSnapshotTogether_ExitTwo()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("investigate", "--live", "--snapshot", SampleAccounts.Folder("field-note"), "--error", "x");

        Assert.Equal(2, exitCode);
        Assert.Contains("Choose one source", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_PrincipalNotAnArn_OneSentenceAndExitTwo()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("investigate", "--principal", "dana", "--role", "etl-runtime");

        Assert.Equal(2, exitCode);
        Assert.Contains("--principal must be an ARN", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_TemplateOnItsOwn_SameVerdictAsTheSnapshot()
    {
        // The field note's account written as a CloudFormation template investigates like its snapshot.
        var template = Path.Combine(SampleAccounts.Folder(".."), "iac", "accounts", "field-note.yaml");
        var error = Path.Combine(SampleAccounts.Folder("field-note"), "error.txt");

        var (exitCode, stdout, _) = await CliRunner.RunAsync("investigate", "--template", template, "--error-file", error, "--format", "json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("ImplicitDeny", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("GlueAccess", json.RootElement.GetProperty("fix").GetProperty("target").GetProperty("name").GetString());
        // A template says nothing of the organization's SCPs: the fix is Allowed by every policy read, not verified.
        var verification = json.RootElement.GetProperty("verification");
        Assert.Equal("Unknown", verification.GetProperty("decisionAfterFix").GetString());
        Assert.Contains("service control policies", verification.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_TemplateWithLive_ChooseOneSource()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("investigate", "--live", "--template", "x.yaml", "--error", "x");

        Assert.Equal(2, exitCode);
        Assert.Contains("Choose one source", stderr, StringComparison.Ordinal);
    }
}
