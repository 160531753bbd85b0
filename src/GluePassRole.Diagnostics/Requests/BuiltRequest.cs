using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Requests;

/// <summary>A request as AWS would build it, every key with its source, and the keys whose values are circumstances.</summary>
public sealed class BuiltRequest
{
    private readonly HashSet<string> _unknown;
    private readonly string[] _unknownPrefixes;

    internal BuiltRequest(
        AuthorizationRequest request, IReadOnlyList<RequestKey> keys, IEnumerable<string> unknown, IEnumerable<string> unknownPrefixes, IReadOnlyDictionary<string, IReadOnlyList<string>>? knownValues = null)
    {
        Request = request;
        Keys = keys;
        _unknown = new HashSet<string>(unknown, StringComparer.OrdinalIgnoreCase);
        _unknownPrefixes = [.. unknownPrefixes];
        Circumstances = new CircumstanceOptions { IsCircumstance = IsCircumstance, KnownValues = knownValues is { Count: > 0 } ? knownValues : null };
    }

    /// <summary>The request with every known key in its context.</summary>
    public AuthorizationRequest Request { get; }

    /// <summary>Every key: the known ones with their values and sources, the circumstances with what they depend on.</summary>
    public IReadOnlyList<RequestKey> Keys { get; }

    /// <summary>The options that make the circumstances of this request (and the keys the data did not give) circumstances.</summary>
    public CircumstanceOptions Circumstances { get; }

    /// <summary>The same request on another action and resource (the known keys stay; resource keys are the caller's to keep right).</summary>
    /// <param name="action">The action.</param>
    /// <param name="resource">The resource ARN.</param>
    /// <returns>The request.</returns>
    public AuthorizationRequest For(string action, string resource) => Request with { Action = action, Resource = resource, ResourceAccount = null };

    /// <summary>Whether <paramref name="key"/> is a circumstance of this request: a catalogued one, or a key whose value the data did not give.</summary>
    /// <param name="key">A condition key.</param>
    /// <returns><see langword="true"/> when its value is decided per class.</returns>
    public bool IsCircumstance(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (CircumstanceKeys.IsCircumstance(key) || _unknown.Contains(key))
        {
            return true;
        }

        foreach (var prefix in _unknownPrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decides the request on <paramref name="policies"/> for each class of its circumstances.</summary>
    /// <param name="policies">The compiled policies.</param>
    /// <param name="request">The request to decide, <see cref="Request"/> when omitted (e.g. a what-if of it).</param>
    /// <returns>The decision per class.</returns>
    public ConditionalDecision Decide(CompiledPolicySet policies, AuthorizationRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        request ??= Request;
        return policies.DecideUnder(request, policies.Circumstances(request, Circumstances));
    }

    /// <summary>The request context with its sources, as text lines (<c>--verbose</c>).</summary>
    /// <returns>One line per key.</returns>
    public IEnumerable<string> Describe() => Keys.Select(k => k.ToString());

    /// <summary>The keys pinned in a context, for a what-if that must keep this request's circumstances (e.g. verifying a fix).</summary>
    /// <param name="context">A context derived from this request.</param>
    /// <returns>The request with that context.</returns>
    public AuthorizationRequest WithContext(RequestContext context) => Request with { Context = context };
}
