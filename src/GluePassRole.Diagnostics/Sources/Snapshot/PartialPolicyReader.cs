using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>
/// Reads a policy document that does not parse as a whole statement by statement: the statements that parse are kept,
/// each other one becomes an <see cref="UnknownStatement"/> bounded by the <c>Action</c> and <c>Resource</c> it names
/// (when those can be read), so it matters only to requests it could match.
/// </summary>
internal static class PartialPolicyReader
{
    /// <summary>Tries to read <paramref name="text"/> statement by statement.</summary>
    /// <param name="text">The document, URL-encoded or not.</param>
    /// <param name="location">The file, for the errors.</param>
    /// <param name="path">The document's JSON path in the file.</param>
    /// <param name="known">The document with the statements that could be read.</param>
    /// <param name="unknown">The statements that could not.</param>
    /// <returns><see langword="false"/> when the problem is not within single statements (the JSON, the document's shape).</returns>
    public static bool TryRead(string text, string location, string path, [NotNullWhen(true)] out PolicyDocument? known, out IReadOnlyList<UnknownStatement> unknown)
    {
        known = null;
        unknown = [];
        var trimmed = text.Trim();
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(trimmed.StartsWith('%') ? Uri.UnescapeDataString(trimmed) : trimmed);
        }
        catch (Exception ex) when (ex is JsonException or UriFormatException)
        {
            return false;
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Statement", out var statements))
            {
                return false;
            }

            JsonElement[] items = statements.ValueKind switch
            {
                JsonValueKind.Array => [.. statements.EnumerateArray()],
                JsonValueKind.Object => [statements],
                _ => [],
            };
            var version = root.TryGetProperty("Version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var prefix = version is null ? "{" : $"{{\"Version\":{JsonSerializer.Serialize(version)},";
            var kept = new List<PolicyStatement>();
            var failed = new List<UnknownStatement>();
            for (var i = 0; i < items.Length; i++)
            {
                try
                {
                    kept.AddRange(PolicyDocument.Parse($"{prefix}\"Statement\":[{items[i].GetRawText()}]}}").Statements);
                }
                catch (PolicyDocumentException ex)
                {
                    // The problem's path inside the one-statement document, e.g. $.Statement[0].Effect, placed in the file.
                    const string Alone = "$.Statement[0]";
                    var inner = ex.JsonPath.StartsWith(Alone, StringComparison.Ordinal) ? ex.JsonPath[Alone.Length..] : string.Empty;
                    failed.Add(Describe(items[i], i, ex.Problem, location, $"{path}.Statement[{i}]{inner}"));
                }
            }

            if (failed.Count == 0)
            {
                return false;
            }

            known = new PolicyDocument { Version = version, Statements = kept };
            unknown = failed;
            return true;
        }
    }

    private static UnknownStatement Describe(JsonElement statement, int index, string problem, string location, string path)
    {
        var error = new SourceError($"the statement cannot be read: {problem}") { Location = location, JsonPath = path };
        if (statement.ValueKind != JsonValueKind.Object)
        {
            return new UnknownStatement(index, error);
        }

        var (action, notAction) = Element(statement, "Action", "NotAction");
        var (resource, notResource) = Element(statement, "Resource", "NotResource");
        return new UnknownStatement(index, error)
        {
            Sid = statement.TryGetProperty("Sid", out var sid) && sid.ValueKind == JsonValueKind.String ? sid.GetString() : null,
            Effect = statement.TryGetProperty("Effect", out var effect) && effect.ValueKind == JsonValueKind.String
                ? effect.GetString() switch { "Allow" => Effect.Allow, "Deny" => Effect.Deny, _ => null }
                : null,
            Action = action,
            NotAction = notAction,
            Resource = resource,
            NotResource = notResource,
        };
    }

    /// <summary>The element or its Not form, as far as it is a string or a list of strings; (null, null) means "any".</summary>
    private static (IReadOnlyList<string>? Element, IReadOnlyList<string>? NotElement) Element(JsonElement statement, string name, string notName) =>
        statement.TryGetProperty(name, out var element) ? (Strings(element), null)
        : statement.TryGetProperty(notName, out var not) && Strings(not) is { } excluded ? (null, excluded)
        : (null, null);

    private static List<string>? Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => [.. element.EnumerateArray().Select(e => e.GetString()!)],
        _ => null,
    };
}
