using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Issue 19, item 8: a fix that could not be verified for want of data (the SCPs unread) is unknown, not false. The JSON's
/// <c>fixWorks</c> is null then, and the decision over the policies that were read is a field, not only prose.
/// </summary>
public sealed class VerificationJsonTests
{
    [Fact]
    public async Task Investigate_ScpsUnread_FixWorksIsNullAndTheReadPoliciesDecisionIsAField()
    {
        using var snapshot = TempFolder.CopyOf("field-note");
        Directory.Delete(snapshot.File("organizations"), recursive: true);

        var (exitCode, stdout, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", snapshot.Path, "--error-file", snapshot.File("error.txt"), "--format", "json");

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var verification = json.RootElement.GetProperty("verification");
        Assert.Equal("Unknown", verification.GetProperty("decisionAfterFix").GetString());
        Assert.Equal(JsonValueKind.Null, verification.GetProperty("fixWorks").ValueKind);
        Assert.Equal("Allowed", verification.GetProperty("decisionByReadPolicies").GetString());
        Assert.Equal(string.Empty, PublishedSchemas.ReportErrors(json.RootElement));
    }

    [Fact]
    public async Task Investigate_EverythingRead_FixWorksIsTrue()
    {
        var folder = SampleAccounts.Folder("field-note");

        var (_, stdout, _) = await CliRunner.RunAsync("investigate", "--snapshot", folder, "--error-file", Path.Combine(folder, "error.txt"), "--format", "json");

        using var json = JsonDocument.Parse(stdout);
        var verification = json.RootElement.GetProperty("verification");
        Assert.True(verification.GetProperty("fixWorks").GetBoolean());
        Assert.Equal("Allowed", verification.GetProperty("decisionByReadPolicies").GetString());
        Assert.Equal(string.Empty, PublishedSchemas.ReportErrors(json.RootElement));
    }
}
