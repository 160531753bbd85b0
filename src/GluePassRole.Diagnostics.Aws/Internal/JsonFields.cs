using System.Text.Json;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>Field access on a JSON 1.1 response that reports a missing or mistyped field as the call's malformed response, not a KeyNotFoundException.</summary>
internal static class JsonFields
{
    /// <summary>The field <paramref name="name"/> of kind <paramref name="kind"/>, or a malformed-response failure of <paramref name="action"/>.</summary>
    public static JsonElement Required(JsonElement element, string action, string name, JsonValueKind kind) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw AwsCallException.Malformed(action, $"it has no {name}");
}
