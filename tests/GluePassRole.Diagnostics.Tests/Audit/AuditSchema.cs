using System.Text.Json;
using Json.Schema;

namespace GluePassRole.Diagnostics.Tests.Audit;

/// <summary>The published audit JSON schema (docs/passrole-audit.schema.json), built once: JsonSchema.Net registers it by its $id per process.</summary>
internal static class AuditSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "passrole-audit.schema.json"))));

    /// <summary>Whether the JSON validates, and the errors when it does not.</summary>
    public static (bool IsValid, string Errors) Validate(JsonElement json)
    {
        var result = Schema.Value.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return (result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }
}
