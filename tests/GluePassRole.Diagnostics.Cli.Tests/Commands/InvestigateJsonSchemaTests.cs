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
        "service-role-path",
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

    private static string Error(string account) => Path.Combine(SampleAccounts.Folder(account), "error.txt");
}
