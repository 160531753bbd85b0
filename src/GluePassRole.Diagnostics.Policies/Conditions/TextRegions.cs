using System.Numerics;

namespace GluePassRole.Diagnostics.Policies.Conditions;

/// <summary>
/// One value in every region of the Venn diagram that a key's wildcard patterns (and strings compared ignoring case) cut
/// the strings into: for each combination of "matches" and "does not match" that some string has, the shortest such string.
/// </summary>
/// <remarks>
/// Each pattern is a small automaton over the positions of its text (<c>*</c> any run, <c>?</c> one character, anything
/// else itself, ignoring case where the operator does); a breadth-first walk of all of them at once (their
/// subset-construction states, side by side, as bit sets) meets every reachable combination of accepting ones. The
/// alphabet is the characters of the texts (both cases where case is ignored) plus one character none of them has, which
/// stands for all the others: they behave alike in every automaton. Exact strings are no part of the regions (each is its
/// own candidate): the walk follows them in a trie only to skip them as representatives. In an ARN pattern a wildcard
/// before the fifth colon does not match a colon (<see cref="Matching.ArnPattern"/>: the components are matched
/// separately). The candidates found are then judged by the real matchers, so an approximation can only miss a class,
/// never misplace one.
/// </remarks>
internal static class TextRegions
{
    private const string FreshCharacters = "~#_!%0x";
    private const int MaxSteps = 200_000;

    /// <summary>How a text is matched.</summary>
    public enum Match
    {
        /// <summary>The string ignoring case (<c>StringEqualsIgnoreCase</c>).</summary>
        IgnoreCase,

        /// <summary>A wildcard pattern (<c>StringLike</c>).</summary>
        Pattern,

        /// <summary>An ARN pattern (<c>ArnLike</c>, <c>ArnEquals</c>): a wildcard in the first five components spans no colon.</summary>
        Arn,
    }

    /// <summary>A pattern, or a string compared ignoring case.</summary>
    /// <param name="Text">Its text.</param>
    /// <param name="How">How it is matched.</param>
    public readonly record struct Item(string Text, Match How);

    /// <summary>
    /// The regions reached, each with the shortest non-empty string in it that is none of <paramref name="excluded"/> (the
    /// empty string only for a region no other string reaches) and which items it matches; <see langword="null"/> when
    /// the walk passes its bound of states (<paramref name="maxStates"/>, fewer when there are many items).
    /// </summary>
    /// <param name="items">The patterns and strings.</param>
    /// <param name="excluded">Strings that are no representative (the exact strings, candidates of their own).</param>
    /// <param name="maxStates">The most states visited.</param>
    /// <returns>The regions, in the order found (shortest strings first).</returns>
    public static IReadOnlyList<(string Value, bool[] Matches)>? Find(IReadOnlyList<Item> items, IReadOnlySet<string> excluded, int maxStates = 4096)
    {
        var alphabet = Alphabet(items, excluded);
        maxStates = Math.Min(maxStates, MaxSteps / Math.Max(1, items.Count * alphabet.Count));
        var offsets = new int[items.Count + 1];
        for (var i = 0; i < items.Count; i++)
        {
            offsets[i + 1] = offsets[i] + ((items[i].Text.Length + 1 + 63) / 64);
        }

        // The last word is the node of the excluded strings' trie the text has reached (-1 once off it).
        var trie = new Trie(excluded);
        var start = new ulong[offsets[^1] + 1];
        for (var i = 0; i < items.Count; i++)
        {
            start[offsets[i]] = 1;
            Close(items[i], start.AsSpan(offsets[i], offsets[i + 1] - offsets[i]));
        }

        var visited = new HashSet<ulong[]>(WordsComparer.Instance) { start };
        var scratch = new ulong[start.Length];
        var queue = new Queue<(ulong[] State, string Text)>();
        queue.Enqueue((start, string.Empty));
        var found = new List<(string Value, bool[] Matches)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool[]? emptyMatches = null;
        while (queue.Count > 0)
        {
            var (state, text) = queue.Dequeue();
            var matches = new bool[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                matches[i] = IsSet(state.AsSpan(offsets[i]), items[i].Text.Length);
            }

            if (text.Length == 0)
            {
                emptyMatches = matches;
            }
            else if (!trie.IsTerminal((long)state[^1]) && seen.Add(Signature(matches)))
            {
                found.Add((text, matches));
            }

            foreach (var character in alphabet)
            {
                Array.Clear(scratch);
                scratch[^1] = (ulong)trie.Next((long)state[^1], character);
                for (var i = 0; i < items.Count; i++)
                {
                    var length = offsets[i + 1] - offsets[i];
                    Step(items[i], state.AsSpan(offsets[i], length), scratch.AsSpan(offsets[i], length), character);
                }

                if (!visited.Contains(scratch))
                {
                    var next = (ulong[])scratch.Clone();
                    visited.Add(next);
                    if (visited.Count > maxStates)
                    {
                        return null;
                    }

                    queue.Enqueue((next, text + character));
                }
            }
        }

        if (emptyMatches is not null && !excluded.Contains(string.Empty) && seen.Add(Signature(emptyMatches)))
        {
            found.Add((string.Empty, emptyMatches));
        }

        return found;
    }

    /// <summary>The excluded strings as a trie: node 0 is the root, -1 is off every string.</summary>
    private sealed class Trie
    {
        private readonly List<Dictionary<char, int>> _children = [[]];
        private readonly List<bool> _terminal = [false];

        public Trie(IEnumerable<string> strings)
        {
            foreach (var text in strings)
            {
                var node = 0;
                foreach (var c in text)
                {
                    if (!_children[node].TryGetValue(c, out var child))
                    {
                        child = _children.Count;
                        _children.Add([]);
                        _terminal.Add(false);
                        _children[node][c] = child;
                    }

                    node = child;
                }

                _terminal[node] = true;
            }
        }

        public bool IsTerminal(long node) => node >= 0 && _terminal[(int)node];

        public long Next(long node, char c) => node >= 0 && _children[(int)node].TryGetValue(c, out var child) ? child : -1;
    }

    /// <summary>Which items <paramref name="value"/> matches, by the same automatons as the walk.</summary>
    /// <param name="items">The patterns and strings.</param>
    /// <param name="value">A string.</param>
    /// <returns>One flag per item.</returns>
    public static bool[] Matches(IReadOnlyList<Item> items, string value)
    {
        var matches = new bool[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var words = (items[i].Text.Length + 1 + 63) / 64;
            var state = new ulong[words];
            state[0] = 1;
            Close(items[i], state);
            foreach (var character in value)
            {
                var next = new ulong[words];
                Step(items[i], state, next, character);
                state = next;
            }

            matches[i] = IsSet(state, items[i].Text.Length);
        }

        return matches;
    }

    private static string Signature(bool[] matches) => string.Concat(matches.Select(m => m ? '1' : '0'));

    private static bool IsSet(ReadOnlySpan<ulong> words, int bit) => (words[bit >> 6] & (1UL << (bit & 63))) != 0;

    private static void Set(Span<ulong> words, int bit) => words[bit >> 6] |= 1UL << (bit & 63);

    private static List<char> Alphabet(IReadOnlyList<Item> items, IReadOnlySet<string> excluded)
    {
        var characters = new SortedSet<char>();
        foreach (var item in items)
        {
            foreach (var c in item.Text)
            {
                if (item.How is Match.Pattern or Match.Arn && c is '*' or '?')
                {
                    continue;
                }

                characters.Add(c);
                if (item.How == Match.IgnoreCase)
                {
                    characters.Add(char.ToUpperInvariant(c));
                    characters.Add(char.ToLowerInvariant(c));
                }
            }
        }

        // The fresh character first (it makes the plainest strings), lowercase before uppercase (examples read like the
        // text); a second fresh character lets the walk step around an excluded string made of the first.
        var fresh = FreshCharacters.Where(c => !characters.Contains(c) && !characters.Contains(char.ToUpperInvariant(c))).Take(excluded.Count > 0 ? 2 : 1);
        return [.. fresh, .. characters.OrderBy(char.IsUpper).ThenBy(c => c)];
    }

    /// <summary>Adds the positions reached without reading: a <c>*</c> may match nothing.</summary>
    private static void Close(Item item, Span<ulong> positions)
    {
        if (item.How == Match.IgnoreCase)
        {
            return;
        }

        for (var p = 0; p < item.Text.Length; p++)
        {
            if (item.Text[p] == '*' && IsSet(positions, p))
            {
                Set(positions, p + 1);
            }
        }
    }

    private static void Step(Item item, ReadOnlySpan<ulong> from, Span<ulong> to, char character)
    {
        var text = item.Text;
        var wildcards = item.How is Match.Pattern or Match.Arn;
        for (var w = 0; w < from.Length; w++)
        {
            var word = from[w];
            while (word != 0)
            {
                var p = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (p >= text.Length)
                {
                    continue;
                }

                var expected = text[p];
                var wildcard = wildcards && expected is '*' or '?';
                if (wildcard && character == ':' && item.How == Match.Arn && text != "*" && ColonsBefore(text, p) < 5)
                {
                    continue; // an ARN component's wildcard stays within it
                }

                if (wildcard && expected == '*')
                {
                    Set(to, p);
                }
                else if (wildcard
                    || expected == character
                    || (item.How == Match.IgnoreCase && char.ToUpperInvariant(expected) == char.ToUpperInvariant(character)))
                {
                    Set(to, p + 1);
                }
            }
        }

        Close(item, to);
    }

    private static int ColonsBefore(string text, int position)
    {
        var count = 0;
        for (var i = 0; i < position && count < 5; i++)
        {
            count += text[i] == ':' ? 1 : 0;
        }

        return count;
    }

    private sealed class WordsComparer : IEqualityComparer<ulong[]>
    {
        public static readonly WordsComparer Instance = new();

        public bool Equals(ulong[]? x, ulong[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(ulong[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
