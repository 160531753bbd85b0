using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Issue 20: investigate takes any AccessDenied a Glue job produces, e.g. the job's role session denied its script at
/// run time, and investigates that action, not iam:PassRole.
/// </summary>
public sealed class InvestigateActionTests
{
    private static readonly string Sample = SampleAccounts.Folder("runtime-script-denied");

    [Fact]
    public async Task Investigate_RuntimeErrorOfTheRoleSession_PrintsTheApprovedReport()
    {
        var (exitCode, stdout, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", Sample, "--error-file", Path.Combine(Sample, "error.txt"));

        Assert.Equal(0, exitCode);
        Assert.Empty(stderr);
        Assert.StartsWith("s3:GetObject investigation", stdout, StringComparison.Ordinal);
        Assert.Contains("aws iam put-role-policy --role-name etl-runtime --policy-name AllowS3GetObjectOnScriptsEtlPy", stdout, StringComparison.Ordinal);
        Assert.Contains("Verified: ImplicitDeny -> Allowed.", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("iam:PassRole", stdout, StringComparison.Ordinal);

        // The text the library's approval test approved (tests/GluePassRole.Diagnostics.Tests/Reporting/__snapshots__).
        var approved = await File.ReadAllTextAsync(Path.Combine(
            SampleAccounts.RepositoryRoot, "tests", "GluePassRole.Diagnostics.Tests", "Reporting", "__snapshots__",
            "SampleReportTests.ToText_EverySample_MatchesTheApprovedReport_runtime-script-denied.snap"));
        Assert.Equal(Lines(approved.TrimStart('\uFEFF')), Lines(stdout));
    }

    [Fact]
    public async Task Investigate_UpdateJobDenialOfAUser_InvestigatesUpdateJobNotPassRole()
    {
        // The field note's user: with MFA, AWSGlueConsoleFullAccess allows glue:UpdateJob, so the error is stale; the
        // investigation says so for glue:UpdateJob instead of asking for a role and checking iam:PassRole.
        var folder = SampleAccounts.Folder("field-note");
        const string Error = "User: arn:aws:iam::123456789012:user/dana is not authorized to perform: glue:UpdateJob on resource: arn:aws:glue:ap-northeast-1:123456789012:job/nightly-etl because no identity-based policy allows the glue:UpdateJob action";

        var (exitCode, stdout, _) = await CliRunner.RunAsync("investigate", "--snapshot", folder, "--error", Error, "--format", "json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("glue:UpdateJob", json.RootElement.GetProperty("action").GetString());
        Assert.Equal("arn:aws:glue:ap-northeast-1:123456789012:job/nightly-etl", json.RootElement.GetProperty("resource").GetString());
        Assert.DoesNotContain("needs a principal and a role", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(json.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("title").GetString()!.Contains("PassRole", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Investigate_RoleSessionOfAMissingRole_ExitsIncompleteNotDenied()
    {
        const string Error = "User: arn:aws:sts::123456789012:assumed-role/ghost-runtime/GlueJobRunnerSession is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::scripts/etl.py because no identity-based policy allows the s3:GetObject action";

        var (exitCode, stdout, _) = await CliRunner.RunAsync("investigate", "--snapshot", Sample, "--error", Error);

        Assert.Equal(3, exitCode);
        Assert.Contains("Verdict: Unknown", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_RuntimeErrorOnATemplate_FixesTheTemplatesRole()
    {
        // The account a template would create: role etl-runtime as field-note.yaml defines it (SCPs unknown, so not verified).
        var template = Path.Combine(SampleAccounts.RepositoryRoot, "samples", "iac", "accounts", "field-note.yaml");
        const string Error = "User: arn:aws:sts::123456789012:assumed-role/etl-runtime/GlueJobRunnerSession is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::scripts/etl.py because no identity-based policy allows the s3:GetObject action";

        var (exitCode, stdout, _) = await CliRunner.RunAsync("investigate", "--template", template, "--error", Error);

        Assert.Equal(0, exitCode);
        Assert.Contains("Verdict: ImplicitDeny", stdout, StringComparison.Ordinal);
        Assert.Contains("aws iam put-role-policy --role-name etl-runtime --policy-name AllowS3GetObjectOnScriptsEtlPy", stdout, StringComparison.Ordinal);
        Assert.Contains("Not verified: ImplicitDeny -> Unknown", stdout, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
