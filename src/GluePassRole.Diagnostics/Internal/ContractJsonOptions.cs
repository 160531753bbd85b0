using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GluePassRole.Diagnostics.Internal;

/// <summary>
/// The options every published JSON contract (report, audit, preflight) is written with: camelCase names, two-space
/// indents with <c>\n</c> line ends whatever the platform, nulls written, and relaxed escaping so ARNs, quotes in commands
/// and '+' read as written. One place, so the contracts cannot drift apart.
/// </summary>
internal static class ContractJsonOptions
{
    /// <summary>A new set of the contract's options, for one source-generated context to own.</summary>
    public static JsonSerializerOptions Create() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
