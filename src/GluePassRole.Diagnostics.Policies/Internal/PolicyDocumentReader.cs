using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Internal;

/// <summary>Turns JSON into a <see cref="PolicyDocument"/>, validating the IAM policy grammar as it goes.</summary>
internal static class PolicyDocumentReader
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        // A valid policy nests 7 levels at most (document, Statement[], statement, Condition, operator, key, values).
        MaxDepth = 16,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        // Two "Effect"s in one statement have no single meaning; refuse rather than guess.
        AllowDuplicateProperties = false,
    };

    private static readonly HashSet<string> StatementElements = new(StringComparer.Ordinal)
    {
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    };

    public static PolicyDocument Read(string text, PolicyType? type = null)
    {
        if (text.Length > PolicyDocument.MaxDocumentLength)
        {
            throw TooLarge(text.Length, "characters");
        }

        var trimmed = text.AsSpan().Trim();
        if (!trimmed.IsEmpty && trimmed[0] == '%')
        {
            return ReadUrlEncoded(trimmed, type);
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            return ReadJson(rented.AsMemory(0, length), type);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static PolicyDocument Read(ReadOnlySpan<byte> utf8, PolicyType? type = null)
    {
        if (utf8.Length > PolicyDocument.MaxDocumentLength)
        {
            throw TooLarge(utf8.Length, "bytes");
        }

        // Skip a UTF-8 byte order mark, as files saved by some editors carry one.
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var trimmed = utf8.TrimStart(" \t\r\n"u8);
        if (!trimmed.IsEmpty && trimmed[0] == (byte)'%')
        {
            return Read(Encoding.UTF8.GetString(utf8), type);
        }

        var rented = ArrayPool<byte>.Shared.Rent(utf8.Length);
        try
        {
            utf8.CopyTo(rented);
            return ReadJson(rented.AsMemory(0, utf8.Length), type);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// IAM returns documents "URL-encoded compliant with RFC 3986"; the CLI decodes them, the .NET SDK does not. The
    /// escapes are UTF-8 bytes, so they decode straight into the buffer the JSON reader reads — no intermediate strings.
    /// </summary>
    private static PolicyDocument ReadUrlEncoded(ReadOnlySpan<char> text, PolicyType? type)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '%')
                {
                    if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                    {
                        throw new PolicyDocumentException($"The document looks URL-encoded but has a malformed escape at character {i + 1}.", "$");
                    }

                    rented[length++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                    i += 2;
                }
                else if (c < 0x80)
                {
                    rented[length++] = (byte)c;
                }
                else
                {
                    // Unescaped non-ASCII text: keep it, as UTF-8.
                    var end = i + 1;
                    while (end < text.Length && text[end] >= 0x80)
                    {
                        end++;
                    }

                    length += Encoding.UTF8.GetBytes(text[i..end], rented.AsSpan(length));
                    i = end - 1;
                }
            }

            return ReadJson(rented.AsMemory(0, length), type);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <remarks>The document is parsed and read before <paramref name="utf8"/>'s pooled buffer is returned.</remarks>
    private static PolicyDocument ReadJson(ReadOnlyMemory<byte> utf8, PolicyType? type)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(utf8, JsonOptions);
        }
        catch (JsonException ex) when (ex.LineNumber is null && JsonDuplicates.Find(utf8.Span) is { } duplicate)
        {
            // System.Text.Json finds duplicates after parsing and says neither where nor which: say both. The inner
            // exception carries the position (the column in characters) for the validator's line and column.
            var located = new JsonException(ex.Message, duplicate.Path, duplicate.Line, duplicate.Column, ex);
            throw new PolicyDocumentException(
                string.Create(CultureInfo.InvariantCulture, $"The document is not valid JSON at line {duplicate.Line + 1}, column {duplicate.Column + 1} (property \"{duplicate.Name}\" is given twice)."),
                duplicate.Path,
                StatementIndex(duplicate.Path),
                located);
        }
        catch (JsonException ex)
        {
            throw new PolicyDocumentException($"The document is {JsonErrors.Describe(ex)}.", ex.Path ?? "$", null, ex);
        }

        using (json)
        {
            return ReadDocument(json.RootElement, type);
        }
    }

    /// <summary>The statement a path is in: <c>$.Statement[2].Effect</c> → 2, <c>$.Statement.Effect</c> (a single statement) → 0.</summary>
    private static int? StatementIndex(string path)
    {
        const string Array = "$.Statement[";
        if (path.StartsWith(Array, StringComparison.Ordinal))
        {
            var end = path.IndexOf(']', Array.Length);
            return end > Array.Length && int.TryParse(path.AsSpan(Array.Length, end - Array.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
        }

        return path.StartsWith("$.Statement.", StringComparison.Ordinal) ? 0 : null;
    }

    private static PolicyDocument ReadDocument(JsonElement root, PolicyType? type)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyDocumentException($"The document must be a JSON object, not {Describe(root)}.", "$");
        }

        string? version = null;
        string? id = null;
        JsonElement? statement = null;
        foreach (var property in root.EnumerateObject())
        {
            var path = JsonPath.Child("$", property.Name);
            switch (property.Name)
            {
                case "Version":
                    version = ReadString(property.Value, path, null);
                    if (version is not PolicyDocument.Version2012 and not PolicyDocument.Version2008)
                    {
                        throw new PolicyDocumentException(
                            $"Version must be \"{PolicyDocument.Version2012}\" or \"{PolicyDocument.Version2008}\", not \"{version}\".", path);
                    }

                    break;
                case "Id":
                    id = ReadString(property.Value, path, null);
                    break;
                case "Statement":
                    statement = property.Value;
                    break;
                default:
                    throw new PolicyDocumentException(
                        $"Unknown top-level element \"{property.Name}\"; a policy has only Version, Id and Statement (names are case-sensitive).", path);
            }
        }

        if (statement is not JsonElement statements)
        {
            throw new PolicyDocumentException("The document has no Statement element.", "$");
        }

        var list = new List<PolicyStatement>();
        switch (statements.ValueKind)
        {
            case JsonValueKind.Object:
                list.Add(ReadStatement(statements, "$.Statement", 0));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in statements.EnumerateArray())
                {
                    list.Add(ReadStatement(item, $"$.Statement[{index}]", index));
                    index++;
                }

                break;
            default:
                throw new PolicyDocumentException($"Statement must be an object or an array of objects, not {Describe(statements)}.", "$.Statement");
        }

        var document = new PolicyDocument { Version = version, Id = id, Statements = list, Type = type };
        if (type is PolicyType policyType)
        {
            PolicyGrammar.ThrowIfInvalid(document, policyType, statements.ValueKind == JsonValueKind.Array);
        }

        return document;
    }

    private static PolicyStatement ReadStatement(JsonElement element, string path, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyDocumentException($"A statement must be a JSON object, not {Describe(element)}.", path, index);
        }

        string? sid = null;
        Effect? effect = null;
        PolicyPrincipal? principal = null, notPrincipal = null;
        IReadOnlyList<string>? action = null, notAction = null, resource = null, notResource = null;
        IReadOnlyList<PolicyCondition> conditions = [];

        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = JsonPath.Child(path, property.Name);
            switch (property.Name)
            {
                case "Sid":
                    sid = ReadString(property.Value, propertyPath, index);
                    break;
                case "Effect":
                    var text = ReadString(property.Value, propertyPath, index);
                    effect = text switch
                    {
                        "Allow" => Effect.Allow,
                        "Deny" => Effect.Deny,
                        _ => throw new PolicyDocumentException(
                            $"Effect must be \"Allow\" or \"Deny\" (case-sensitive), not \"{text}\".", propertyPath, index),
                    };
                    break;
                case "Principal":
                    principal = ReadPrincipal(property.Value, propertyPath, index);
                    break;
                case "NotPrincipal":
                    notPrincipal = ReadPrincipal(property.Value, propertyPath, index);
                    break;
                case "Action":
                    action = ReadStringOrArray(property.Value, propertyPath, index);
                    break;
                case "NotAction":
                    notAction = ReadStringOrArray(property.Value, propertyPath, index);
                    break;
                case "Resource":
                    resource = ReadStringOrArray(property.Value, propertyPath, index);
                    break;
                case "NotResource":
                    notResource = ReadStringOrArray(property.Value, propertyPath, index);
                    break;
                case "Condition":
                    conditions = ReadConditions(property.Value, propertyPath, index);
                    break;
                default:
                    var hint = StatementElements.FirstOrDefault(e => string.Equals(e, property.Name, StringComparison.OrdinalIgnoreCase));
                    throw new PolicyDocumentException(
                        hint is null
                            ? $"Unknown statement element \"{property.Name}\"."
                            : $"Unknown statement element \"{property.Name}\"; element names are case-sensitive, did you mean \"{hint}\"?",
                        propertyPath,
                        index);
            }
        }

        if (effect is not Effect resolvedEffect)
        {
            throw new PolicyDocumentException("The statement has no Effect; it must be \"Allow\" or \"Deny\".", path, index);
        }

        if ((action is null) == (notAction is null))
        {
            throw new PolicyDocumentException(
                action is null ? "The statement has neither Action nor NotAction; it needs exactly one." : "The statement has both Action and NotAction; it needs exactly one.",
                path,
                index);
        }

        if (resource is not null && notResource is not null)
        {
            throw new PolicyDocumentException("The statement has both Resource and NotResource; it may have one.", path, index);
        }

        if (principal is not null && notPrincipal is not null)
        {
            throw new PolicyDocumentException("The statement has both Principal and NotPrincipal; it may have one.", path, index);
        }

        return new PolicyStatement
        {
            Sid = sid,
            Effect = resolvedEffect,
            Principal = principal,
            NotPrincipal = notPrincipal,
            Action = action,
            NotAction = notAction,
            Resource = resource,
            NotResource = notResource,
            Conditions = conditions,
        };
    }

    private static PolicyPrincipal ReadPrincipal(JsonElement element, string path, int index)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString();
            return text == "*"
                ? PolicyPrincipal.Anyone
                : throw new PolicyDocumentException(
                    $"A principal given as a string must be \"*\", not \"{text}\"; use an object such as {{\"AWS\": \"...\"}}.", path, index);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyDocumentException($"A principal must be \"*\" or an object, not {Describe(element)}.", path, index);
        }

        var entries = new List<PrincipalEntry>();
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = JsonPath.Child(path, property.Name);
            if (!PrincipalEntry.KnownTypes.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new PolicyDocumentException(
                    $"Unknown principal type \"{property.Name}\"; expected one of {string.Join(", ", PrincipalEntry.KnownTypes)}.", propertyPath, index);
            }

            entries.Add(new PrincipalEntry(property.Name, ReadStringOrArray(property.Value, propertyPath, index)));
        }

        if (entries.Count == 0)
        {
            throw new PolicyDocumentException("A principal object must name at least one principal type.", path, index);
        }

        return new PolicyPrincipal { Entries = entries };
    }

    private static List<PolicyCondition> ReadConditions(JsonElement element, string path, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyDocumentException($"Condition must be an object of operators, not {Describe(element)}.", path, index);
        }

        var conditions = new List<PolicyCondition>();
        foreach (var operatorProperty in element.EnumerateObject())
        {
            var operatorPath = JsonPath.Child(path, operatorProperty.Name);
            if (!ConditionOperator.TryParse(operatorProperty.Name, out var conditionOperator))
            {
                throw new PolicyDocumentException($"Unknown condition operator \"{operatorProperty.Name}\".", operatorPath, index);
            }

            if (operatorProperty.Value.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyDocumentException(
                    $"Condition operator \"{operatorProperty.Name}\" must map to an object of keys, not {Describe(operatorProperty.Value)}.", operatorPath, index);
            }

            var keys = 0;
            foreach (var keyProperty in operatorProperty.Value.EnumerateObject())
            {
                var keyPath = JsonPath.Child(operatorPath, keyProperty.Name);
                if (string.IsNullOrWhiteSpace(keyProperty.Name))
                {
                    throw new PolicyDocumentException("A condition key must not be empty.", keyPath, index);
                }

                conditions.Add(new PolicyCondition(conditionOperator, keyProperty.Name, ReadConditionValues(keyProperty.Value, keyPath, index)));
                keys++;
            }

            if (keys == 0)
            {
                throw new PolicyDocumentException($"Condition operator \"{operatorProperty.Name}\" has no keys.", operatorPath, index);
            }
        }

        return conditions;
    }

    private static string[] ReadConditionValues(JsonElement element, string path, int index)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var values = new string[element.GetArrayLength()];
            if (values.Length == 0)
            {
                throw new PolicyDocumentException("A condition key must have at least one value; the array is empty.", path, index);
            }

            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                values[i] = ReadConditionScalar(item, $"{path}[{i}]", index);
                i++;
            }

            return values;
        }

        return [ReadConditionScalar(element, path, index)];
    }

    private static string ReadConditionScalar(JsonElement element, string path, int index) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new PolicyDocumentException(
            $"A condition value must be a string, number or boolean, not {Describe(element)}.", path, index),
    };

    private static string[] ReadStringOrArray(JsonElement element, string path, int index)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return [element.GetString()!];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new PolicyDocumentException($"Expected a string or an array of strings, not {Describe(element)}.", path, index);
        }

        var values = new string[element.GetArrayLength()];
        if (values.Length == 0)
        {
            throw new PolicyDocumentException("Expected a string or a non-empty array of strings; the array is empty.", path, index);
        }

        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            values[i] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new PolicyDocumentException($"Expected a string, not {Describe(item)}.", $"{path}[{i}]", index);
            i++;
        }

        return values;
    }

    private static string ReadString(JsonElement element, string path, int? index) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new PolicyDocumentException($"Expected a string, not {Describe(element)}.", path, index);

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    /// <summary>A document over <see cref="PolicyDocument.MaxDocumentLength"/>, its size in <paramref name="unit"/> (<c>characters</c> or <c>bytes</c>).</summary>
    /// <param name="length">The size, or <see langword="null"/> when only the bound + 1 was read (a stream): "more than" the bound.</param>
    /// <param name="unit">What was counted.</param>
    internal static PolicyDocumentException TooLarge(int? length, string unit) => new(
        string.Create(
            CultureInfo.InvariantCulture,
            $"The document is {(length is int known ? known.ToString("N0", CultureInfo.InvariantCulture) : "more than " + PolicyDocument.MaxDocumentLength.ToString("N0", CultureInfo.InvariantCulture))} {unit} long, over the bound of {PolicyDocument.MaxDocumentLength:N0} {unit} (AWS's own policy size limits are far smaller)."),
        "$");
}
