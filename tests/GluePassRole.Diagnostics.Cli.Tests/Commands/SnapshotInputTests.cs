using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>A snapshot folder the user broke or left incomplete: every problem names the file (or folder) and why.</summary>
public sealed class SnapshotInputTests
{
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
