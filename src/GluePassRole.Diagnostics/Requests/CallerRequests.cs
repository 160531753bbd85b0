using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Requests;

/// <summary>
/// The requests of one caller with the caller's part built once by <see cref="RequestBuilder"/> (its keys, the time, the
/// Region, the pinned keys): the audit asks hundreds of thousands of them. Each request equals the one the builder
/// builds for it: the passed role's part depends only on the role's account, a resource's only on the resource's account.
/// </summary>
internal sealed class CallerRequests
{
    private const string PassedToService = "iam:PassedToService";
    private const string ResourceAccount = "aws:ResourceAccount";

    private readonly RequestBuilder _builder;
    private readonly RequestCaller _caller;
    private readonly string _service;
    private readonly string _callerAccount;
    private readonly string _partition;
    private readonly Dictionary<string, RequestContext> _callContexts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationRequest> _passTemplates = new(StringComparer.Ordinal);
    private BuiltRequest? _passTemplate;
    private BuiltRequest? _call;

    internal CallerRequests(RequestBuilder builder, RequestCaller caller, string service)
    {
        _builder = builder;
        _caller = caller;
        _service = service;
        _callerAccount = caller.AccountId;
        _partition = caller.Arn.Split(':') is { Length: > 2 } parts ? parts[1] : "aws";
    }

    /// <summary>The caller.</summary>
    public RequestCaller Caller => _caller;

    /// <summary>The <c>iam:PassRole</c> request on a role of the caller's account (its keys and circumstances), built on first use.</summary>
    public BuiltRequest PassRoleTemplate => _passTemplate ??= _builder.PassRole(_caller, new RoleTarget($"arn:{_partition}:iam::{_callerAccount}:role/request-template") { Tags = [] }, _service);

    /// <summary>
    /// Whether <see cref="PassRoleTemplate"/>'s context and circumstances hold for passing <paramref name="role"/>, but
    /// for the role's tags (circumstances with the role's values).
    /// </summary>
    /// <param name="role">The role passed.</param>
    /// <returns><see langword="false"/> for a role of another account (its organization keys differ) or whose tags were not read.</returns>
    public bool SharesTemplate(RoleTarget role) => role.Tags is not null && string.Equals(ArnText.Account(role.Arn), _callerAccount, StringComparison.Ordinal);

    /// <summary>The request that passes <paramref name="role"/>, as <see cref="RequestBuilder.PassRole"/> builds it.</summary>
    /// <param name="role">The role passed.</param>
    /// <param name="service">The service the role is passed to; the one the requests were created for when omitted.</param>
    /// <returns>The request with its circumstances.</returns>
    public (AuthorizationRequest Request, CircumstanceOptions Circumstances) PassRole(RoleTarget role, string? service = null)
    {
        service ??= _service;
        if (!SharesTemplate(role))
        {
            var built = _builder.PassRole(_caller, role, service);
            return (built.Request, built.Circumstances);
        }

        // RequestBuilder.PassRole's role part depends on the role through its account and its tags. For a role of the
        // caller's account it is the template's, plus each tag as a circumstance whose value, when the request carries
        // it, is the role's (AWS documents that ResourceTag conditions on iam:PassRole do not give reliable results).
        var request = Template(service) with { Resource = role.Arn };
        if (role.Tags is not { Count: > 0 } tags)
        {
            return (request, PassRoleTemplate.Circumstances);
        }

        var known = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in tags)
        {
            foreach (var key in (string[])["aws:ResourceTag/" + tag.Key, "iam:ResourceTag/" + tag.Key])
            {
                if (!Fixed(key))
                {
                    known[key] = [tag.Value];
                }
            }
        }

        var template = PassRoleTemplate.Circumstances;
        var isCircumstance = template.IsCircumstance ?? CircumstanceKeys.IsCircumstance;
        return (request, template with { IsCircumstance = key => known.ContainsKey(key) || isCircumstance(key), KnownValues = known });
    }

    /// <summary>
    /// The <c>iam:PassRole</c> request to <paramref name="service"/> on a role of the caller's account: the template's,
    /// whose only key that names the service is <c>iam:PassedToService</c> (unless the caller or the error fixed it).
    /// </summary>
    private AuthorizationRequest Template(string service)
    {
        if (string.Equals(service, _service, StringComparison.Ordinal))
        {
            return PassRoleTemplate.Request;
        }

        if (!_passTemplates.TryGetValue(service, out var template))
        {
            template = PassRoleTemplate.Request;
            if (!Fixed(PassedToService))
            {
                template = template with { Context = template.Context.With(PassedToService, service) };
            }

            _passTemplates[service] = template;
        }

        return template;
    }

    /// <summary>A request of the caller on a resource of its account (its keys and circumstances), built on first use.</summary>
    public BuiltRequest CallTemplate => _call ??= _builder.Call(_caller, "glue:GetJob", $"arn:{_partition}:iam::{_callerAccount}:request-template");

    /// <summary>The request of the caller for <paramref name="action"/> on <paramref name="resource"/>, as <see cref="RequestBuilder.Call"/> builds it.</summary>
    /// <param name="action">The action.</param>
    /// <param name="resource">The resource ARN or <c>*</c>.</param>
    /// <returns>The request with its keys and circumstances (shared by every resource of the same account).</returns>
    public (AuthorizationRequest Request, BuiltRequest Built) Call(string action, string resource)
    {
        // RequestBuilder.Call depends on the resource only through aws:ResourceAccount, the account of the resource ARN
        // (none for "*" or an S3 ARN): one build per caller, that key set per resource account.
        var built = CallTemplate;
        var account = ArnText.Account(resource);
        if (string.Equals(account, _callerAccount, StringComparison.Ordinal) || Fixed(ResourceAccount))
        {
            return (built.For(action, resource), built);
        }

        if (!_callContexts.TryGetValue(account, out var context))
        {
            context = account.Length == 0 ? built.Request.Context.Without(ResourceAccount) : built.Request.Context.With(ResourceAccount, account);
            _callContexts[account] = context;
        }

        return (built.For(action, resource) with { Context = context }, built);
    }

    /// <summary>Whether the caller (<see cref="RequestOptions.Pinned"/>) or the error fixed the key, which then wins over the data.</summary>
    private bool Fixed(string key) => _builder.Options.Pinned.ContainsKey(key) || _builder.Options.FromError.ContainsKey(key);
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

