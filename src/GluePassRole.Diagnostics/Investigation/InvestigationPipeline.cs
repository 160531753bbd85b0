namespace GluePassRole.Diagnostics.Investigation;

/// <summary>
/// The order of the investigation's steps, as the builder states it. One per service collection. Frozen when the first
/// investigator is created: a provider already built cannot be reconfigured, so changes after that are refused.
/// </summary>
internal sealed class InvestigationPipeline
{
    private readonly List<Entry> _entries = [];
    private volatile bool _frozen;

    public IReadOnlyList<Entry> Entries => _entries;

    public void Freeze() => _frozen = true;

    public void Add(string? name, Type type)
    {
        EnsureMutable();
        if (IndexOf(type) < 0)
        {
            _entries.Add(new Entry(name, type));
        }
    }

    public void Insert(string anchorName, bool after, Type type)
    {
        EnsureMutable();
        RemoveType(type);
        var index = _entries.FindIndex(s => s.Name == anchorName);
        _entries.Insert(index < 0 ? _entries.Count : index + (after ? 1 : 0), new Entry(null, type));
    }

    /// <summary>Replaces the named step in place; returns the type it replaced, or <see langword="null"/> when no step has the name.</summary>
    public Type? Replace(string name, Type type)
    {
        EnsureMutable();
        var index = _entries.FindIndex(s => s.Name == name);
        if (index < 0)
        {
            return null;
        }

        var replaced = _entries[index].Type;
        _entries[index] = new Entry(name, type);
        _entries.RemoveAll(e => e.Type == type && e.Name != name);
        return replaced;
    }

    /// <summary>Removes the named step; returns its type, or <see langword="null"/>.</summary>
    public Type? Remove(string name)
    {
        EnsureMutable();
        var index = _entries.FindIndex(s => s.Name == name);
        if (index < 0)
        {
            return null;
        }

        var type = _entries[index].Type;
        _entries.RemoveAt(index);
        return type;
    }

    public bool RemoveType(Type type)
    {
        EnsureMutable();
        return _entries.RemoveAll(s => s.Type == type) > 0;
    }

    /// <summary>Orders resolved steps as stated; steps registered without the builder run last, in registration order.</summary>
    public IReadOnlyList<IInvestigationStep> Order(IEnumerable<IInvestigationStep> steps) =>
        [.. steps.Select((step, i) => (Step: step, Position: IndexOf(step.GetType()), Registration: i))
            .OrderBy(s => s.Position < 0 ? int.MaxValue : s.Position)
            .ThenBy(s => s.Registration)
            .Select(s => s.Step)];

    private int IndexOf(Type type) => _entries.FindIndex(e => e.Type == type);

    private void EnsureMutable()
    {
        if (_frozen)
        {
            throw new InvalidOperationException(
                "The investigation's steps cannot be changed after an investigator was created from the service provider. Configure the steps before building the provider.");
        }
    }

    public sealed record Entry(string? Name, Type Type);
}
