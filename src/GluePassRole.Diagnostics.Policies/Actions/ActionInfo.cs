using GluePassRole.Diagnostics.Policies.Actions.Internal;

namespace GluePassRole.Diagnostics.Policies.Actions;

/// <summary>
/// What AWS's Service Authorization Reference says about one IAM action: its access level, the resource types it can
/// be authorized on and the condition keys it supports. Look one up with <see cref="ServiceAuthorizationReference.TryGetAction"/>.
/// </summary>
/// <param name="Service">The service prefix, e.g. <c>glue</c>.</param>
/// <param name="Name">The action name without the prefix, e.g. <c>CreateJob</c>.</param>
/// <param name="AccessLevel">The action's access level.</param>
public sealed record ActionInfo(string Service, string Name, ActionAccessLevel AccessLevel)
{
    // Derived eagerly from Service and Name whenever either is set (also by `with`), so it never goes stale and
    // record equality, which compares it too, still means "same Service and Name". Property initializers bypass the
    // init accessors, so the constructor's arguments are checked here.
    private readonly string _fullName = Compose(Service, Name);

    /// <summary>The service prefix, e.g. <c>glue</c>.</summary>
    public string Service
    {
        get;
        init
        {
            field = value;
            _fullName = Compose(value, Name);
        }
    } = Service;

    /// <summary>The action name without the prefix, e.g. <c>CreateJob</c>.</summary>
    public string Name
    {
        get;
        init
        {
            field = value;
            _fullName = Compose(Service, value);
        }
    } = Name;

    /// <summary>The action as written in a policy, e.g. <c>glue:CreateJob</c>.</summary>
    public string FullName => _fullName;

    /// <summary>
    /// The resource types the action can be authorized on; empty when the reference lists none, in which case the action
    /// is authorized on <c>"*"</c> only (see <see cref="AuthorizedOnWildcardOnly"/>).
    /// </summary>
    public IReadOnlyList<ActionResourceType> ResourceTypes { get; init; } = [];

    /// <summary>
    /// Whether the action supports no resource-level permissions: the reference lists no resource type for it, so a
    /// policy must name <c>"Resource": "*"</c> to grant it, and a statement that names only ARNs grants nothing
    /// (for example <c>glue:CreateDevEndpoint</c>).
    /// </summary>
    public bool AuthorizedOnWildcardOnly => ResourceTypes.Count == 0;

    /// <summary>
    /// The action-level condition keys (the "Condition keys" column of the action's row without a resource type),
    /// e.g. <c>iam:PassedToService</c> for <c>iam:PassRole</c>. Templated keys keep their placeholder, e.g.
    /// <c>aws:RequestTag/${TagKey}</c>.
    /// </summary>
    public IReadOnlyList<string> ConditionKeys { get; init; } = [];

    /// <summary>
    /// Whether a condition on <paramref name="key"/> can apply to this action: it is one of the action's keys, a key of
    /// one of its resource types, or a global condition key (<see cref="ServiceAuthorizationReference.IsGlobalConditionKey"/>).
    /// Case-insensitive; a templated key such as <c>aws:RequestTag/${TagKey}</c> matches <c>aws:RequestTag/Owner</c>.
    /// </summary>
    /// <param name="key">A condition key as written in a policy, e.g. <c>iam:PassedToService</c>.</param>
    /// <exception cref="ServiceAuthorizationReferenceException">The embedded reference data cannot be read.</exception>
    public bool SupportsConditionKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (ConditionKeyTemplate.MatchesAny(ConditionKeys, key))
        {
            return true;
        }

        foreach (var resourceType in ResourceTypes)
        {
            if (ConditionKeyTemplate.MatchesAny(resourceType.ConditionKeys, key))
            {
                return true;
            }
        }

        return ServiceAuthorizationReference.IsGlobalConditionKey(key);
    }

    /// <inheritdoc />
    public override string ToString() => _fullName;

    private static string Compose(string service, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return string.Concat(service, ":", name);
    }
}
