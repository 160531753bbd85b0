using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Wherever a JSON file is read (policies, case files, templates, plans, parameters, snapshots, decoded messages), a broken
/// or empty one is named with its line and column, never with System.Text.Json's internals.
/// </summary>
public sealed class JsonErrorMessageTests : IDisposable
{
    private static readonly string[] Internals = ["isFinalBlock", "LineNumber", "BytePositionInLine", "Path: $", "JsonException", "JsonReaderException"];

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "glue-passrole-json-" + Guid.NewGuid().ToString("N"));

    public JsonErrorMessageTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var content in new[] { "truncated", "empty" })
        {
            foreach (var command in new[] { "policy validate", "policy validate --type", "simulate --policy", "simulate --cases", "check --template", "check --terraform-plan", "check --parameters-file", "investigate --template", "investigate --snapshot", "investigate --error-file" })
            {
                data.Add(command, content);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BrokenJsonFile_AnyReader_NamesLineAndColumnWithoutParserInternals(string command, string content)
    {
        var text = content == "empty" ? string.Empty : "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ {\"Effect\": \"Allow\"\n";
        var bad = Path.Combine(_temp, "bad.json");
        await File.WriteAllTextAsync(bad, text);
        var fieldNote = SampleAccounts.Folder("field-note");
        var template = Path.Combine(SampleAccounts.Folder(".."), "iac", "accounts", "field-note.yaml");
        var snapshot = Path.Combine(_temp, "snapshot");
        Directory.CreateDirectory(snapshot);
        File.Copy(bad, Path.Combine(snapshot, "get-account-authorization-details.json"));
        var decoded = Path.Combine(_temp, "decoded.json");
        await File.WriteAllTextAsync(decoded, """{"allowed":false,"explicitDeny":false,"matchedStatements":{"items":[]},"context":{"principal":""" + (content == "empty" ? string.Empty : "\n"));
        string[] args = command switch
        {
            "policy validate" => ["policy", "validate", bad],
            "policy validate --type" => ["policy", "validate", "--type", "identity", bad],
            "simulate --policy" => ["simulate", "--policy", bad, "--principal", "arn:aws:iam::123456789012:user/dana", "--action", "iam:PassRole", "--resource", "*"],
            "simulate --cases" => ["simulate", "--cases", bad],
            "check --template" => ["check", "--template", bad],
            "check --terraform-plan" => ["check", "--terraform-plan", bad],
            "check --parameters-file" => ["check", "--template", template, "--parameters-file", bad],
            "investigate --template" => ["investigate", "--template", bad, "--error-file", Path.Combine(fieldNote, "error.txt")],
            "investigate --snapshot" => ["investigate", "--snapshot", snapshot, "--error-file", Path.Combine(fieldNote, "error.txt")],
            _ => ["investigate", "--snapshot", fieldNote, "--error-file", decoded],
        };

        var (exitCode, stdout, stderr) = await CliRunner.RunAsync(args);

        Assert.NotEqual(0, exitCode);
        var output = stdout + stderr;
        Assert.All(Internals, i => Assert.DoesNotContain(i, output, StringComparison.Ordinal));
        Assert.Matches(@"not valid JSON at line \d+, column \d+|The document is empty", output);
    }
}
