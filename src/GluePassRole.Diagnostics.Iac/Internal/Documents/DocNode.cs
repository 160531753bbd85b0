using System.Text;
using System.Text.Json;

namespace GluePassRole.Diagnostics.Iac.Internal.Documents;

/// <summary>
/// A node of a template or plan as read (JSON or YAML, short-form tags already turned into their long form), with the
/// line it started on. Resolving intrinsic functions yields the same kinds of node, plus <see cref="DocUnknown"/>.
/// </summary>
internal abstract record DocNode(int Line)
{
    /// <summary>The line of the map key this node is the value of (where a reader looks for it), else <see cref="Line"/>.</summary>
    public int KeyLine
    {
        get => field > 0 ? field : Line;
        init;
    }

    /// <summary>The node as JSON, or <see langword="null"/> when an unknown value is inside it.</summary>
    public string? ToJson()
    {
        if (FindUnknown() is not null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The first unknown value inside the node, depth first.</summary>
    public DocUnknown? FindUnknown() => this switch
    {
        DocUnknown unknown => unknown,
        DocSequence sequence => sequence.Items.Select(i => i.FindUnknown()).FirstOrDefault(u => u is not null),
        DocMapping mapping => mapping.Entries.Select(e => e.Value.FindUnknown()).FirstOrDefault(u => u is not null),
        _ => null,
    };

    private void Write(Utf8JsonWriter writer)
    {
        switch (this)
        {
            case DocScalar scalar when scalar.IsNull:
                writer.WriteNullValue();
                break;
            case DocScalar scalar when scalar.IsBoolean:
                writer.WriteBooleanValue(string.Equals(scalar.Value, "true", StringComparison.OrdinalIgnoreCase));
                break;
            case DocScalar scalar:
                writer.WriteStringValue(scalar.Value);
                break;
            case DocSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    item.Write(writer);
                }

                writer.WriteEndArray();
                break;
            case DocMapping mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Entries)
                {
                    writer.WritePropertyName(key);
                    value.Write(writer);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException("An unknown value cannot be written as JSON.");
        }
    }
}

/// <summary>A scalar. Numbers and dates stay text (CloudFormation passes them on as strings); booleans and null are kept for JSON output.</summary>
internal sealed record DocScalar(string Value, int Line) : DocNode(Line)
{
    public bool IsBoolean { get; init; }

    public bool IsNull { get; init; }

    public override string ToString() => Value;
}

/// <summary>A list.</summary>
internal sealed record DocSequence(IReadOnlyList<DocNode> Items, int Line) : DocNode(Line);

/// <summary>A map, in document order; keys are unique (a duplicate key is a template error).</summary>
internal sealed record DocMapping(IReadOnlyList<KeyValuePair<string, DocNode>> Entries, int Line) : DocNode(Line)
{
    public DocNode? this[string key] => Entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.Ordinal)).Value;

    /// <summary>The single key of a one-entry map (how an intrinsic function is written), else <see langword="null"/>.</summary>
    public string? SingleKey => Entries.Count == 1 ? Entries[0].Key : null;
}

/// <summary>A value that cannot be known before deploy, and why (it names the template, the resource and the property).</summary>
internal sealed record DocUnknown(string Reason, int Line) : DocNode(Line)
{
    /// <summary>
    /// When the value is a string, what is known of it: its text with <c>*</c> for each unknown part (<c>*</c> alone
    /// when nothing is known, <c>arn:aws:s3:::*/orders/*</c> for <c>!Sub arn:aws:s3:::${DataBucket}/orders/*</c>);
    /// <see langword="null"/> when not even that it is a string is known (a list, a map, a condition's branch).
    /// </summary>
    public string? Pattern { get; init; }
}
