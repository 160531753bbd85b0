using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Issue 19 item 10: <c>investigate --format json</c> on every bundled sample (each account snapshot with its error, and
/// each account written as a template) validates against the published docs/passrole-report.schema.json.
/// </summary>
public sealed class InvestigateJsonSchemaTests
{
    private static readonly string[] Accounts =
    [
        "assumed-role-caller", "boundary-no-allow", "field-note", "field-note-sdk-encoded", "job-uses-other-role", "role-not-trusting-glue", "scp-deny",
        "runtime-script-denied", "service-role-path",
    ];

    private static readonly string[] Templates = ["boundary-no-allow", "field-note", "job-uses-other-role", "role-not-trusting-glue", "service-role-path"];

    public static TheoryData<string, string[]> Samples()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var account in Accounts)
        {
            data.Add(account, ["--snapshot", SampleAccounts.Folder(account), "--error-file", Error(account)]);
        }

        foreach (var template in Templates)
        {
            data.Add("template " + template, ["--template", Path.Combine(SampleAccounts.RepositoryRoot, "samples", "iac", "accounts", template + ".yaml"), "--error-file", Error(template)]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task InvestigateJson_EveryBundledSample_ValidatesAgainstThePublishedSchema(string name, string[] arguments)
    {
        var (_, stdout, stderr) = await CliRunner.RunAsync(["investigate", .. arguments, "--format", "json"]);

        Assert.True(stdout.Length > 0, $"{name}: {stderr}");
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(string.Empty, PublishedSchemas.ReportErrors(json.RootElement));
    }

    /// <summary>Issue 18 item 9: a template's fix is the template change, in the JSON as data beside the document and command.</summary>
    [Fact]
    public async Task InvestigateJson_TemplateAccount_FixCarriesTheYamlTemplateChange()
    {
        var template = Path.Combine(SampleAccounts.RepositoryRoot, "samples", "iac", "accounts", "field-note.yaml");

        var (_, stdout, _) = await CliRunner.RunAsync("investigate", "--template", template, "--error-file", Error("field-note"), "--format", "json");

        using var json = JsonDocument.Parse(stdout);
        var change = json.RootElement.GetProperty("fix").GetProperty("templateChange");
        Assert.Equal("yaml", change.GetProperty("format").GetString());
        Assert.Equal(template, change.GetProperty("file").GetString());
        Assert.True(change.GetProperty("line").GetInt32() > 0);
        Assert.Contains("iam:PassedToService: glue.amazonaws.com", change.GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    private static string Error(string account) => Path.Combine(SampleAccounts.Folder(account), "error.txt");
}
