using GluePassRole.Diagnostics.Policies.Conditions;

namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>One class of a circumstance key's values: every value in it satisfies the same conditions of the policies.</summary>
/// <param name="Key">The condition key, e.g. <c>aws:SourceIp</c>.</param>
/// <param name="Value">A value of the class, or <see langword="null"/> for the class where the request lacks the key.</param>
/// <param name="Description">What the class is, e.g. <c>aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0</c>.</param>
public sealed record CircumstanceClass(string Key, string? Value, string Description)
{
    /// <summary>Whether this is the class of requests that lack the key.</summary>
    public bool IsAbsent => Value is null;

    /// <inheritdoc />
    public override string ToString() => Description;
}

/// <summary>How <see cref="CompiledPolicySet.Circumstances"/> finds and bounds the circumstances of a request.</summary>
public sealed record CircumstanceOptions
{
    /// <summary>The default options: the keys of <see cref="CircumstanceKeys.All"/>, at most 256 combinations.</summary>
    public static CircumstanceOptions Default { get; } = new();

    /// <summary>Which keys are circumstances; <see cref="CircumstanceKeys.IsCircumstance"/> when <see langword="null"/>.</summary>
    public Func<string, bool>? IsCircumstance { get; init; }

    /// <summary>The most combinations of classes decided; those past it are reported as not decided (unknown).</summary>
    public int MaxCombinations { get; init; } = 256;

    /// <summary>
    /// Keys whose value, when present, can only be one of the given values (e.g. the passed role's own tag, which a
    /// request may or may not carry): their classes are those values and absence, not the values the policies name.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? KnownValues { get; init; }
}

/// <summary>
/// The circumstance keys one request's applicable conditions use, and each key's classes of values: the values the
/// policies can tell apart. A key the request already carries is not a circumstance: its value is known.
/// </summary>
public sealed class CircumstanceSpace
{
    private readonly KeySpace[] _keys;

    internal CircumstanceSpace(KeySpace[] keys, int bound)
    {
        _keys = keys;
        Bound = bound;
        long combinations = 1;
        foreach (var key in keys)
        {
            combinations = Math.Min(long.MaxValue / 1024, combinations * key.Classes.Length);
        }

        Combinations = combinations;
    }

    /// <summary>A space with no circumstance: the request's context decides alone.</summary>
    public static CircumstanceSpace None { get; } = new([], 1);

    /// <summary>The circumstance keys, in a stable order.</summary>
    public IReadOnlyList<string> Keys => [.. _keys.Select(k => k.Key)];

    /// <summary>Each key's classes, in the order of <see cref="Keys"/>; the absent class comes last.</summary>
    public IReadOnlyList<IReadOnlyList<CircumstanceClass>> Classes => [.. _keys.Select(k => (IReadOnlyList<CircumstanceClass>)k.Classes)];

    /// <summary>How many combinations of classes there are.</summary>
    public long Combinations { get; }

    /// <summary>The most combinations decided (<see cref="CircumstanceOptions.MaxCombinations"/>).</summary>
    public int Bound { get; }

    /// <summary>Whether every combination is decided (there are no more than <see cref="Bound"/>).</summary>
    public bool IsComplete => Combinations <= Bound;

    /// <summary>Whether the request has no circumstance.</summary>
    public bool IsEmpty => _keys.Length == 0;

    /// <summary>The combinations to decide, at most <see cref="Bound"/>, the first class of every key first.</summary>
    /// <returns>One class per key, in the order of <see cref="Keys"/>.</returns>
    public IEnumerable<IReadOnlyList<CircumstanceClass>> Assignments()
    {
        var indexes = new int[_keys.Length];
        for (var produced = 0; produced < Bound; produced++)
        {
            yield return [.. _keys.Select((k, i) => k.Classes[indexes[i]])];

            // Odometer: the last key turns fastest.
            var position = _keys.Length - 1;
            while (position >= 0 && ++indexes[position] == _keys[position].Classes.Length)
            {
                indexes[position] = 0;
                position--;
            }

            if (position < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>The context with each key of <paramref name="assignment"/> set to its class's value (or removed, for absence).</summary>
    /// <param name="context">The request's known context.</param>
    /// <param name="assignment">One class per circumstance key.</param>
    /// <returns>The concrete context of that combination.</returns>
    public static RequestContext Apply(RequestContext context, IEnumerable<CircumstanceClass> assignment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(assignment);
        foreach (var circumstance in assignment)
        {
            context = circumstance.Value is { } value ? context.With(circumstance.Key, value) : context.Without(circumstance.Key);
        }

        return context;
    }

    /// <summary>
    /// The class each key's value in <paramref name="concrete"/> belongs to (the absent class when the context lacks the
    /// key), or <see langword="null"/> when a value falls in a class no candidate reached.
    /// </summary>
    internal int[]? ClassesOf(RequestContext concrete)
    {
        var found = new int[_keys.Length];
        for (var i = 0; i < _keys.Length; i++)
        {
            var index = _keys[i].ClassOf(concrete);
            if (index < 0)
            {
                return null;
            }

            found[i] = index;
        }

        return found;
    }

    /// <summary>Builds the space of one request from the conditions of the statements that cover its action.</summary>
    internal static CircumstanceSpace Build(IEnumerable<CompiledCondition> conditions, RequestContext context, CircumstanceOptions options)
    {
        var isCircumstance = options.IsCircumstance ?? CircumstanceKeys.IsCircumstance;
        var byKey = conditions
            .Where(c => isCircumstance(c.Condition.Key) && !context.ContainsKey(c.Condition.Key))
            .GroupBy(c => c.Condition.Key, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => Order(g.Key))
            .ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => KeySpace.Create(CanonicalKey(g.Key), [.. g], context, options.KnownValues is { } known && known.TryGetValue(g.Key, out var values) ? values : null))
            .ToArray();
        return byKey.Length == 0 ? None : new CircumstanceSpace(byKey, Math.Max(1, options.MaxCombinations));
    }

    private static int Order(string key)
    {
        for (var i = 0; i < CircumstanceKeys.All.Count; i++)
        {
            if (string.Equals(CircumstanceKeys.All[i], key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static string CanonicalKey(string key) =>
        CircumstanceKeys.All.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) ?? key;

    /// <summary>One key: its conditions and its classes, each with the conditions' answers (its signature).</summary>
    internal sealed class KeySpace
    {
        private readonly CompiledCondition[] _conditions;
        private readonly RequestContext _context;

        private KeySpace(string key, CompiledCondition[] conditions, RequestContext context, CircumstanceClass[] classes, bool[][] signatures)
        {
            Key = key;
            _conditions = conditions;
            _context = context;
            Classes = classes;
            Signatures = signatures;
        }

        public string Key { get; }

        public CircumstanceClass[] Classes { get; }

        public bool[][] Signatures { get; }

        public static KeySpace Create(string key, CompiledCondition[] conditions, RequestContext context, IReadOnlyList<string>? knownValues)
        {
            var anchors = new CircumstanceAnchors(key);
            foreach (var condition in conditions)
            {
                condition.CollectAnchors(anchors, context);
            }

            // Candidates whose values satisfy the same conditions are one class, named by all of them. Absence is always a
            // class of its own, last, even when it satisfies the same conditions as some value: it is a different situation
            // (e.g. aws:MultiFactorAuthPresent is absent with long-term access keys), and the error may tell it apart.
            var members = new List<List<CircumstanceAnchors.Candidate>>();
            var signatures = new List<bool[]>();
            var space = new KeySpace(key, conditions, context, [], []);
            var candidates = knownValues is null
                ? anchors.Candidates()
                : [.. knownValues.Select(v => new CircumstanceAnchors.Candidate(v, $"{key} = {v}", CircumstanceAnchors.Kind.Text))];
            foreach (var candidate in candidates)
            {
                var signature = space.Signature(context.With(key, candidate.Value));
                var index = signatures.FindIndex(s => s.AsSpan().SequenceEqual(signature));
                if (index < 0)
                {
                    signatures.Add(signature);
                    members.Add([candidate]);
                }
                else
                {
                    members[index].Add(candidate);
                }
            }

            var classes = members.Select(m => new CircumstanceClass(key, m[0].Value, anchors.Describe(m))).ToList();
            classes.Add(new CircumstanceClass(key, null, $"{key} absent"));
            signatures.Add(space.Signature(context.Without(key)));
            return new KeySpace(key, conditions, context, [.. classes], [.. signatures]);
        }

        /// <summary>The index of the class of the key's value in <paramref name="concrete"/>, or -1 when no class has its signature.</summary>
        public int ClassOf(RequestContext concrete)
        {
            if (!concrete.TryGetValues(Key, out var values) || values.Length == 0)
            {
                return Classes.Length - 1;
            }

            var signature = Signature(concrete);
            return Array.FindIndex(Signatures, 0, Classes.Length - 1, s => s.AsSpan().SequenceEqual(signature));
        }

        /// <summary>Which of the key's conditions hold for the key's value in <paramref name="concrete"/> (other keys from the request).</summary>
        public bool[] Signature(RequestContext concrete)
        {
            var context = concrete.TryGetValue(Key, out var values) ? _context.With(Key, [.. values]) : _context.Without(Key);
            var signature = new bool[_conditions.Length];
            for (var i = 0; i < _conditions.Length; i++)
            {
                signature[i] = _conditions[i].IsSatisfied(context);
            }

            return signature;
        }
    }
}
