using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// No stack trace, ever: files that cannot be read or written and options that do not parse are one sentence and exit 2;
/// anything else is one sentence, a hint to rerun with --verbose, and exit 5.
/// </summary>
public sealed class CliFailureTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "glue-passrole-cli-" + Guid.NewGuid().ToString("N"));

    private static string FieldNote => SampleAccounts.Folder("field-note");

    private static string FieldNoteError => Path.Combine(FieldNote, "error.txt");

    public CliFailureTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static void AssertNoTrace(string stderr)
    {
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("investigate")]
    [InlineData("audit")]
    [InlineData("check")]
    public async Task Output_IntoAFolderThatDoesNotExist_CreatesIt(string command)
    {
        var output = Path.Combine(_temp, "reports", "nested", "report.txt");
        string[] args = command switch
        {
            "investigate" => ["investigate", "--snapshot", FieldNote, "--error-file", FieldNoteError, "--output", output],
            "audit" => ["audit", "--output", output],
            _ => ["check", "--template", Path.Combine(SampleAccounts.Folder(".."), "iac", "accounts", "field-note.yaml"), "--output", output],
        };

        var (_, _, stderr) = await CliRunner.RunAsync(args);

        Assert.True(File.Exists(output), stderr);
        Assert.NotEmpty(await File.ReadAllTextAsync(output));
        AssertNoTrace(stderr);
    }

    [Theory]
    [InlineData("investigate")]
    [InlineData("audit")]
    [InlineData("check")]
    public async Task Output_FolderCannotBeCreated_OneSentenceExitTwo(string command)
    {
        // A file where the folder should be: the folder cannot be created, even as root.
        var blocker = Path.Combine(_temp, "a-file");
        await File.WriteAllTextAsync(blocker, "x");
        var output = Path.Combine(blocker, "report.txt");
        string[] args = command switch
        {
            "investigate" => ["investigate", "--snapshot", FieldNote, "--error-file", FieldNoteError, "--output", output],
            "audit" => ["audit", "--output", output],
            _ => ["check", "--template", Path.Combine(SampleAccounts.Folder(".."), "iac", "accounts", "field-note.yaml"), "--output", output],
        };

        var (exitCode, _, stderr) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(output + ": cannot be written", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        AssertNoTrace(stderr);
    }

    [Fact]
    public async Task Investigate_ErrorFileIsAFolder_OneSentenceExitTwo()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", FieldNote, "--error-file", _temp);

        Assert.Equal(2, exitCode);
        Assert.Equal($"{_temp}: is a folder, not a file holding the AccessDenied text.", stderr.TrimEnd());
    }

    [Fact]
    public async Task Investigate_ErrorFileMissing_OneSentenceExitTwo()
    {
        var missing = Path.Combine(_temp, "no-such-error.txt");

        var (exitCode, _, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", FieldNote, "--error-file", missing);

        Assert.Equal(2, exitCode);
        Assert.Equal($"{missing}: file not found", stderr.TrimEnd());
    }

    [Theory]
    [InlineData("investigate")]
    [InlineData("audit")]
    public async Task Snapshot_IsAFileNotAFolder_OneSentenceExitTwo(string command)
    {
        string[] args = command == "investigate" ? ["investigate", "--snapshot", FieldNoteError, "--error-file", FieldNoteError] : ["audit", "--snapshot", FieldNoteError];

        var (exitCode, _, stderr) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Equal($"{FieldNoteError}: is a file; --snapshot takes the snapshot folder.", stderr.TrimEnd());
    }

    [Theory]
    [InlineData("simulate --cases")]
    [InlineData("simulate --policy")]
    [InlineData("policy validate")]
    [InlineData("policy validate --type")]
    public async Task InputFileIsAFolder_OneSentenceExitTwo(string command)
    {
        string[] args = command switch
        {
            "simulate --cases" => ["simulate", "--cases", _temp],
            "simulate --policy" => ["simulate", "--policy", _temp, "--principal", "arn:aws:iam::123456789012:user/dana", "--action", "iam:PassRole", "--resource", "*"],
            "policy validate" => ["policy", "validate", _temp],
            _ => ["policy", "validate", "--type", "identity", _temp],
        };

        var (exitCode, _, stderr) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Equal($"{_temp}: is a folder, not a file.", stderr.TrimEnd());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\n")]
    public async Task Investigate_EmptyErrorFile_BadInputNamingTheFile(string content)
    {
        var file = Path.Combine(_temp, "error.txt");
        await File.WriteAllTextAsync(file, content);

        var (exitCode, stdout, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", FieldNote, "--error-file", file);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(file + (content.Length == 0 ? " is empty" : " holds only white space"), stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    /// <summary>
    /// Issue 19, item 6: text that is not an AccessDenied message exited 3 with "Verdict: Unknown (incomplete: some data
    /// could not be read)". Nothing failed to read; the input is wrong: exit 2, one sentence saying what was expected
    /// and quoting the first line read.
    /// </summary>
    [Theory]
    [InlineData("--error")]
    [InlineData("--error-file")]
    public async Task Investigate_TextThatIsNotAccessDenied_ExitsTwoQuotingTheFirstLine(string option)
    {
        const string Text = "\n   Job run failed: java.lang.OutOfMemoryError  \nat line 2 of the script\n";
        var file = Path.Combine(_temp, "not-access-denied.txt");
        await File.WriteAllTextAsync(file, Text);
        string[] input = option == "--error" ? ["--error", Text] : ["--error-file", file];

        var (exitCode, stdout, stderr) = await CliRunner.RunAsync(["investigate", "--snapshot", FieldNote, .. input]);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith(option == "--error" ? "--error: " : file + ": ", line, StringComparison.Ordinal);
        Assert.Contains("not an AWS AccessDenied message", line, StringComparison.Ordinal);
        Assert.Contains("'User: <principal ARN> is not authorized to perform: <action>", line, StringComparison.Ordinal);
        Assert.Contains("\"Job run failed: java.lang.OutOfMemoryError\"", line, StringComparison.Ordinal);
        AssertNoTrace(stderr);
    }

    [Fact]
    public async Task Investigate_AccessDeniedForAnotherAction_StillInvestigated()
    {
        // An AccessDenied message for another action is a message: investigated, with the mismatch as a finding.
        const string Text = "User: arn:aws:iam::123456789012:user/dana is not authorized to perform: glue:UpdateJob on resource: arn:aws:glue:us-east-1:123456789012:job/nightly-etl because no identity-based policy allows the glue:UpdateJob action";

        var (exitCode, stdout, _) = await CliRunner.RunAsync("investigate", "--snapshot", FieldNote, "--error", Text, "--role", "etl-runtime");

        Assert.NotEqual(2, exitCode);
        Assert.Contains("ErrorReasonMismatch", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_ErrorAndErrorFileTogether_RefusedExitTwo()
    {
        var (exitCode, stdout, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", FieldNote, "--error-file", FieldNoteError, "--error", "x");

        Assert.Equal(2, exitCode);
        Assert.Equal("Give the AccessDenied text once: --error TEXT or --error-file FILE, not both.", stderr.TrimEnd());
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Investigate_JobWithoutPrincipalOnSnapshot_InvestigatesTheCaller()
    {
        // The snapshot's sts-get-caller-identity.json names user/dana.
        var (exitCode, stdout, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", FieldNote, "--job", "nightly-etl", "--mfa", "true");

        Assert.Equal(0, exitCode);
        Assert.Contains("Principal: arn:aws:iam::123456789012:user/dana", stdout, StringComparison.Ordinal);
        Assert.Contains("Verdict: ImplicitDeny", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Theory]
    [InlineData("investigate", "--bogus")]
    [InlineData("investigate", "--error")]
    [InlineData("investigate", "--format", "xml")]
    [InlineData("investigate", "--mfa", "maybe", "--error", "x")]
    [InlineData("audit", "--format", "html")]
    [InlineData("audit", "--bogus")]
    [InlineData("check", "--template")]
    [InlineData("check", "--bogus", "x")]
    [InlineData("simulate", "--cases")]
    [InlineData("simulate", "--format", "xml")]
    [InlineData("policy", "validate")]
    [InlineData("policy", "validate", "x.json", "--format")]
    [InlineData("policy", "validate", "--type")]
    [InlineData("no-such-command")]
    public async Task ParseError_AnyCommand_ExitsTwoWithOneSentenceAndTheHelpHint(params string[] args)
    {
        var (exitCode, stdout, stderr) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains("--help' for the options.", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        AssertNoTrace(stderr);
    }

    [Fact]
    public async Task UnexpectedFailure_OneSentenceWithVerboseHintExitFive()
    {
        using var stdout = new ThrowingWriter();
        using var stderr = new StringWriter();

        var exitCode = await CliApplication.RunAsync(["investigate"], stdout, stderr);

        Assert.Equal(5, exitCode);
        Assert.Equal("glue-passrole investigate stopped on an error it does not expect. Rerun with --verbose for the detail.", stderr.ToString().TrimEnd());
    }

    [Fact]
    public async Task UnexpectedFailure_Verbose_PrintsTheDetailToStandardError()
    {
        using var stdout = new ThrowingWriter();
        using var stderr = new StringWriter();

        var exitCode = await CliApplication.RunAsync(["investigate", "--verbose"], stdout, stderr);

        Assert.Equal(5, exitCode);
        var lines = stderr.ToString().Split('\n');
        Assert.Equal("glue-passrole investigate stopped on an error it does not expect.", lines[0].TrimEnd());
        Assert.StartsWith("System.InvalidOperationException: the writer is broken", lines[1], StringComparison.Ordinal);
        Assert.Contains("   at ", stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Standard output that fails: a fault the tool does not expect.</summary>
    private sealed class ThrowingWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("the writer is broken");

        public override void Write(string? value) => throw new InvalidOperationException("the writer is broken");

        public override Task WriteAsync(string? value) => throw new InvalidOperationException("the writer is broken");
    }
}
