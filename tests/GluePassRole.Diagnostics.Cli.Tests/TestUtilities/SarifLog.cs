using System.Text.Json;
using Json.Schema;

namespace GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

/// <summary>The SARIF 2.1.0 schema (OASIS), loaded once: the schema registry refuses a second schema with the same $id.</summary>
internal static class SarifLog
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sarif", "sarif-schema-2.1.0.json"))));

    /// <summary>The schema's errors for the log, one per line; empty when it is valid.</summary>
    public static string SchemaErrors(string text)
    {
        using var json = JsonDocument.Parse(text);
        var evaluation = Schema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return evaluation.IsValid
            ? string.Empty
            : string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")));
    }

    /// <summary>Whether the log is valid against the schema.</summary>
    public static bool IsValid(JsonElement log) => Schema.Value.Evaluate(log, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;
}
