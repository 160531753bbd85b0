namespace GluePassRole.Diagnostics.Investigation;

/// <summary>The ordered list of step types the investigator runs. One per service collection; edited by the builder.</summary>
internal sealed class InvestigationStepRegistry
{
    private readonly List<(string? Name, Type Type)> _steps = [];

    public IReadOnlyList<Type> StepTypes => [.. _steps.Select(s => s.Type)];

    public void Add(string? name, Type type)
    {
        if (!_steps.Any(s => s.Type == type))
        {
            _steps.Add((name, type));
        }
    }

    public bool Remove(string name) => _steps.RemoveAll(s => s.Name == name) > 0;

    public bool RemoveType(Type type) => _steps.RemoveAll(s => s.Type == type) > 0;

    public void Insert(string beforeName, string? name, Type type)
    {
        RemoveType(type);
        var index = _steps.FindIndex(s => s.Name == beforeName);
        _steps.Insert(index < 0 ? _steps.Count : index, (name, type));
    }

    public void InsertAfter(string afterName, string? name, Type type)
    {
        RemoveType(type);
        var index = _steps.FindIndex(s => s.Name == afterName);
        _steps.Insert(index < 0 ? _steps.Count : index + 1, (name, type));
    }

    public bool Replace(string name, Type type)
    {
        var index = _steps.FindIndex(s => s.Name == name);
        if (index < 0)
        {
            return false;
        }

        RemoveType(type);
        index = _steps.FindIndex(s => s.Name == name);
        _steps[index] = (name, type);
        return true;
    }
}
