namespace GluePassRole.Diagnostics.Policies.Actions.Internal;

/// <summary>
/// One service of the Service Authorization Reference. Its prefix and name are read with the rest of the header; its
/// actions are parsed from their own block on first use, once, thread-safely, so a lookup in one service never pays for
/// the other 450.
/// </summary>
internal sealed class ServiceData
{
    private readonly Lazy<ServiceBody> _body;

    public ServiceData(string prefix, string name, int blockOffset, Func<ServiceBody> parseBody)
    {
        Prefix = prefix;
        Name = name;
        BlockOffset = blockOffset;
        _body = new Lazy<ServiceBody>(parseBody, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The service prefix, e.g. <c>glue</c>.</summary>
    public string Prefix { get; }

    /// <summary>The service's name, e.g. <c>AWS Glue</c>.</summary>
    public string Name { get; }

    /// <summary>Where the service's block starts in the decompressed data.</summary>
    public int BlockOffset { get; }

    /// <summary>The service's condition keys (its "Condition keys" table).</summary>
    public IReadOnlyList<string> ConditionKeys => _body.Value.ConditionKeys;

    /// <summary>The service's actions, ordered by name.</summary>
    public ActionInfo[] Actions => _body.Value.Actions;

    public bool TryGetAction(ReadOnlySpan<char> name, out ActionInfo info) => _body.Value.TryGetAction(name, out info);
}

/// <summary>The parsed block of one service: its condition keys and actions.</summary>
internal sealed class ServiceBody
{
    private readonly Dictionary<string, ActionInfo>.AlternateLookup<ReadOnlySpan<char>> _actionLookup;

    public ServiceBody(IReadOnlyList<string> conditionKeys, ActionInfo[] actions)
    {
        ConditionKeys = conditionKeys;
        Actions = actions;
        var byName = new Dictionary<string, ActionInfo>(actions.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var action in actions)
        {
            byName[action.Name] = action;
        }

        _actionLookup = byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<string> ConditionKeys { get; }

    public ActionInfo[] Actions { get; }

    public bool TryGetAction(ReadOnlySpan<char> name, out ActionInfo info) => _actionLookup.TryGetValue(name, out info!);
}
