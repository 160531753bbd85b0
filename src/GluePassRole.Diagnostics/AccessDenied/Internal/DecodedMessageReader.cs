using System.Text.Json;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.AccessDenied.Internal;

/// <summary>
/// Reads the output of <c>aws sts decode-authorization-message</c>: the CLI's <c>{"DecodedMessage": "&lt;json&gt;"}</c>
/// wrapper, the bare decoded JSON (<c>--query DecodedMessage --output text</c>), or that JSON as a JSON string.
/// </summary>
/// <remarks>Shape: see <see cref="DecodedAuthorizationMessage"/>. System.Text.Json reads in linear time; depth is capped.</remarks>
internal static class DecodedMessageReader
{
    private const string Expected = "the output of 'aws sts decode-authorization-message' ({\"DecodedMessage\": \"...\"}, or the decoded JSON itself)";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>
    /// Reads <paramref name="text"/> when it is a decoded authorization message; returns <see langword="false"/> when it is
    /// other JSON (a JSON log line holding an AccessDenied text) or not JSON, for the text parser to read.
    /// </summary>
    public static bool TryRead(string text, out AccessDeniedMessage? message, out ParseFailure? failure)
    {
        message = null;
        failure = null;
        ScanWork.Add(text.Length);
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            var root = document.RootElement;
            var where = "$";
            var wrapped = false;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("DecodedMessage", out var inner))
            {
                (wrapped, where, root) = (true, "$.DecodedMessage", inner);
            }

            if (root.ValueKind == JsonValueKind.String)
            {
                // The decoded message is itself a JSON document inside a string.
                var json = root.GetString()!;
                if (!wrapped && !json.TrimStart().StartsWith('{'))
                {
                    return false;
                }

                using var decoded = JsonDocument.Parse(json, Options);
                return Handle(decoded.RootElement, where + " (decoded)", wrapped, out message, out failure);
            }

            return Handle(root, where, wrapped, out message, out failure);
        }
        catch (JsonException e)
        {
            if (!LooksDecoded(text))
            {
                return false;
            }

            failure = Invalid($"The text looks like a decoded authorization message but is {JsonErrors.Describe(e)}; expected {Expected}.");
            return true;
        }
    }

    private static bool Handle(JsonElement root, string where, bool wrapped, out AccessDeniedMessage? message, out ParseFailure? failure)
    {
        message = null;
        failure = null;
        if (!wrapped && !(root.ValueKind == JsonValueKind.Object
            && (root.TryGetProperty("context", out _) || root.TryGetProperty("matchedStatements", out _) || root.TryGetProperty("explicitDeny", out _))))
        {
            return false;
        }

        try
        {
            message = FromDecoded(root, where, out failure);
        }
        catch (DecodedShapeException e)
        {
            failure = Invalid($"{e.Message}; expected {Expected}.");
        }

        return true;
    }

    private static bool LooksDecoded(string text) =>
        text.Contains("\"DecodedMessage\"", StringComparison.Ordinal) || text.Contains("\"explicitDeny\"", StringComparison.Ordinal)
        || text.Contains("\\\"explicitDeny\\\"", StringComparison.Ordinal);

    private static AccessDeniedMessage? FromDecoded(JsonElement root, string where, out ParseFailure? failure)
    {
        RequireKind(root, JsonValueKind.Object, where);
        var context = Property(root, "context", where, JsonValueKind.Object)
            ?? throw new DecodedShapeException($"{where}.context is missing: the decoded message names no request");
        var contextPath = where + ".context";
        var principal = Property(context, "principal", contextPath, JsonValueKind.Object);
        var principalArn = principal is { } p ? String(p, "arn", contextPath + ".principal") : null;
        if (string.IsNullOrWhiteSpace(principalArn))
        {
            throw new DecodedShapeException($"{contextPath}.principal.arn is missing");
        }

        var action = String(context, "action", contextPath);
        if (string.IsNullOrWhiteSpace(action))
        {
            throw new DecodedShapeException($"{contextPath}.action is missing");
        }

        var resource = String(context, "resource", contextPath);
        var conditions = ReadContext(context, contextPath);
        var allowed = Bool(root, "allowed", where);
        if (allowed == true)
        {
            failure = new(
                AccessDeniedMessageFormatError.NotAccessDenied,
                $"The decoded message says the request was allowed ({where}.allowed is true); there is no denial to investigate.");
            return null;
        }

        var explicitDeny = Bool(root, "explicitDeny", where) == true;
        action = QualifiedAction(action, conditions, resource);
        resource = string.IsNullOrEmpty(resource) ? null : resource;
        var reason = explicitDeny ? "with an explicit deny" : $"because no policy allows the {action} action";

        failure = null;
        return new AccessDeniedMessage
        {
            Principal = principalArn,
            Action = action,
            Resource = resource,
            DenialKind = explicitDeny ? DenialKind.ExplicitDeny : DenialKind.ImplicitDeny,
            NormalizedMessage = $"User: {principalArn} is not authorized to perform: {action}{(resource is null ? "" : " on resource: " + resource)} {reason}",
            Decoded = new DecodedAuthorizationMessage
            {
                PrincipalId = principal is { } q ? String(q, "id", contextPath + ".principal") : null,
                Context = conditions,
                MatchedStatements = ReadStatements(root, where),
            },
        };
    }

    // The decoded context may name the action without its service ("RunInstances" in the IAM User Guide example); the
    // service is then the one of aws:Service, else of the resource ARN.
    private static string QualifiedAction(string action, RequestContext context, string? resource)
    {
        if (action.Contains(':', StringComparison.Ordinal))
        {
            return action;
        }

        if (context.TryGetValue("aws:Service", out var services) && services.Count == 1 && services[0].Length > 0)
        {
            return services[0] + ":" + action;
        }

        var parts = resource?.Split(':', 4);
        return parts is { Length: 4 } && parts[0] == "arn" && parts[2].Length > 0 ? parts[2] + ":" + action : action;
    }

    private static RequestContext ReadContext(JsonElement context, string path)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var entry in Items(context, "conditions", path))
        {
            var entryPath = $"{path}.conditions.items[{index++}]";
            RequireKind(entry, JsonValueKind.Object, entryPath);
            var key = String(entry, "key", entryPath);
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new DecodedShapeException($"{entryPath}.key is missing");
            }

            if (!values.TryGetValue(key, out var list))
            {
                values[key] = list = [];
            }

            list.AddRange(Values(entry, "values", entryPath));
        }

        return RequestContext.Create(values.Select(pair => new KeyValuePair<string, IReadOnlyList<string>>(pair.Key, pair.Value)));
    }

    private static List<DecodedStatement> ReadStatements(JsonElement root, string path)
    {
        var statements = new List<DecodedStatement>();
        foreach (var statement in Items(root, "matchedStatements", path))
        {
            var statementPath = $"{path}.matchedStatements.items[{statements.Count}]";
            RequireKind(statement, JsonValueKind.Object, statementPath);
            var effectText = String(statement, "effect", statementPath);
            Effect effect = effectText?.ToUpperInvariant() switch
            {
                "ALLOW" => Effect.Allow,
                "DENY" => Effect.Deny,
                _ => throw new DecodedShapeException($"{statementPath}.effect is '{effectText}', not ALLOW or DENY"),
            };
            var conditions = statement.TryGetProperty("conditions", out var c) && c.ValueKind != JsonValueKind.Null
                && !(c.ValueKind == JsonValueKind.Object && c.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() == 0)
                ? c.GetRawText()
                : null;
            statements.Add(new DecodedStatement
            {
                StatementId = String(statement, "statementId", statementPath),
                Effect = effect,
                Principals = Values(statement, "principals", statementPath),
                PrincipalGroups = Values(statement, "principalGroups", statementPath),
                Actions = Values(statement, "actions", statementPath),
                Resources = Values(statement, "resources", statementPath),
                ConditionsJson = conditions,
            });
        }

        return statements;
    }

    /// <summary>The elements of <c>name.items</c>; none when <c>name</c> is absent or null.</summary>
    private static JsonElement.ArrayEnumerator Items(JsonElement parent, string name, string path)
    {
        if (Property(parent, name, path, JsonValueKind.Object) is not { } list)
        {
            return default;
        }

        if (!list.TryGetProperty("items", out var items) || items.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        RequireKind(items, JsonValueKind.Array, $"{path}.{name}.items");
        return items.EnumerateArray();
    }

    /// <summary>The strings of <c>name.items[].value</c>, the decoded message's list shape.</summary>
    private static List<string> Values(JsonElement parent, string name, string path)
    {
        var values = new List<string>();
        foreach (var item in Items(parent, name, path))
        {
            var itemPath = $"{path}.{name}.items[{values.Count}]";
            RequireKind(item, JsonValueKind.Object, itemPath);
            if (!item.TryGetProperty("value", out var value) || value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null)
            {
                throw new DecodedShapeException($"{itemPath}.value is missing or not a single value");
            }

            values.Add(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
        }

        return values;
    }

    private static JsonElement? Property(JsonElement parent, string name, string path, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        RequireKind(value, kind, $"{path}.{name}");
        return value;
    }

    private static string? String(JsonElement parent, string name, string path) =>
        Property(parent, name, path, JsonValueKind.String)?.GetString();

    private static bool? Bool(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new DecodedShapeException($"{path}.{name} is not true or false"),
        };
    }

    private static void RequireKind(JsonElement element, JsonValueKind kind, string path)
    {
        if (element.ValueKind != kind)
        {
            throw new DecodedShapeException($"{path} is {Describe(element.ValueKind)}, not {Describe(kind)}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static ParseFailure Invalid(string message) => new(AccessDeniedMessageFormatError.InvalidDecodedMessage, message);

    /// <summary>A decoded message that is valid JSON but not of the documented shape; the message names the JSON path.</summary>
    private sealed class DecodedShapeException(string message) : Exception(message);
}
