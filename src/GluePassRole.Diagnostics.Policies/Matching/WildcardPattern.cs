using System.Buffers;
using System.Text;

namespace GluePassRole.Diagnostics.Policies.Matching;

/// <summary>
/// A compiled IAM wildcard pattern: <c>*</c> matches any run of characters (including none), <c>?</c> exactly one
/// character. Matching is ordinal, or ordinal ignoring case (each character upper-cased with the invariant culture).
/// </summary>
/// <remarks>
/// <para>
/// The pattern is compiled once into the literal segments between its <c>*</c> wildcards. The first segment is
/// anchored at the start of the value, the last at the end, and each middle segment is found at its leftmost position
/// after the previous one (greedy leftmost is exact for <c>*</c>-separated segments: an earlier match never leaves
/// less room for the rest). There is no regular expression, no backtracking and no recursion.
/// </para>
/// <para>
/// Middle segments are found with a bit-parallel (shift-and) scan in which <c>?</c> positions accept every character.
/// Each character of the value is scanned by at most one middle segment, because each search resumes where the previous
/// match ended. With <c>n</c> the value length, <c>m</c> the pattern length and <c>L</c> the longest middle segment,
/// the work is at most <c>n * ceil(L / 64) + 2m + 1</c> steps, i.e. linear in the value (<c>n + 2m + 1</c> whenever no
/// middle segment is longer than 64 characters). <see cref="IsMatch(ReadOnlySpan{char}, ref long)"/> counts those steps.
/// </para>
/// <para>
/// <see cref="IsMatch(ReadOnlySpan{char})"/> allocates nothing (middle segments over 4,096 characters borrow their scan
/// state from <see cref="ArrayPool{T}.Shared"/>). Fast paths: <c>*</c> alone, no wildcard (plain equality), a literal
/// prefix (<c>abc*</c>) and a literal suffix (<c>*abc</c>).
/// </para>
/// </remarks>
internal sealed class WildcardPattern
{
    private const int StackWords = 64;

    private readonly string _pattern;
    private readonly bool _ignoreCase;
    private readonly Shape _shape;
    private readonly Segment _first;
    private readonly Segment _last;
    private readonly Segment[] _middle;
    private readonly int _minLength;
    private readonly int _maxWords;

    private WildcardPattern(string pattern, bool ignoreCase, bool escaped)
    {
        _pattern = pattern;
        _ignoreCase = ignoreCase;

        var parts = Parse(pattern, escaped, ignoreCase);
        // Only middle segments are searched for; the first and last are compared in place and need no scan masks.
        var segments = parts
            .Select((p, i) => new Segment(p.Chars.ToString(), p.Any, withMasks: i > 0 && i < parts.Count - 1))
            .ToArray();
        _minLength = segments.Sum(s => s.Length);
        _first = segments[0];
        _last = segments[^1];
        _middle = segments.Length > 2 ? segments[1..^1].Where(s => s.Length > 0).ToArray() : [];
        _maxWords = _middle.Length == 0 ? 0 : _middle.Max(s => s.Words);
        EndsWithStar = segments.Length > 1 && _last.Length == 0;

        if (segments.Length == 1)
        {
            _shape = _first.HasAny ? Shape.FixedLength : Shape.Exact;
        }
        else if (_minLength == 0)
        {
            _shape = Shape.All;
        }
        else if (segments.Length == 2 && _last.Length == 0 && !_first.HasAny)
        {
            _shape = Shape.Prefix;
        }
        else if (segments.Length == 2 && _first.Length == 0 && !_last.HasAny)
        {
            _shape = Shape.Suffix;
        }
        else
        {
            _shape = Shape.General;
        }
    }

    private enum Shape
    {
        All,
        Exact,
        FixedLength,
        Prefix,
        Suffix,
        General,
    }

    /// <summary>The pattern text exactly as given to <see cref="Create"/> or <see cref="CreateEscaped"/>.</summary>
    public string Pattern => _pattern;

    /// <summary>Whether the pattern matches every value (it consists of <c>*</c> wildcards only).</summary>
    internal bool IsMatchAll => _shape == Shape.All;

    /// <summary>Whether the pattern ends with a <c>*</c> wildcard (an escaped <c>\*</c> does not count).</summary>
    internal bool EndsWithStar { get; }

    /// <summary>Compiles <paramref name="pattern"/>, in which every <c>*</c> and <c>?</c> is a wildcard.</summary>
    public static WildcardPattern Create(string pattern, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new WildcardPattern(pattern, ignoreCase, escaped: false);
    }

    /// <summary>
    /// Compiles a pattern in which a backslash makes the next character literal (<c>\*</c>, <c>\?</c>, <c>\\</c>), as
    /// produced by <see cref="PolicyVariables.TryResolvePattern(string, RequestContext, out string)"/>. A trailing lone backslash is a literal backslash.
    /// </summary>
    public static WildcardPattern CreateEscaped(string escapedPattern, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(escapedPattern);
        return new WildcardPattern(escapedPattern, ignoreCase, escaped: true);
    }

    /// <summary>Whether <paramref name="value"/> matches the whole pattern.</summary>
    public bool IsMatch(ReadOnlySpan<char> value)
    {
        long steps = 0;
        return IsMatch(value, ref steps);
    }

    /// <summary>
    /// Whether <paramref name="value"/> matches; adds the work done to <paramref name="steps"/> (one step per character
    /// comparison, and per 64-bit word updated while scanning for a middle segment). See the type remarks for the bound.
    /// </summary>
    internal bool IsMatch(ReadOnlySpan<char> value, ref long steps)
    {
        switch (_shape)
        {
            case Shape.All:
                steps++;
                return true;
            case Shape.Exact when !_ignoreCase:
                steps += Math.Min(value.Length, _first.Length) + 1;
                return value.SequenceEqual(_first.Chars);
            case Shape.Exact:
            case Shape.FixedLength:
                steps += Math.Min(value.Length, _first.Length) + 1;
                return value.Length == _first.Length && MatchAt(_first, value, 0);
            case Shape.Prefix:
                steps += _first.Length + 1;
                return value.Length >= _first.Length && MatchAt(_first, value, 0);
            case Shape.Suffix:
                steps += _last.Length + 1;
                return value.Length >= _last.Length && MatchAt(_last, value, value.Length - _last.Length);
            default:
                return MatchGeneral(value, ref steps);
        }
    }

    /// <inheritdoc />
    public override string ToString() => _pattern;

    private bool MatchGeneral(ReadOnlySpan<char> value, ref long steps)
    {
        steps++;
        if (value.Length < _minLength)
        {
            return false;
        }

        steps += _first.Length + _last.Length;
        if (!MatchAt(_first, value, 0) || !MatchAt(_last, value, value.Length - _last.Length))
        {
            return false;
        }

        if (_middle.Length == 0)
        {
            return true;
        }

        // Middle segments must lie between the anchored first and last segments.
        var window = value[..(value.Length - _last.Length)];
        var position = _first.Length;
        ulong[]? rented = null;
        Span<ulong> state = stackalloc ulong[StackWords];
        if (_maxWords > StackWords)
        {
            rented = ArrayPool<ulong>.Shared.Rent(_maxWords);
            state = rented;
        }

        try
        {
            foreach (var segment in _middle)
            {
                steps++;
                var end = segment.Words == 1
                    ? FindSingleWord(segment, window, position, ref steps)
                    : FindMultiWord(segment, window, position, state, ref steps);
                if (end < 0)
                {
                    return false;
                }

                position = end;
            }

            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether <paramref name="segment"/> matches <paramref name="value"/> at <paramref name="offset"/>.</summary>
    private bool MatchAt(Segment segment, ReadOnlySpan<char> value, int offset)
    {
        var chars = segment.Chars;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!segment.IsAnyAt(i) && chars[i] != Fold(value[offset + i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Shift-and scan for a segment of at most 64 characters; returns the end of the leftmost match or -1.</summary>
    private int FindSingleWord(Segment segment, ReadOnlySpan<char> window, int start, ref long steps)
    {
        var masks = segment.Masks;
        var hit = 1UL << (segment.Length - 1);
        var d = 0UL;
        var last = window.Length - 1;
        for (var t = start; t <= last; t++)
        {
            d = ((d << 1) | 1UL) & masks[segment.MaskIndex(Fold(window[t]))];
            if ((d & hit) != 0)
            {
                steps += t - start + 1;
                return t + 1;
            }
        }

        steps += window.Length - start;
        return -1;
    }

    /// <summary>Shift-and scan over several 64-bit words; returns the end of the leftmost match or -1.</summary>
    private int FindMultiWord(Segment segment, ReadOnlySpan<char> window, int start, Span<ulong> state, ref long steps)
    {
        var words = segment.Words;
        var d = state[..words];
        d.Clear();
        var masks = segment.Masks;
        var hit = 1UL << ((segment.Length - 1) & 63);
        for (var t = start; t < window.Length; t++)
        {
            var row = segment.MaskIndex(Fold(window[t])) * words;
            var carry = 1UL;
            for (var w = 0; w < words; w++)
            {
                var s = d[w];
                d[w] = ((s << 1) | carry) & masks[row + w];
                carry = s >> 63;
            }

            steps += words;
            if ((d[words - 1] & hit) != 0)
            {
                return t + 1;
            }
        }

        return -1;
    }

    private char Fold(char c) => _ignoreCase ? char.ToUpperInvariant(c) : c;

    private static List<(StringBuilder Chars, List<int> Any)> Parse(string pattern, bool escaped, bool ignoreCase)
    {
        var parts = new List<(StringBuilder Chars, List<int> Any)> { (new StringBuilder(), []) };
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var current = parts[^1];
            if (escaped && c == '\\' && i + 1 < pattern.Length)
            {
                i++;
                current.Chars.Append(ignoreCase ? char.ToUpperInvariant(pattern[i]) : pattern[i]);
            }
            else if (c == '*')
            {
                parts.Add((new StringBuilder(), []));
            }
            else if (c == '?')
            {
                current.Any.Add(current.Chars.Length);
                current.Chars.Append('?');
            }
            else
            {
                current.Chars.Append(ignoreCase ? char.ToUpperInvariant(c) : c);
            }
        }

        return parts;
    }

    /// <summary>A literal run between <c>*</c> wildcards, where some positions may be <c>?</c>.</summary>
    private sealed class Segment
    {
        private readonly ulong[] _any;
        private readonly int[] _ascii;
        private readonly Dictionary<char, int> _other = [];

        public Segment(string chars, List<int> anyPositions, bool withMasks)
        {
            Chars = chars;
            Words = Math.Max(1, (chars.Length + 63) / 64);
            _any = new ulong[Words];
            foreach (var p in anyPositions)
            {
                _any[p >> 6] |= 1UL << (p & 63);
            }

            HasAny = anyPositions.Count > 0;
            if (!withMasks || chars.Length == 0)
            {
                _ascii = [];
                Masks = [];
                return;
            }

            _ascii = new int[128];

            // Row 0: characters absent from the segment match only the '?' positions.
            var rows = new List<ulong[]> { (ulong[])_any.Clone() };
            for (var i = 0; i < chars.Length; i++)
            {
                if (IsAnyAt(i))
                {
                    continue;
                }

                var c = chars[i];
                var index = MaskIndex(c);
                if (index == 0)
                {
                    index = rows.Count;
                    rows.Add((ulong[])_any.Clone());
                    if (c < 128)
                    {
                        _ascii[c] = index;
                    }
                    else
                    {
                        _other[c] = index;
                    }
                }

                rows[index][i >> 6] |= 1UL << (i & 63);
            }

            Masks = rows.SelectMany(r => r).ToArray();
        }

        public string Chars { get; }

        public int Length => Chars.Length;

        public int Words { get; }

        public bool HasAny { get; }

        /// <summary>Row-major shift-and masks, <see cref="Words"/> per row; row 0 is for characters not in the segment.</summary>
        public ulong[] Masks { get; }

        public bool IsAnyAt(int i) => (_any[i >> 6] & (1UL << (i & 63))) != 0;

        public int MaskIndex(char folded) =>
            folded < 128 ? _ascii[folded] : _other.TryGetValue(folded, out var index) ? index : 0;
    }
}
