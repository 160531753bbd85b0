namespace GluePassRole.Diagnostics.Policies.Actions.Internal;

/// <summary>One service of the Service Authorization Reference: its actions, by name and in name order.</summary>
internal sealed class ServiceData
{
    private readonly Dictionary<string, ActionInfo> _actions;
    private readonly Dictionary<string, ActionInfo>.AlternateLookup<ReadOnlySpan<char>> _actionLookup;

    public ServiceData(string prefix, string name, IReadOnlyList<string> conditionKeys, ActionInfo[] actions)
    {
        Prefix = prefix;
        Name = name;
        ConditionKeys = conditionKeys;
        Actions = actions;
        _actions = new Dictionary<string, ActionInfo>(actions.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var action in actions)
        {
            _actions[action.Name] = action;
        }

        _actionLookup = _actions.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The service prefix, e.g. <c>glue</c>.</summary>
    public string Prefix { get; }

    /// <summary>The service's name, e.g. <c>AWS Glue</c>.</summary>
    public string Name { get; }

    /// <summary>The service's condition keys (its "Condition keys" table).</summary>
    public IReadOnlyList<string> ConditionKeys { get; }

    /// <summary>The service's actions, ordered by name.</summary>
    public ActionInfo[] Actions { get; }

    public bool TryGetAction(ReadOnlySpan<char> name, out ActionInfo info) => _actionLookup.TryGetValue(name, out info!);
}
