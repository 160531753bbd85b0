using System.Globalization;

namespace GluePassRole.Diagnostics.Policies.Conditions;

/// <summary>
/// The values the policies compare one circumstance key with (CIDRs, numbers, dates, strings), and from them one
/// candidate value inside every region those values cut the key's domain into.
/// </summary>
/// <remarks>
/// Candidates are chosen so that every class of values the conditions can tell apart has one: for IP ranges, each
/// range's first and last address and the addresses just outside them (ranges nest or are disjoint, so every region's
/// edge is one of these); for numbers and dates, each value, the midpoints between neighbours and one beyond each end;
/// for exact strings, each string and one that equals none; for wildcard patterns, instances of each pattern (which
/// need not reach every combination of overlapping patterns: a value of a class no candidate reaches is decided by
/// no outcome, and so reported unknown, never guessed).
/// </remarks>
internal sealed class CircumstanceAnchors
{
    private const string OtherValue = "other-value";
    private readonly string _key;
    private readonly List<IpRange> _ranges = [];
    private readonly SortedSet<decimal> _numbers = [];
    private readonly SortedSet<long> _dates = [];
    private readonly List<string> _strings = [];
    private readonly List<string> _patterns = [];
    private bool _bool;

    public CircumstanceAnchors(string key) => _key = key;

    public void AddString(string text) => _strings.Add(text);

    public void AddPattern(string text) => _patterns.Add(text);

    public void AddNumber(decimal number) => _numbers.Add(number);

    public void AddDate(long ticks) => _dates.Add(ticks);

    public void AddBool() => _bool = true;

    public void AddRange(IpRange range) => _ranges.Add(range);

    /// <summary>Candidate values with a short description each, in a stable order; absence is not among them.</summary>
    public IEnumerable<(string Value, string Description)> Candidates()
    {
        if (_bool)
        {
            yield return ("true", $"{_key} = true");
            yield return ("false", $"{_key} = false");
        }

        foreach (var candidate in IpCandidates())
        {
            yield return candidate;
        }

        foreach (var candidate in Ordered(_numbers, n => n, (a, b) => (a + b) / 2, n => n - 1, n => n + 1, n => n.ToString(CultureInfo.InvariantCulture), n => n.ToString(CultureInfo.InvariantCulture)))
        {
            yield return candidate;
        }

        foreach (var candidate in Ordered(
            _dates,
            t => t,
            (a, b) => a + ((b - a) / 2),
            t => Math.Max(DateTime.MinValue.Ticks, t - TimeSpan.TicksPerSecond),
            t => Math.Min(DateTime.MaxValue.Ticks, t + TimeSpan.TicksPerSecond),
            t => new DateTime(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            t => new DateTime(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))
        {
            yield return candidate;
        }

        foreach (var text in _strings.Distinct(StringComparer.Ordinal))
        {
            yield return (text, $"{_key} = {text}");
        }

        foreach (var pattern in _patterns.Distinct(StringComparer.Ordinal))
        {
            var empty = pattern.Replace("*", string.Empty, StringComparison.Ordinal).Replace('?', 'x');
            var filled = pattern.Replace('*', 'x').Replace('?', 'x');
            yield return (empty, $"{_key} like {pattern} (e.g. {Shown(empty)})");
            yield return (filled, $"{_key} like {pattern} (e.g. {Shown(filled)})");
        }

        if (_strings.Count > 0 || _patterns.Count > 0)
        {
            var named = _strings.Concat(_patterns).Distinct(StringComparer.Ordinal).ToList();
            yield return (OtherValue, $"{_key} is another value (none of {string.Join(", ", named)})");
        }
    }

    private static string Shown(string value) => value.Length == 0 ? "\"\"" : value;

    private IEnumerable<(string, string)> IpCandidates()
    {
        var seen = new HashSet<(UInt128, bool)>();
        foreach (var range in _ranges)
        {
            var width = range.IsV6 ? UInt128.MaxValue : uint.MaxValue;
            foreach (var bits in new[] { range.First, range.Last, range.First - 1, range.Last + 1 })
            {
                // first - 1 and last + 1 fall off the address space at its ends: skip the wrapped value.
                if ((bits == UInt128.MaxValue && range.First == UInt128.Zero) || bits > width || !seen.Add((bits, range.IsV6)))
                {
                    continue;
                }

                var address = IpRange.FormatAddress(bits, range.IsV6);
                var inside = _ranges.Where(r => r.Contains(bits, range.IsV6)).Select(r => r.ToString()).Distinct().ToList();
                var outside = _ranges.Where(r => r.IsV6 == range.IsV6 && !r.Contains(bits, range.IsV6)).Select(r => r.ToString()).Distinct().ToList();
                var description = inside.Count > 0
                    ? $"{_key} in {string.Join(" and ", inside)}" + (outside.Count > 0 ? $" (not in {string.Join(", ", outside)})" : string.Empty)
                    : $"{_key} outside {string.Join(", ", outside)}";
                yield return (address, $"{description}, e.g. {address}");
            }
        }
    }

    private IEnumerable<(string, string)> Ordered<T>(
        SortedSet<T> values, Func<T, T> same, Func<T, T, T> middle, Func<T, T> below, Func<T, T> above, Func<T, string> format, Func<T, string> display)
        where T : IComparable<T>
    {
        if (values.Count == 0)
        {
            yield break;
        }

        var list = values.ToList();
        yield return (format(below(list[0])), $"{_key} < {display(list[0])}");
        for (var i = 0; i < list.Count; i++)
        {
            yield return (format(same(list[i])), $"{_key} = {display(list[i])}");
            if (i + 1 < list.Count)
            {
                yield return (format(middle(list[i], list[i + 1])), $"{_key} between {display(list[i])} and {display(list[i + 1])}");
            }
        }

        yield return (format(above(list[^1])), $"{_key} > {display(list[^1])}");
    }
}
