using System.Text.Json;
using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Reporting;
using GluePassRole.Diagnostics.TestShared;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using Snapshooter;
using Snapshooter.Xunit;

namespace GluePassRole.Diagnostics.Tests.Reporting;

/// <summary>
/// Every bundled sample account's report, in the three formats: the JSON validates against the published schema
/// (docs/passrole-report.schema.json), and each rendering is an approval snapshot (__snapshots__/), so a change to any
/// report is a reviewed diff. Verify.Xunit cannot restore from our registry; Snapshooter.Xunit does the same job.
/// </summary>
public sealed class SampleReportTests
{
    public static TheoryData<string> AllSamples =>
    [
        "field-note", "field-note-sdk-encoded", "scp-deny", "boundary-no-allow", "role-not-trusting-glue",
        "assumed-role-caller", "service-role-path", "job-uses-other-role", "runtime-script-denied",
    ];

    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "passrole-report.schema.json"))));

    [Theory]
    [MemberData(nameof(AllSamples))]
    public async Task ToJson_EverySample_ValidatesAgainstThePublishedSchema(string sample)
    {
        var report = await InvestigateAsync(sample);

        using var json = JsonDocument.Parse(PassRoleReportRenderer.ToJson(report));
        var result = Schema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public async Task Schema_RejectsAReportMissingAContractField()
    {
        // The schema is not a rubber stamp: a report without "decision" fails it.
        var node = JsonNode.Parse(PassRoleReportRenderer.ToJson(await InvestigateAsync("field-note")))!.AsObject();
        node.Remove("decision");

        using var json = JsonDocument.Parse(node.ToJsonString());
        Assert.False(Schema.Value.Evaluate(json.RootElement).IsValid);
    }

    /// <summary>
    /// Snapshooter approves a snapshot it cannot find by writing it: the committed ones must be where it looks (next to
    /// this file), or the approval tests would pass whatever the reports say.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllSamples))]
    public void ApprovedSnapshots_EverySample_AreCommittedWhereSnapshooterLooks(string sample)
    {
        var folder = Path.Combine(Path.GetDirectoryName(SourcePath())!, "__snapshots__");

        foreach (var format in new[] { "ToText", "ToMarkdown", "ToJson" })
        {
            var file = Path.Combine(folder, $"{nameof(SampleReportTests)}.{format}_EverySample_MatchesTheApprovedReport_{sample}.snap");
            Assert.True(File.Exists(file), $"{file} is missing");
        }
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public async Task ToText_EverySample_MatchesTheApprovedReport(string sample)
    {
        var report = await InvestigateAsync(sample);

        Snapshot.Match(PassRoleReportRenderer.ToText(report), SnapshotNameExtension.Create(sample));
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public async Task ToMarkdown_EverySample_MatchesTheApprovedReport(string sample)
    {
        var report = await InvestigateAsync(sample);

        Snapshot.Match(PassRoleReportRenderer.ToMarkdown(report), SnapshotNameExtension.Create(sample));
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public async Task ToJson_EverySample_MatchesTheApprovedReport(string sample)
    {
        var report = await InvestigateAsync(sample);

        // Durations differ run to run: everything else is compared.
        var json = JsonNode.Parse(PassRoleReportRenderer.ToJson(report))!;
        foreach (var step in json["steps"]!.AsArray())
        {
            step!["durationMs"] = 0;
        }

        Snapshot.Match(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), SnapshotNameExtension.Create(sample));
    }

    [Fact]
    public async Task ToText_FieldNote_OpensWithTheChecklistBeforeTheVerdict()
    {
        var text = PassRoleReportRenderer.ToText(await InvestigateAsync("field-note"));

        var checklist = text.IndexOf("Checklist:", StringComparison.Ordinal);
        Assert.InRange(checklist, 0, text.IndexOf("Verdict:", StringComparison.Ordinal));
        Assert.Contains("[passed]  Account: Confirmed: the data read is account 123456789012", text, StringComparison.Ordinal);
        Assert.Contains("[passed]  Role: arn:aws:iam::123456789012:role/etl-runtime exists and trusts glue.amazonaws.com", text, StringComparison.Ordinal);
        Assert.Contains("[passed]  Glue job: Glue job nightly-etl runs as arn:aws:iam::123456789012:role/etl-runtime", text, StringComparison.Ordinal);
        Assert.Contains("- groups: GlueAccess, developers", text, StringComparison.Ordinal);
        Assert.DoesNotContain("UnreadableData", text, StringComparison.Ordinal);
    }

    private static readonly DateTimeOffset ApprovedAt = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<PassRoleReport> InvestigateAsync(string sample)
    {
        var folder = SampleAccounts.Folder(sample);
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(folder);
        await using var provider = services.BuildServiceProvider();
        var error = await File.ReadAllTextAsync(Path.Combine(folder, "error.txt"));
        // A fixed moment: aws:CurrentTime and aws:EpochTime are in the JSON report's request.
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(PassRoleInvestigationRequest.FromError(error) with { At = ApprovedAt });
    }

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
