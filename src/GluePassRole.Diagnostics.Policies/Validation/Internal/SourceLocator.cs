using System.Text;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Policies.Validation.Internal;

/// <summary>Where an element of a JSON document is written: its JSON path as written and its 1-based line and column.</summary>
/// <param name="JsonPath">The path with names as the document spells them.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column, in UTF-16 code units (SARIF's default column kind).</param>
internal sealed record SourceLocation(string JsonPath, int Line, int Column);

/// <summary>
/// Maps the JSON paths <see cref="PolicyDocumentReader"/> uses in its messages (<c>$.Statement[1].Condition.StringEquals['iam:PassedToService']</c>)
/// to where the element is written: a property's name, an array item's value. Lookups ignore case, as condition
/// operators and keys do; the answer carries the path as written.
/// </summary>
internal sealed class SourceLocator
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _arrays = new(StringComparer.OrdinalIgnoreCase);

    private SourceLocator()
    {
    }

    /// <summary>Reads the layout of <paramref name="json"/>, or returns <see langword="null"/> when it is not JSON.</summary>
    public static SourceLocator? TryCreate(string json)
    {
        var text = json.StartsWith('\uFEFF') ? json[1..] : json;
        var utf8 = Encoding.UTF8.GetBytes(text);
        var lines = LineStarts(utf8);
        var locator = new SourceLocator();
        try
        {
            locator.Read(utf8, lines);
        }
        catch (JsonException)
        {
            return null;
        }

        return locator;
    }

    /// <summary>Whether the element at <paramref name="jsonPath"/> is an array.</summary>
    public bool IsArray(string jsonPath) => _arrays.Contains(jsonPath);

    /// <summary>The element at <paramref name="jsonPath"/>, or its nearest written ancestor; <see langword="null"/> when none is known.</summary>
    public SourceLocation? Find(string jsonPath)
    {
        for (var path = jsonPath; path.Length > 0; path = Parent(path))
        {
            if (_locations.TryGetValue(path, out var location))
            {
                return location;
            }
        }

        return null;
    }

    private void Read(byte[] utf8, List<int> lines)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        // Each open container: its path, whether it is an array, and the next item index.
        var stack = new Stack<(string Path, bool IsArray, int Next)>();
        string? pendingProperty = null;
        while (reader.Read())
        {
            var position = Position(utf8, lines, (int)reader.TokenStartIndex);
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                pendingProperty = JsonPath.Child(stack.Peek().Path, reader.GetString()!);
                _locations.TryAdd(pendingProperty, new SourceLocation(pendingProperty, position.Line, position.Column));
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                stack.Pop();
                continue;
            }

            // A value: a property's (located at its name), an array item (located here) or the root.
            string path;
            if (pendingProperty is not null)
            {
                path = pendingProperty;
                pendingProperty = null;
            }
            else if (stack.Count > 0)
            {
                var parent = stack.Pop();
                path = $"{parent.Path}[{parent.Next}]";
                stack.Push(parent with { Next = parent.Next + 1 });
                _locations.TryAdd(path, new SourceLocation(path, position.Line, position.Column));
            }
            else
            {
                path = "$";
                _locations.TryAdd(path, new SourceLocation(path, position.Line, position.Column));
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                var isArray = reader.TokenType == JsonTokenType.StartArray;
                if (isArray)
                {
                    _arrays.Add(path);
                }

                stack.Push((path, isArray, 0));
            }
        }
    }

    private static List<int> LineStarts(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static (int Line, int Column) Position(byte[] utf8, List<int> lines, int offset)
    {
        var line = lines.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var start = lines[line];
        return (line + 1, Encoding.UTF8.GetCharCount(utf8, start, offset - start) + 1);
    }

    /// <summary><c>$.a.b[2]</c> → <c>$.a.b</c> → <c>$.a</c> → <c>$</c> → empty.</summary>
    private static string Parent(string path)
    {
        if (path == "$")
        {
            return string.Empty;
        }

        if (path.EndsWith(']'))
        {
            // Either [index] or ['name']: the bracket that opens it.
            var open = path.EndsWith("']", StringComparison.Ordinal) ? path.LastIndexOf("['", StringComparison.Ordinal) : path.LastIndexOf('[');
            return open > 0 ? path[..open] : "$";
        }

        var dot = path.LastIndexOf('.');
        return dot > 0 ? path[..dot] : "$";
    }
}
