using System.Collections.ObjectModel;

namespace GluePassRole.Diagnostics.Policies.Actions.Internal;

/// <summary>The whole Service Authorization Reference as loaded from the embedded resource.</summary>
internal sealed class ReferenceData
{
    private readonly Dictionary<string, ServiceData> _services;
    private readonly Dictionary<string, ServiceData>.AlternateLookup<ReadOnlySpan<char>> _serviceLookup;
    private readonly Lazy<ReadOnlyCollection<ActionInfo>> _allActions;

    /// <param name="dataVersion">The version of the package the data came from.</param>
    /// <param name="dataUpdatedAt">When the package's data was last updated.</param>
    /// <param name="globalConditionKeys">The global condition keys.</param>
    /// <param name="allConditionKeys">Every condition key: global, service, resource type and action keys.</param>
    /// <param name="services">The services ordered by prefix.</param>
    public ReferenceData(
        string dataVersion, string dataUpdatedAt, IReadOnlyList<string> globalConditionKeys, IReadOnlyList<string> allConditionKeys, ServiceData[] services)
    {
        DataVersion = dataVersion;
        DataUpdatedAt = dataUpdatedAt;
        Services = services;
        _services = new Dictionary<string, ServiceData>(services.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var service in services)
        {
            _services[service.Prefix] = service;
        }

        _serviceLookup = _services.GetAlternateLookup<ReadOnlySpan<char>>();
        ServicePrefixes = new ReadOnlyCollection<string>(Array.ConvertAll(services, s => s.Prefix));
        GlobalConditionKeys = new ConditionKeySet(globalConditionKeys);
        AllConditionKeys = new ConditionKeySet(allConditionKeys);
        _allActions = new Lazy<ReadOnlyCollection<ActionInfo>>(
            () => new ReadOnlyCollection<ActionInfo>(services.SelectMany(s => s.Actions).ToArray()),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string DataVersion { get; }

    public string DataUpdatedAt { get; }

    /// <summary>The services ordered by prefix.</summary>
    public IReadOnlyList<ServiceData> Services { get; }

    /// <summary>The service prefixes ordered as <see cref="Services"/>.</summary>
    public ReadOnlyCollection<string> ServicePrefixes { get; }

    /// <summary>Every action, ordered by service prefix, then name (parses every service on first use).</summary>
    public ReadOnlyCollection<ActionInfo> AllActions => _allActions.Value;

    public ConditionKeySet GlobalConditionKeys { get; }

    /// <summary>The global keys and every key any service, resource type or action lists.</summary>
    public ConditionKeySet AllConditionKeys { get; }

    public bool TryGetService(ReadOnlySpan<char> prefix, out ServiceData service) => _serviceLookup.TryGetValue(prefix, out service!);
}
