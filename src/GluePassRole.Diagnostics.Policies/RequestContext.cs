using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace GluePassRole.Diagnostics.Policies;

/// <summary>
/// The condition keys of one request and their values, e.g. <c>iam:PassedToService = glue.amazonaws.com</c>,
/// <c>aws:MultiFactorAuthPresent = true</c>. Immutable; keys are case-insensitive, values case-sensitive.
/// </summary>
/// <remarks>
/// The evaluator uses exactly what is given here: it derives nothing from the principal. A key may carry several
/// values (a multivalued key such as <c>aws:TagKeys</c>); single-valued keys carry one.
/// </remarks>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "\"Request context\" is the AWS term.")]
public sealed class RequestContext : IReadOnlyDictionary<string, IReadOnlyList<string>>
{
    private readonly Dictionary<string, string[]> _values;

    private RequestContext(Dictionary<string, string[]> values) => _values = values;

    /// <summary>A context with no keys.</summary>
    public static RequestContext Empty { get; } = new(new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Creates a context from key/value pairs; a key given twice keeps its last values.</summary>
    /// <param name="entries">The keys and their values.</param>
    /// <returns>The context.</returns>
    public static RequestContext Create(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, list) in entries)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key, nameof(entries));
            ArgumentNullException.ThrowIfNull(list, nameof(entries));
            values[key] = [.. list];
        }

        return new RequestContext(values);
    }

    /// <summary>Returns a copy with <paramref name="key"/> set to <paramref name="values"/> (replacing any earlier values).</summary>
    /// <param name="key">The condition key, e.g. <c>aws:MultiFactorAuthPresent</c>.</param>
    /// <param name="values">One value, or several for a multivalued key.</param>
    /// <returns>The new context.</returns>
    public RequestContext With(string key, params string[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(values);
        var copy = new Dictionary<string, string[]>(_values, StringComparer.OrdinalIgnoreCase) { [key] = [.. values] };
        return new RequestContext(copy);
    }

    /// <summary>Returns a copy without <paramref name="key"/>.</summary>
    /// <param name="key">The condition key to remove.</param>
    /// <returns>The new context.</returns>
    public RequestContext Without(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_values.ContainsKey(key))
        {
            return this;
        }

        var copy = new Dictionary<string, string[]>(_values, StringComparer.OrdinalIgnoreCase);
        copy.Remove(key);
        return new RequestContext(copy);
    }

    /// <summary>Looks up a key without allocating; the array is shared and must not be changed.</summary>
    internal bool TryGetValues(string key, [MaybeNullWhen(false)] out string[] values) => _values.TryGetValue(key, out values);

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<IReadOnlyList<string>> Values => _values.Values;

    /// <inheritdoc />
    public IReadOnlyList<string> this[string key] => _values[key];

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IReadOnlyList<string> value)
    {
        var found = _values.TryGetValue(key, out var array);
        value = array;
        return found;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator() =>
        _values.Select(pair => new KeyValuePair<string, IReadOnlyList<string>>(pair.Key, pair.Value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() =>
        _values.Count == 0 ? "(no context keys)" : string.Join(", ", _values.Select(p => $"{p.Key}={string.Join("|", p.Value)}"));
}
