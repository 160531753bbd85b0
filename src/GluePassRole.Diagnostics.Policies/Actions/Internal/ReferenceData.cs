using System.Collections.ObjectModel;

namespace GluePassRole.Diagnostics.Policies.Actions.Internal;

/// <summary>The whole Service Authorization Reference as loaded from the embedded resource.</summary>
internal sealed class ReferenceData
{
    private readonly Dictionary<string, ServiceData> _services;
    private readonly Dictionary<string, ServiceData>.AlternateLookup<ReadOnlySpan<char>> _serviceLookup;

    public ReferenceData(string dataVersion, string dataUpdatedAt, IReadOnlyList<string> globalConditionKeys, ServiceData[] services)
    {
        DataVersion = dataVersion;
        DataUpdatedAt = dataUpdatedAt;
        Services = services;
        _services = new Dictionary<string, ServiceData>(services.Length, StringComparer.OrdinalIgnoreCase);
        var allKeys = new List<string>(globalConditionKeys);
        var allActions = new List<ActionInfo>();
        foreach (var service in services)
        {
            _services[service.Prefix] = service;
            allKeys.AddRange(service.ConditionKeys);
            foreach (var action in service.Actions)
            {
                allActions.Add(action);
                allKeys.AddRange(action.ConditionKeys);
                foreach (var resourceType in action.ResourceTypes)
                {
                    allKeys.AddRange(resourceType.ConditionKeys);
                }
            }
        }

        _serviceLookup = _services.GetAlternateLookup<ReadOnlySpan<char>>();
        GlobalConditionKeys = new ConditionKeySet(globalConditionKeys);
        AllConditionKeys = new ConditionKeySet(allKeys);
        AllActions = new ReadOnlyCollection<ActionInfo>(allActions.ToArray());
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
