using System.Text.Json;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Policies.Cases;

/// <summary>
/// A case file: a JSON array of evaluation cases, the contract <c>glue-passrole simulate --cases</c> and the conformance
/// suite share. A malformed case becomes an entry with an error naming the case and the JSON path; the others still load.
/// Unknown fields are ignored.
/// </summary>
/// <remarks>
/// A case: <c>{"name", "expected"?: "Allowed|ExplicitDeny|ImplicitDeny", "identityPolicies": [policy | {"name", "policy"}],
/// "permissionBoundary"?, "sessionPolicy"?, "resourcePolicy"?, "scps"?: [[policy...]...] (root level first), "rcps"?,
/// "request": {"principal", "action", "resource", "resourceAccount"?, "context"?: {"key": "v" | ["v1", "v2"]}}}</c>.
/// </remarks>
internal sealed class EvaluationCaseFile
{
    private EvaluationCaseFile(IReadOnlyList<EvaluationCaseEntry> entries) => Entries = entries;

    /// <summary>The entries in file order.</summary>
    public IReadOnlyList<EvaluationCaseEntry> Entries { get; }

    /// <summary>Reads a case file.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The cases, each read or with its error.</returns>
    /// <exception cref="FormatException">The text is not JSON or not an array.</exception>
    public static EvaluationCaseFile Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The case file is {JsonErrors.Describe(ex)}.", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("A case file must be a JSON array of cases.");
            }

            var entries = new List<EvaluationCaseEntry>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                entries.Add(ReadEntry(element, index++));
            }

            return new EvaluationCaseFile(entries);
        }
    }

    private static EvaluationCaseEntry ReadEntry(JsonElement element, int index)
    {
        var name = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()!
            : $"#{index}";
        try
        {
            return new EvaluationCaseEntry(index, name, ReadCase(element, name, $"$[{index}]"), null);
        }
        catch (FormatException ex)
        {
            return new EvaluationCaseEntry(index, name, null, $"case {index} ({name}): {ex.Message}");
        }
    }

    private static EvaluationCase ReadCase(JsonElement element, string name, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"a case must be an object (at {path})");
        }

        Decision? expected = null;
        if (element.TryGetProperty("expected", out var e) && e.ValueKind != JsonValueKind.Null)
        {
            var text = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            expected = text is "Allowed" or "ExplicitDeny" or "ImplicitDeny"
                ? Enum.Parse<Decision>(text)
                : throw new FormatException($"expected must be Allowed, ExplicitDeny or ImplicitDeny (at {path}.expected)");
        }

        var identity = new List<SourcedPolicy>();
        if (element.TryGetProperty("identityPolicies", out var policies))
        {
            if (policies.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"identityPolicies must be an array (at {path}.identityPolicies)");
            }

            var i = 0;
            foreach (var item in policies.EnumerateArray())
            {
                identity.Add(ReadPolicy(item, $"{path}.identityPolicies[{i}]", PolicySourceKind.Supplied, $"identity policy {i}"));
                i++;
            }
        }

        var set = new PolicySet
        {
            IdentityPolicies = identity,
            PermissionsBoundary = Optional(element, "permissionBoundary", path, PolicySourceKind.PermissionsBoundary),
            SessionPolicy = Optional(element, "sessionPolicy", path, PolicySourceKind.SessionPolicy),
            ResourcePolicy = Optional(element, "resourcePolicy", path, PolicySourceKind.ResourcePolicy),
            ServiceControlPolicies = Levels(element, "scps", path, PolicySourceKind.ServiceControlPolicy),
            ResourceControlPolicies = Levels(element, "rcps", path, PolicySourceKind.ResourceControlPolicy),
        };

        if (!element.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"the case has no request object (at {path}.request)");
        }

        return new EvaluationCase(name, set, ReadRequest(request, $"{path}.request")) { Expected = expected };
    }

    private static AuthorizationRequest ReadRequest(JsonElement request, string path)
    {
        string Required(string property) =>
            request.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new FormatException($"request.{property} must be a non-empty string (at {path}.{property})");

        var context = RequestContext.Empty;
        if (request.TryGetProperty("context", out var contextElement) && contextElement.ValueKind != JsonValueKind.Null)
        {
            if (contextElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"request.context must be an object (at {path}.context)");
            }

            var entries = new List<KeyValuePair<string, IReadOnlyList<string>>>();
            foreach (var property in contextElement.EnumerateObject())
            {
                var valuePath = $"{path}.context['{property.Name}']";
                IReadOnlyList<string> values = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select((v, i) => Scalar(v, $"{valuePath}[{i}]")).ToArray()
                    : [Scalar(property.Value, valuePath)];
                entries.Add(new(property.Name, values));
            }

            context = RequestContext.Create(entries);
        }

        string? resourceAccount = request.TryGetProperty("resourceAccount", out var account) && account.ValueKind == JsonValueKind.String
            ? account.GetString()
            : null;

        return new AuthorizationRequest
        {
            Principal = Required("principal"),
            Action = Required("action"),
            Resource = Required("resource"),
            ResourceAccount = resourceAccount,
            Context = context,
        };
    }

    private static string Scalar(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new FormatException($"a context value must be a string, number or boolean (at {path})"),
    };

    private static SourcedPolicy? Optional(JsonElement element, string property, string path, PolicySourceKind kind) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? ReadPolicy(value, $"{path}.{property}", kind, property)
            : null;

    private static List<IReadOnlyList<SourcedPolicy>>? Levels(JsonElement element, string property, string path, PolicySourceKind kind)
    {
        if (!element.TryGetProperty(property, out var levels) || levels.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (levels.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{property} must be an array of levels, root first (at {path}.{property})");
        }

        var result = new List<IReadOnlyList<SourcedPolicy>>();
        var l = 0;
        foreach (var level in levels.EnumerateArray())
        {
            if (level.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"each level of {property} must be an array of policies (at {path}.{property}[{l}])");
            }

            result.Add(level.EnumerateArray().Select((p, i) => ReadPolicy(p, $"{path}.{property}[{l}][{i}]", kind, $"{property} level {l} policy {i}")).ToArray());
            l++;
        }

        return result;
    }

    private static SourcedPolicy ReadPolicy(JsonElement element, string path, PolicySourceKind kind, string defaultName)
    {
        var name = defaultName;
        var policy = element;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("policy", out var inner))
        {
            policy = inner;
            path += ".policy";
            if (element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
            {
                name = n.GetString()!;
            }
        }

        try
        {
            var document = PolicyDocument.Parse(policy.GetRawText());
            if (kind == PolicySourceKind.ResourcePolicy)
            {
                // Refused here, with the case's path, rather than when the evaluator compiles the set.
                PolicyGrammar.RequirePrincipal(document);
            }

            return new SourcedPolicy(document, new PolicySource(kind, name));
        }
        catch (PolicyDocumentException ex)
        {
            throw new FormatException($"{ex.Problem} (at {path}{ex.JsonPath[1..]})", ex);
        }
    }
}
