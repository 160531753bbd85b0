using System.Collections.ObjectModel;

namespace GluePassRole.Diagnostics.Policies.Actions.Internal;

/// <summary>The whole Service Authorization Reference as loaded from the embedded resource.</summary>
internal sealed class ReferenceData
{
    private readonly Dictionary<string, ServiceData> _services;
    private readonly Dictionary<string, ServiceData>.AlternateLookup<ReadOnlySpan<char>> _serviceLookup;

    /// <param name="dataVersion">The version of the package the data came from.</param>
    /// <param name="dataUpdatedAt">When the package's data was last updated.</param>
    /// <param name="globalConditionKeys">The global condition keys.</param>
    /// <param name="allConditionKeys">Every condition key: global, service, resource type and action keys.</param>
    /// <param name="services">The services ordered by prefix.</param>
    public ReferenceData(
        string dataVersion, string dataUpdatedAt, IReadOnlyList<string> globalConditionKeys, IEnumerable<string> allConditionKeys, ServiceData[] services)
    {
        DataVersion = dataVersion;
        DataUpdatedAt = dataUpdatedAt;
        Services = services;
        _services = new Dictionary<string, ServiceData>(services.Length, StringComparer.OrdinalIgnoreCase);
        var allActions = new ActionInfo[services.Sum(s => s.Actions.Length)];
        var next = 0;
        foreach (var service in services)
        {
            _services[service.Prefix] = service;
            service.Actions.CopyTo(allActions, next);
            next += service.Actions.Length;
        }

        _serviceLookup = _services.GetAlternateLookup<ReadOnlySpan<char>>();
        GlobalConditionKeys = new ConditionKeySet(globalConditionKeys);
        AllConditionKeys = new ConditionKeySet(globalConditionKeys.Concat(allConditionKeys));
        AllActions = new ReadOnlyCollection<ActionInfo>(allActions);
    }

    public string DataVersion { get; }

    public string DataUpdatedAt { get; }

    /// <summary>The services ordered by prefix.</summary>
    public IReadOnlyList<ServiceData> Services { get; }

    /// <summary>Every action, ordered by service prefix, then name.</summary>
    public ReadOnlyCollection<ActionInfo> AllActions { get; }

    public ConditionKeySet GlobalConditionKeys { get; }

    /// <summary>The global keys and every key any service, resource type or action lists.</summary>
    public ConditionKeySet AllConditionKeys { get; }

    public bool TryGetService(ReadOnlySpan<char> prefix, out ServiceData service) => _serviceLookup.TryGetValue(prefix, out service!);
}
