using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>A snapshot folder the user broke or left incomplete: every problem names the file (or folder) and why.</summary>
public sealed class SnapshotInputTests
{
    /// <summary>
    /// Issue 19, item 5: a broken glue-get-job-*.json was ignored when --job was not given ("no Glue job was named ...
    /// save the job into the snapshot"), although the job was saved: the file is named with why it cannot be read.
    /// </summary>
    [Fact]
    public async Task Investigate_BrokenGlueJobFileAndNoJobOption_NamesTheFileAndWhy()
    {
        using var snapshot = TempFolder.CopyOf("field-note");
        await File.WriteAllTextAsync(snapshot.File("glue-get-job-nightly-etl.json"), "{\"Job\": {\"Name\": \"nightly-etl\", ");

        var (exitCode, stdout, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", snapshot.Path, "--error-file", snapshot.File("error.txt"), "--format", "json");

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var check = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("title").GetString() == "Glue job");
        Assert.Equal("Unknown", check.GetProperty("outcome").GetString());
        var summary = check.GetProperty("summary").GetString()!;
        Assert.Contains("glue-get-job-nightly-etl.json: not valid JSON at line 1, column", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("no Glue job was named", summary, StringComparison.Ordinal);
        Assert.Contains(
            json.RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("code").GetString() == "UnreadableData" && f.GetProperty("message").GetString()!.Contains("glue-get-job-nightly-etl.json", StringComparison.Ordinal));
        // The verdict does not depend on the job: it is still reached.
        Assert.Equal("ImplicitDeny", json.RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Investigate_OneGoodAndOneBrokenJobFile_DoesNotGuessAmongThem()
    {
        using var snapshot = TempFolder.CopyOf("field-note");
        await File.WriteAllTextAsync(snapshot.File("glue-get-job-other.json"), string.Empty);

        var (_, stdout, _) = await CliRunner.RunAsync("investigate", "--snapshot", snapshot.Path, "--error-file", snapshot.File("error.txt"));

        Assert.Contains("[unknown] Glue job: ", stdout, StringComparison.Ordinal);
        Assert.Contains("glue-get-job-other.json is empty", stdout, StringComparison.Ordinal);
    }

    /// <summary>Issue 19, item 9: a folder with no authorization details gave a sentence ending "(.)".</summary>
    [Theory]
    [InlineData("investigate")]
    [InlineData("audit")]
    public async Task Snapshot_FolderWithoutAuthorizationDetails_OneSentenceNamingTheFolder(string command)
    {
        using var empty = TempFolder.Create();
        string[] args = command == "audit"
            ? ["audit", "--snapshot", empty.Path]
            : ["investigate", "--snapshot", empty.Path, "--principal", "arn:aws:iam::123456789012:user/dana", "--role", "etl-runtime"];

        var (exitCode, stdout, stderr) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith(empty.Path + ": ", line, StringComparison.Ordinal);
        Assert.Contains("get-account-authorization-details", line, StringComparison.Ordinal);
        Assert.DoesNotContain("(.)", line, StringComparison.Ordinal);
        Assert.EndsWith(".", line, StringComparison.Ordinal);
    }
}
