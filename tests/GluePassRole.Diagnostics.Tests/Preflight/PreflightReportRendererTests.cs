using System.Text.Json;
using GluePassRole.Diagnostics.Preflight;
using Json.Schema;

namespace GluePassRole.Diagnostics.Tests.Preflight;

/// <summary>Text and Markdown open with the checklist; JSON is the published contract (docs/glue-preflight.schema.json).</summary>
public class PreflightReportRendererTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "glue-preflight.schema.json"))));

    private static (bool IsValid, string Errors) Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return (result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public async Task ToJson_BundledSample_ValidatesAgainstThePublishedSchema()
    {
        using var sample = new PreflightSample();
        var report = await sample.RunAsync();

        var json = PreflightReportRenderer.ToJson(report);

        var (valid, errors) = Validate(json);
        Assert.True(valid, errors);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(["schemaVersion", "job", "role", "principal", "allPassed", "needs", "unread", "fixes"], root.EnumerateObject().Select(p => p.Name));
        var need = root.GetProperty("needs").EnumerateArray().First(n => n.GetProperty("id").GetString() == "role.script.read");
        Assert.Equal("ImplicitDeny", need.GetProperty("decision").GetString());
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/etl-runtime/GlueJobRunnerSession", need.GetProperty("principal").GetString());
        var fix = root.GetProperty("fixes").EnumerateArray().Single(f => f.GetProperty("target").GetString() == "role etl-runtime");
        Assert.Equal("2012-10-17", fix.GetProperty("document").GetProperty("Version").GetString());
    }

    [Fact]
    public async Task ToJson_WithUnreadAndUnknownNeeds_ValidatesAgainstThePublishedSchema()
    {
        using var sample = new PreflightSample();
        sample.Delete(PreflightSample.KeyFile).Delete("s3api-get-bucket-policy-example-etl-scripts.json");

        var json = PreflightReportRenderer.ToJson(await sample.RunAsync(region: null));

        var (valid, errors) = Validate(json);
        Assert.True(valid, errors);
        Assert.Contains("\"decision\": \"Unknown\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_RejectsAReportWithoutNeeds()
    {
        var (valid, _) = Validate("""{"schemaVersion":1,"job":"j","role":null,"principal":null,"allPassed":false,"unread":[],"fixes":[]}""");

        Assert.False(valid);
    }

    [Fact]
    public async Task ToText_OpensWithTheChecklist()
    {
        using var sample = new PreflightSample();

        var text = PreflightReportRenderer.ToText(await sample.RunAsync());

        var lines = text.Split('\n');
        Assert.Equal("Preflight of Glue job nightly-etl: 12 of 22 needs allowed; 7 denied, 3 conditional.", lines[0]);
        Assert.StartsWith("  [cond] principal.update-job: glue:UpdateJob on arn:aws:glue:ap-northeast-1:123456789012:job/nightly-etl -> Conditional", lines[1], StringComparison.Ordinal);
        Assert.Contains("  [FAIL] role.script.read: s3:GetObject on arn:aws:s3:::example-etl-scripts/nightly-etl.py -> ImplicitDeny", text, StringComparison.Ordinal);
        Assert.Contains("      granted by statement #0 of the trust policy of role etl-runtime", text, StringComparison.Ordinal);
        Assert.Contains("Fix: inline policy GluePreflight-nightly-etl on role etl-runtime", text, StringComparison.Ordinal);
        Assert.Contains("    role.script.read: ImplicitDeny -> Allowed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToMarkdown_OpensWithTheChecklist()
    {
        using var sample = new PreflightSample();

        var markdown = PreflightReportRenderer.ToMarkdown(await sample.RunAsync());

        var lines = markdown.Split('\n');
        Assert.Equal("# Preflight of Glue job `nightly-etl`: 12 of 22 needs allowed; 7 denied, 3 conditional.", lines[0]);
        Assert.StartsWith("- [ ] **principal.update-job** `glue:UpdateJob`", lines[2], StringComparison.Ordinal);
        Assert.Contains("- [x] **service.assume-role**", markdown, StringComparison.Ordinal);
        Assert.Contains("```bash\naws iam put-role-policy --role-name etl-runtime", markdown, StringComparison.Ordinal);
    }
}
