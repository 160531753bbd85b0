using System.Globalization;
using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Conditions;

/// <summary>
/// The values the policies compare one circumstance key with (CIDRs, numbers, dates, strings), and from them one
/// candidate value inside every region those values cut the key's domain into.
/// </summary>
/// <remarks>
/// Candidates are chosen so that every class of values the conditions can tell apart has one: for IP ranges, each
/// range's first and last address and the addresses just outside them (ranges nest or are disjoint, so every region's
/// edge is one of these), plus one address of the other IP version; for numbers and dates, each value, the midpoints
/// between neighbours and one beyond each end; for strings and wildcard patterns, one string in every combination of them
/// that some string matches, and one that matches none (<see cref="TextRegions"/>; past its bound of states, each string
/// and instances of each pattern, which need not reach every combination: a value of a class no candidate reaches is
/// decided by no outcome, and so reported unknown, never guessed). A key whose conditions name no usable value (a
/// <c>Null</c> check, an invalid or unresolvable value) still gets one present value.
/// Several candidates may fall in one class; <see cref="Describe"/> names the class by all of its regions.
/// </remarks>
internal sealed class CircumstanceAnchors
{
    private const string AnyValue = "any-value";
    private static readonly string[] OtherValues = ["other-value", "~", "#", "0"];
    private readonly string _key;
    private readonly List<IpRange> _ranges = [];
    private readonly SortedSet<decimal> _numbers = [];
    private readonly SortedSet<long> _dates = [];
    private readonly List<string> _exact = [];
    private readonly List<string> _ignoringCase = [];
    private readonly List<string> _patterns = [];
    private readonly List<string> _arnPatterns = [];
    private bool _bool;

    public CircumstanceAnchors(string key) => _key = key;

    /// <summary>What a candidate stands for, so that the candidates of one class can be named together.</summary>
    public enum Kind
    {
        /// <summary><c>true</c> or <c>false</c>.</summary>
        Bool,

        /// <summary>An address; the description names the region of ranges it is in.</summary>
        Ip,

        /// <summary>A region of numbers (<see cref="Candidate.Position"/>: below the first, equal, between, ..., above the last).</summary>
        Number,

        /// <summary>A region of dates, as for numbers.</summary>
        Date,

        /// <summary>A string, an instance of a pattern, another string, or any present value.</summary>
        Text,
    }

    public void AddString(string text, bool ignoreCase)
    {
        (ignoreCase ? _ignoringCase : _exact).Add(text);
    }

    public void AddPattern(string text, bool arn) => (arn ? _arnPatterns : _patterns).Add(text);

    public void AddNumber(decimal number) => _numbers.Add(number);

    public void AddDate(long ticks) => _dates.Add(ticks);

    public void AddBool() => _bool = true;

    public void AddRange(IpRange range) => _ranges.Add(range);

    /// <summary>Candidate values with a short description each, in a stable order; absence is not among them.</summary>
    public IReadOnlyList<Candidate> Candidates()
    {
        var candidates = new List<Candidate>();
        if (_bool)
        {
            candidates.Add(new("true", $"{_key} = true", Kind.Bool));
            candidates.Add(new("false", $"{_key} = false", Kind.Bool));
        }

        candidates.AddRange(IpCandidates());
        candidates.AddRange(Ordered(
            Kind.Number,
            [.. _numbers],
            Midpoint,
            n => n == decimal.MinValue ? n : n - 1,
            n => n == decimal.MaxValue ? n : n + 1,
            FormatNumber,
            FormatNumber));
        candidates.AddRange(Ordered(
            Kind.Date,
            [.. _dates],
            (a, b) => a + ((b - a) / 2),
            t => Math.Max(DateTime.MinValue.Ticks, t - TimeSpan.TicksPerSecond),
            t => Math.Min(DateTime.MaxValue.Ticks, t + TimeSpan.TicksPerSecond),
            FormatDate,
            FormatDate));

        candidates.AddRange(TextCandidates());

        if (candidates.Count == 0)
        {
            // A Null check, or conditions whose values are all invalid or unresolvable: presence is what they can tell apart.
            candidates.Add(new(AnyValue, $"{_key} present (any value)", Kind.Text));
        }

        return candidates;
    }

    /// <summary>The description of a class made of <paramref name="members"/> (candidates of one signature, in order).</summary>
    public string Describe(IReadOnlyList<Candidate> members)
    {
        ArgumentOutOfRangeException.ThrowIfZero(members.Count);
        if (members.Count == 1)
        {
            return members[0].Kind == Kind.Ip ? $"{members[0].Description}, e.g. {members[0].Value}" : members[0].Description;
        }

        var parts = new List<string>();
        foreach (var group in members.GroupBy(m => m.Kind))
        {
            switch (group.Key)
            {
                case Kind.Number:
                    parts.AddRange(Intervals(group.Select(m => m.Position), [.. _numbers], FormatNumber));
                    break;
                case Kind.Date:
                    parts.AddRange(Intervals(group.Select(m => m.Position), [.. _dates], FormatDate));
                    break;
                default:
                    parts.AddRange(group.Select(m => m.Description));
                    break;
            }
        }

        var text = string.Join(" or ", parts.Distinct(StringComparer.Ordinal));
        var ip = members.FirstOrDefault(m => m.Kind == Kind.Ip);
        return ip.Value is null ? text : $"{text}, e.g. {ip.Value}";
    }

    private static string Shown(string value) => value.Length == 0 ? "\"\"" : value;

    /// <summary>
    /// One string in every region the strings and patterns cut the strings into (<see cref="TextRegions"/>): each string,
    /// each combination of patterns that some string matches together, case variants, and a string that matches none.
    /// </summary>
    private IEnumerable<Candidate> TextCandidates()
    {
        var exact = _exact.Distinct(StringComparer.Ordinal).ToList();
        var items = _ignoringCase.Distinct(StringComparer.Ordinal).Select(text => new TextRegions.Item(text, TextRegions.Match.IgnoreCase))
            .Concat(_patterns.Distinct(StringComparer.Ordinal).Select(text => new TextRegions.Item(text, TextRegions.Match.Pattern)))
            .Concat(_arnPatterns.Distinct(StringComparer.Ordinal).Select(text => new TextRegions.Item(text, TextRegions.Match.Arn)))
            .ToList();
        if (exact.Count == 0 && items.Count == 0)
        {
            yield break;
        }

        // Each exact string is a value of its own; the walk finds one value in every other region.
        foreach (var text in exact)
        {
            yield return new(text, $"{_key} = {text}", Kind.Text);
        }

        var named = string.Join(", ", exact.Concat(items.Select(i => i.Text)).Distinct(StringComparer.Ordinal));
        var regions = TextRegions.Find(items, exact.ToHashSet(StringComparer.Ordinal));
        if (regions is null)
        {
            // Too many states to walk: each string and two instances of each pattern (classes they miss are reported unknown).
            foreach (var text in _ignoringCase.Distinct(StringComparer.Ordinal))
            {
                yield return new(text, $"{_key} = {text} ignoring case", Kind.Text);
            }

            foreach (var pattern in _patterns.Concat(_arnPatterns).Distinct(StringComparer.Ordinal))
            {
                var empty = pattern.Replace("*", string.Empty, StringComparison.Ordinal).Replace('?', 'x');
                var filled = pattern.Replace('*', 'x').Replace('?', 'x');
                yield return new(empty, $"{_key} like {pattern} (e.g. {Shown(empty)})", Kind.Text);
                yield return new(filled, $"{_key} like {pattern} (e.g. {Shown(filled)})", Kind.Text);
            }

            var patterns = _patterns.Concat(_arnPatterns).Select(p => WildcardPattern.Create(p, ignoreCase: false)).ToList();
            var other = OtherValues.FirstOrDefault(value =>
                !exact.Concat(_ignoringCase).Any(text => string.Equals(text, value, StringComparison.OrdinalIgnoreCase)) && !patterns.Exists(p => p.IsMatch(value)));
            if (other is not null)
            {
                yield return new(other, $"{_key} is another value (none of {named}, e.g. {other})", Kind.Text);
            }

            yield break;
        }

        // The regions as found (shortest first), the one of no match last, shown by a readable value when one is in it.
        foreach (var (found, matches) in regions.OrderBy(r => r.Matches.Contains(true) ? 0 : 1))
        {
            var value = matches.Contains(true)
                ? found
                : OtherValues.FirstOrDefault(v => !exact.Contains(v) && !TextRegions.Matches(items, v).Contains(true)) ?? found;
            var matched = items.Where((item, i) => matches[i]).ToList();
            var description = matched.Count == 0
                ? $"{_key} is another value (none of {named}, e.g. {Shown(value)})"
                : $"{_key} {string.Join(" and ", matched.Select(item => item.How == TextRegions.Match.IgnoreCase ? $"= {item.Text} ignoring case" : $"like {item.Text}"))} (e.g. {Shown(value)})";
            yield return new(value, description, Kind.Text);
        }
    }

    private static decimal Midpoint(decimal a, decimal b) => (a / 2) + (b / 2);

    private static string FormatNumber(decimal number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC as AWS writes it (<c>2026-06-01T00:00:00Z</c>), with a fraction only when there is one.</summary>
    private static string FormatDate(long ticks) =>
        new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private IEnumerable<Candidate> IpCandidates()
    {
        var seen = new HashSet<(UInt128, bool)>();
        foreach (var range in _ranges)
        {
            var width = range.IsV6 ? UInt128.MaxValue : uint.MaxValue;
            var edges = new List<UInt128> { range.First, range.Last };
            if (range.First != UInt128.Zero)
            {
                edges.Add(range.First - 1);
            }

            // last + 1 falls off the address space at its end (and wraps around for IPv6): skip it there.
            if (range.Last != width)
            {
                edges.Add(range.Last + 1);
            }

            foreach (var bits in edges)
            {
                if (seen.Add((bits, range.IsV6)))
                {
                    yield return IpCandidate(bits, range.IsV6);
                }
            }
        }

        // An address of the other version matches no range of this one: IPv4 and IPv6 never match each other.
        foreach (var isV6 in new[] { false, true })
        {
            if (_ranges.Exists(r => r.IsV6 != isV6) && !_ranges.Exists(r => r.IsV6 == isV6))
            {
                // 192.0.2.1 (TEST-NET-1, RFC 5737) and 2001:db8::1 (documentation prefix, RFC 3849).
                yield return IpCandidate(isV6 ? ((UInt128)0x20010db8 << 96) | 1 : 0xC0000201, isV6);
            }
        }
    }

    private Candidate IpCandidate(UInt128 bits, bool isV6)
    {
        var address = IpRange.FormatAddress(bits, isV6);
        var inside = _ranges.Where(r => r.Contains(bits, isV6)).Select(r => r.ToString()).Distinct().ToList();
        var description = inside.Count > 0
            ? $"{_key} in {string.Join(" and ", inside)}" + NotIn(_ranges.Where(r => r.IsV6 == isV6 && !r.Contains(bits, isV6)))
            : $"{_key} outside {string.Join(", ", _ranges.Select(r => r.ToString()).Distinct())}";
        return new(address, description, Kind.Ip);
    }

    private static string NotIn(IEnumerable<IpRange> ranges)
    {
        var names = ranges.Select(r => r.ToString()).Distinct().ToList();
        return names.Count > 0 ? $" (not in {string.Join(", ", names)})" : string.Empty;
    }

    /// <summary>Below the first value, each value and the midpoints between neighbours, above the last; <see cref="Candidate.Position"/> numbers the regions.</summary>
    private IEnumerable<Candidate> Ordered<T>(
        Kind kind, List<T> values, Func<T, T, T> middle, Func<T, T> below, Func<T, T> above, Func<T, string> format, Func<T, string> display)
    {
        if (values.Count == 0)
        {
            yield break;
        }

        var position = 0;
        yield return new(format(below(values[0])), $"{_key} < {display(values[0])}", kind, position++);
        for (var i = 0; i < values.Count; i++)
        {
            yield return new(format(values[i]), $"{_key} = {display(values[i])}", kind, position++);
            if (i + 1 < values.Count)
            {
                yield return new(format(middle(values[i], values[i + 1])), $"{_key} between {display(values[i])} and {display(values[i + 1])}", kind, position++);
            }
        }

        yield return new(format(above(values[^1])), $"{_key} > {display(values[^1])}", kind, position);
    }

    /// <summary>
    /// Names the union of regions of an ordered kind: region 2k is the open interval between value k-1 and value k (below
    /// the first for k = 0, above the last for k = count), region 2k+1 is value k. Consecutive regions make one interval.
    /// </summary>
    private IEnumerable<string> Intervals<T>(IEnumerable<int> positions, List<T> values, Func<T, string> display)
    {
        var sorted = positions.Distinct().Order().ToList();
        var start = 0;
        while (start < sorted.Count)
        {
            var end = start;
            while (end + 1 < sorted.Count && sorted[end + 1] == sorted[end] + 1)
            {
                end++;
            }

            int first = sorted[start], last = sorted[end];
            string? lower = first == 0 ? null : first % 2 == 1 ? $">= {display(values[first / 2])}" : $"> {display(values[(first / 2) - 1])}";
            string? upper = last == 2 * values.Count ? null : last % 2 == 1 ? $"<= {display(values[last / 2])}" : $"< {display(values[last / 2])}";
            yield return (lower, upper) switch
            {
                _ when first == last && first % 2 == 1 => $"{_key} = {display(values[first / 2])}",
                _ when first == last && lower is not null && upper is not null => $"{_key} between {display(values[(first / 2) - 1])} and {display(values[first / 2])}",
                (null, null) => $"{_key} any value",
                (null, { } u) => $"{_key} {u}",
                ({ } l, null) => $"{_key} {l}",
                ({ } l, { } u) => $"{_key} {l} and {u}",
            };
            start = end + 1;
        }
    }

    /// <summary>One candidate value.</summary>
    /// <param name="Value">The value.</param>
    /// <param name="Description">The region or value it stands for.</param>
    /// <param name="Kind">What it stands for.</param>
    /// <param name="Position">For numbers and dates, the region's index.</param>
    public readonly record struct Candidate(string Value, string Description, Kind Kind, int Position = 0);
}
