using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GluePassRole.Diagnostics.Policies.Internal;

/// <summary>
/// Writes canonical policy JSON: Version, Id, Statement (always an array); inside a statement Sid, Effect, Principal,
/// NotPrincipal, Action, NotAction, Resource, NotResource, Condition; single values as strings; conditions grouped by
/// operator in first-seen order.
/// </summary>
internal static class PolicyDocumentWriter
{
    private static JsonWriterOptions Options(bool indented) => new()
    {
        Indented = indented,
        IndentSize = 2,
        NewLine = "\n",
        // Policies are not HTML; keep '+', '<', '&' and non-ASCII readable as AWS shows them.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(PolicyDocument document, bool indented)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options(indented)))
        {
            writer.WriteStartObject();
            if (document.Version is not null)
            {
                writer.WriteString("Version", document.Version);
            }

            if (document.Id is not null)
            {
                writer.WriteString("Id", document.Id);
            }

            writer.WriteStartArray("Statement");
            foreach (var statement in document.Statements)
            {
                WriteStatement(writer, statement);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes one statement as a standalone JSON object.</summary>
    public static string WriteStatement(PolicyStatement statement, bool indented)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options(indented)))
        {
            WriteStatement(writer, statement);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteStatement(Utf8JsonWriter writer, PolicyStatement statement)
    {
        writer.WriteStartObject();
        if (statement.Sid is not null)
        {
            writer.WriteString("Sid", statement.Sid);
        }

        writer.WriteString("Effect", statement.Effect == Effect.Allow ? "Allow" : "Deny");
        WritePrincipal(writer, "Principal", statement.Principal);
        WritePrincipal(writer, "NotPrincipal", statement.NotPrincipal);
        WriteList(writer, "Action", statement.Action);
        WriteList(writer, "NotAction", statement.NotAction);
        WriteList(writer, "Resource", statement.Resource);
        WriteList(writer, "NotResource", statement.NotResource);

        if (statement.Conditions.Count > 0)
        {
            writer.WriteStartObject("Condition");
            foreach (var group in statement.Conditions.GroupBy(c => c.Operator))
            {
                writer.WriteStartObject(group.Key.Name);
                foreach (var condition in group)
                {
                    WriteList(writer, condition.Key, condition.Values);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WritePrincipal(Utf8JsonWriter writer, string name, PolicyPrincipal? principal)
    {
        if (principal is null)
        {
            return;
        }

        if (principal.IsAnyone)
        {
            writer.WriteString(name, "*");
            return;
        }

        writer.WriteStartObject(name);
        foreach (var entry in principal.Entries)
        {
            WriteList(writer, entry.Type, entry.Values);
        }

        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count == 1)
        {
            writer.WriteString(name, values[0]);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
