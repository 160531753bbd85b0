using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Requests;

/// <summary>
/// The requests of one caller with the caller's part built once by <see cref="RequestBuilder"/> (its keys, the time, the
/// Region, the pinned keys): the audit asks hundreds of thousands of them. Each request equals the one the builder
/// builds for it: the passed role's part depends only on the role's account, a resource's only on the resource's account.
/// </summary>
internal sealed class CallerRequests
{
    private readonly RequestBuilder _builder;
    private readonly RequestCaller _caller;
    private readonly string _service;
    private readonly string _callerAccount;
    private readonly Dictionary<string, BuiltRequest> _calls = new(StringComparer.Ordinal);

    internal CallerRequests(RequestBuilder builder, RequestCaller caller, string service)
    {
        _builder = builder;
        _caller = caller;
        _service = service;
        _callerAccount = caller.AccountId;
        var partition = caller.Arn.Split(':') is { Length: > 2 } parts ? parts[1] : "aws";

        // A role of the caller's own account with no tags: the request of every such role but for its ARN and tags.
        PassRoleTemplate = builder.PassRole(caller, new RoleTarget($"arn:{partition}:iam::{caller.AccountId}:role/request-template") { Tags = [] }, service);
    }

    /// <summary>The caller.</summary>
    public RequestCaller Caller => _caller;

    /// <summary>The <c>iam:PassRole</c> request on an untagged role of the caller's account (its keys and circumstances).</summary>
    public BuiltRequest PassRoleTemplate { get; }

    /// <summary>Whether <see cref="PassRoleTemplate"/>'s context and circumstances hold for passing <paramref name="role"/>.</summary>
    /// <param name="role">The role passed.</param>
    /// <returns><see langword="false"/> for a role of another account (its organization keys differ).</returns>
    public bool SharesTemplate(RoleTarget role) => role.Tags is { Count: 0 } && string.Equals(ArnText.Account(role.Arn), _callerAccount, StringComparison.Ordinal);

    /// <summary>The request that passes <paramref name="role"/>, as <see cref="RequestBuilder.PassRole"/> builds it.</summary>
    /// <param name="role">The role passed.</param>
    /// <returns>The request with its circumstances.</returns>
    public (AuthorizationRequest Request, CircumstanceOptions Circumstances) PassRole(RoleTarget role)
    {
        if (!SharesTemplate(role))
        {
            var built = _builder.PassRole(_caller, role, _service);
            return (built.Request, built.Circumstances);
        }

        // Untagged roles of the caller's account: RequestBuilder.PassRole's role part depends on the role only through its account (tagged roles are
        // built whole: each tag is a circumstance with the role's value).
        return (PassRoleTemplate.Request with { Resource = role.Arn }, PassRoleTemplate.Circumstances);
    }

    /// <summary>The request of the caller for <paramref name="action"/> on <paramref name="resource"/>, as <see cref="RequestBuilder.Call"/> builds it.</summary>
    /// <param name="action">The action.</param>
    /// <param name="resource">The resource ARN or <c>*</c>.</param>
    /// <returns>The request with its keys and circumstances (shared by every resource of the same account).</returns>
    public (AuthorizationRequest Request, BuiltRequest Built) Call(string action, string resource)
    {
        // RequestBuilder.Call depends on the resource only through its account (aws:ResourceAccount).
        var account = ArnText.Account(resource);
        if (!_calls.TryGetValue(account, out var built))
        {
            built = _builder.Call(_caller, action, resource);
            _calls[account] = built;
        }

        return (built.For(action, resource), built);
    }

}

/// <summary>Creates <see cref="CallerRequests"/>.</summary>
internal static class CallerRequestsExtensions
{
    /// <summary>The requests of <paramref name="caller"/>, its part built once; passes go to <paramref name="service"/>.</summary>
    /// <param name="builder">The run's builder.</param>
    /// <param name="caller">The caller.</param>
    /// <param name="service">The service roles are passed to.</param>
    /// <returns>The caller's requests.</returns>
    public static CallerRequests ForCaller(this RequestBuilder builder, RequestCaller caller, string service) => new(builder, caller, service);
}

