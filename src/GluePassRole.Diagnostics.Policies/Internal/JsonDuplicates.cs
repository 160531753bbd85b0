using System.Text;
using System.Text.Json;

namespace GluePassRole.Diagnostics.Policies.Internal;

/// <summary>A property given twice in one object: its JSON path, name and the 0-based line and column of the second one.</summary>
/// <param name="Path">The JSON path of the property, e.g. <c>$.Statement[0].Effect</c>.</param>
/// <param name="Name">The property's name.</param>
/// <param name="Line">The 0-based line of the repeated name.</param>
/// <param name="Column">The 0-based column of the repeated name, in characters.</param>
internal sealed record DuplicateProperty(string Path, string Name, int Line, int Column);

/// <summary>
/// Finds where a property is given twice. System.Text.Json refuses duplicates (<c>AllowDuplicateProperties = false</c>)
/// after parsing, so its exception carries neither path nor position; this rereads the text to say where.
/// </summary>
internal static class JsonDuplicates
{
    /// <summary>The first repeated property in <paramref name="utf8"/>, or <see langword="null"/> when none is (or the text is not JSON).</summary>
    public static DuplicateProperty? Find(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        // Each open container: its path, and for an object the names seen, for an array the next index.
        var stack = new Stack<(string Path, HashSet<string>? Names, int Next)>();
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var (path, names, _) = stack.Peek();
                        var name = reader.GetString()!;
                        pending = JsonPath.Child(path, name);
                        if (!names!.Add(name))
                        {
                            var (line, column) = Position(utf8, (int)reader.TokenStartIndex);
                            return new DuplicateProperty(pending, name, line, column);
                        }

                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.Pop();
                        continue;
                }

                // A value: a property's, an array item or the root.
                string valuePath;
                if (pending is not null)
                {
                    (valuePath, pending) = (pending, null);
                }
                else if (stack.Count > 0)
                {
                    var parent = stack.Pop();
                    valuePath = $"{parent.Path}[{parent.Next}]";
                    stack.Push(parent with { Next = parent.Next + 1 });
                }
                else
                {
                    valuePath = "$";
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    stack.Push((valuePath, new HashSet<string>(StringComparer.Ordinal), 0));
                }
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    stack.Push((valuePath, null, 0));
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static (int Line, int Column) Position(ReadOnlySpan<byte> utf8, int offset)
    {
        var before = utf8[..offset];
        var line = before.Count((byte)'\n');
        var start = before.LastIndexOf((byte)'\n') + 1;
        return (line, Encoding.UTF8.GetCharCount(before[start..]));
    }
}
