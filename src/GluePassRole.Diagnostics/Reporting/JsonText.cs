using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GluePassRole.Diagnostics.Reporting;

/// <summary>
/// The hand-written JSON documents (SARIF; the reports are written from DTOs): indented by two, <c>\n</c> line ends, ARNs, quotes and
/// '+' as written, ending with a line break.
/// </summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }

        // Decoded from the stream's own buffer: a report of hundreds of MB (an audit --pairs) is not copied once more.
        buffer.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
