using System.Text.Json;
using Json.Schema;

namespace GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

/// <summary>
/// The published report schemas (docs/*.schema.json), each built once: JsonSchema.Net registers a schema by its $id per
/// process, so every test validates through these.
/// </summary>
internal static class PublishedSchemas
{
    private static readonly Lazy<JsonSchema> Report = new(() => Load("passrole-report.schema.json"));
    private static readonly Lazy<JsonSchema> Audit = new(() => Load("passrole-audit.schema.json"));
    private static readonly Lazy<JsonSchema> Check = new(() => Load("passrole-check.schema.json"));

    /// <summary>The errors of <paramref name="json"/> against the investigation report's schema; empty when valid.</summary>
    public static string ReportErrors(JsonElement json) => Errors(Report.Value, json);

    /// <summary>The errors of <paramref name="json"/> against the audit report's schema; empty when valid.</summary>
    public static string AuditErrors(JsonElement json) => Errors(Audit.Value, json);

    /// <summary>The errors of <paramref name="json"/> against the check's schema; empty when valid.</summary>
    public static string CheckErrors(JsonElement json) => Errors(Check.Value, json);

    private static JsonSchema Load(string file) => JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)));

    private static string Errors(JsonSchema schema, JsonElement json)
    {
        var result = schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? string.Empty
            : string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
    }
}
