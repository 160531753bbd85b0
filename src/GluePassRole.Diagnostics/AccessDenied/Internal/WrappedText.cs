using System.Buffers;
using System.Text;

namespace GluePassRole.Diagnostics.AccessDenied.Internal;

/// <summary>
/// Undoes the layout of pasted text: a common line prefix (indentation, Markdown <c>&gt; </c> quote marks) and hard wraps at
/// a fixed column, as <c>fold -w N</c> or a terminal copy makes them (<c>iam:Pas</c> / <c>sRole</c>).
/// </summary>
/// <remarks>
/// A hard wrap never drops a character, so a line break with whitespace on either side was a space, and a line break between
/// two non-space characters was either a space the layout replaced by the break (console output, the Glue console block) or
/// nothing (a mid-word wrap). Only the second kind is ambiguous. Wrapped lines all have the wrap width, the longest line's
/// width, so an ambiguous break after a line of exactly that width is a join candidate; the parser tries both readings
/// and keeps the better one. Two or more full-width lines make the wrap likely (<see cref="WrapIsLikely"/>).
/// </remarks>
internal sealed class WrappedText
{
    private const int TabStop = 8;

    private readonly string _text;
    private readonly string _prefix;
    private readonly int _width;

    private WrappedText(string text, string prefix, int width, bool hasJoinCandidates, bool wrapIsLikely)
    {
        _text = text;
        _prefix = prefix;
        _width = width;
        HasJoinCandidates = hasJoinCandidates;
        WrapIsLikely = wrapIsLikely;
    }

    /// <summary>Whether some line break may be a mid-word wrap, so <see cref="Normalize(bool)"/> gives two readings.</summary>
    public bool HasJoinCandidates { get; }

    /// <summary>Whether at least two lines have the wrap width and continue on the next line.</summary>
    public bool WrapIsLikely { get; }

    public static WrappedText Analyse(string text)
    {
        // Pass 1: the prefix every non-blank line shares (made of spaces, tabs, '>' and Terraform's '│').
        string? prefix = null;
        foreach (var line in new LineEnumerator(text))
        {
            var lead = 0;
            while (lead < line.Length && IsPrefixChar(line[lead]))
            {
                lead++;
            }

            ScanWork.Add(lead + 1);
            if (lead == line.Length)
            {
                continue;
            }

            if (prefix is null)
            {
                prefix = line[..lead].ToString();
            }
            else
            {
                var common = line[..Math.Min(lead, prefix.Length)].CommonPrefixLength(prefix);
                ScanWork.Add(common + 1);
                if (common < prefix.Length)
                {
                    prefix = prefix[..common];
                }
            }
        }

        prefix ??= string.Empty;

        // Pass 2: the widest line, and whether full-width lines are followed by ambiguous breaks.
        var width = 0;
        foreach (var line in new LineEnumerator(text))
        {
            width = Math.Max(width, DisplayWidth(Strip(line, prefix)));
        }

        var fullWidthBreaks = 0;
        var joinCandidates = false;
        ReadOnlySpan<char> previous = default;
        var hasPrevious = false;
        foreach (var raw in new LineEnumerator(text))
        {
            var line = Strip(raw, prefix);
            if (hasPrevious && !IsBlank(line) && width > 0 && DisplayWidth(previous) == width)
            {
                fullWidthBreaks++;
                joinCandidates |= !char.IsWhiteSpace(previous[^1]) && !char.IsWhiteSpace(line[0]);
            }

            previous = line;
            hasPrevious = !IsBlank(line);
        }

        return new WrappedText(text, prefix, width, joinCandidates, fullWidthBreaks >= 2);
    }

    /// <summary>
    /// The text without its common prefix and, when <paramref name="joinWraps"/>, with ambiguous breaks after full-width
    /// lines removed; then whitespace collapsed as <see cref="Collapse"/> does.
    /// </summary>
    public string Normalize(bool joinWraps)
    {
        var joined = new StringBuilder(_text.Length);
        ReadOnlySpan<char> previous = default;
        var first = true;
        foreach (var raw in new LineEnumerator(_text))
        {
            var line = Strip(raw, _prefix);
            if (!first)
            {
                var join = joinWraps && !previous.IsEmpty && !line.IsEmpty && DisplayWidth(previous) == _width
                    && !char.IsWhiteSpace(previous[^1]) && !char.IsWhiteSpace(line[0]);
                if (!join)
                {
                    joined.Append('\n');
                }
            }

            joined.Append(line);
            previous = line;
            first = false;
        }

        return Collapse(joined.ToString());
    }

    /// <summary>
    /// Collapses whitespace, control characters, Terraform's frame bars and the JSON escapes <c>\n \r \t</c> to single spaces;
    /// unescapes <c>\"</c>.
    /// </summary>
    public static string Collapse(string text)
    {
        ScanWork.Add(text.Length);
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            var length = 0;
            var pendingSpace = false;
            var i = 0;
            while (i < text.Length)
            {
                // Ordinary printable ASCII is copied as is; only whitespace, controls, '\\' and non-ASCII need a look.
                var c = text[i];
                if (c is > ' ' and < '\u007f' and not '\\')
                {
                    if (pendingSpace)
                    {
                        buffer[length++] = ' ';
                        pendingSpace = false;
                    }

                    buffer[length++] = c;
                    i++;
                    continue;
                }

                var space = c != '\\' && (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u2502' or '\u2575' or '\u2577');
                if (c == '\\' && i + 1 < text.Length)
                {
                    var next = text[i + 1];
                    if (next is 'n' or 'r' or 't')
                    {
                        space = true;
                        i++;
                    }
                    else if (next == '"')
                    {
                        c = '"';
                        i++;
                    }
                }

                i++;
                if (space)
                {
                    pendingSpace = length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    buffer[length++] = ' ';
                    pendingSpace = false;
                }

                buffer[length++] = c;
            }

            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static bool IsPrefixChar(char c) => c is ' ' or '\t' or '>' or '\u2502';

    private static bool IsBlank(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
        {
            if (!IsPrefixChar(c) && !char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> Strip(ReadOnlySpan<char> line, string prefix) =>
        line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : line.TrimStart(" \t>\u2502");

    // Columns as fold counts them: a tab moves to the next multiple of 8.
    private static int DisplayWidth(ReadOnlySpan<char> line)
    {
        ScanWork.Add(line.Length);
        var column = 0;
        foreach (var c in line)
        {
            column = c == '\t' ? ((column / TabStop) + 1) * TabStop : column + 1;
        }

        return column;
    }

    /// <summary>Lines split at <c>\n</c>, each without its <c>\r</c>.</summary>
    private ref struct LineEnumerator(string text)
    {
        private readonly string _text = text;
        private int _next;
        private ReadOnlySpan<char> _current;

        public readonly LineEnumerator GetEnumerator() => this;

        public readonly ReadOnlySpan<char> Current => _current;

        public bool MoveNext()
        {
            if (_next > _text.Length)
            {
                return false;
            }

            var rest = _text.AsSpan(_next);
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            ScanWork.Add(line.Length + 1);
            _next += end < 0 ? rest.Length + 1 : end + 1;
            _current = line.EndsWith('\r') ? line[..^1] : line;
            return true;
        }
    }
}
