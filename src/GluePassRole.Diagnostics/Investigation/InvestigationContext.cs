using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Investigation;

/// <summary>
/// What the investigation knows so far: the request, typed facts under <see cref="InvestigationFactKey{TValue}"/> keys
/// (see <see cref="InvestigationFacts"/>), and the findings of earlier steps. Immutable: a step returns a copy made with
/// <see cref="With{TValue}"/> and the investigator passes it on.
/// </summary>
public sealed class InvestigationContext
{
    private readonly ImmutableDictionary<string, object> _facts;

    /// <summary>Starts an investigation's context.</summary>
    /// <param name="request">The request being investigated.</param>
    public InvestigationContext(PassRoleInvestigationRequest request)
        : this(request, ImmutableDictionary.Create<string, object>(StringComparer.Ordinal), [])
    {
        ArgumentNullException.ThrowIfNull(request);
    }

    private InvestigationContext(PassRoleInvestigationRequest request, ImmutableDictionary<string, object> facts, IReadOnlyList<Finding> findings)
    {
        Request = request;
        _facts = facts;
        Findings = findings;
    }

    /// <summary>The request being investigated.</summary>
    public PassRoleInvestigationRequest Request { get; }

    /// <summary>The service principal the role is passed to.</summary>
    public string Service => Request.Service;

    /// <summary>Every finding reported by earlier steps, in step order.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The names of the facts known so far.</summary>
    public IEnumerable<string> FactNames => _facts.Keys;

    /// <summary>The role's ARN: as read from the account, else the reference when it is an ARN.</summary>
    public string? RoleArn => Get(InvestigationFacts.Role)?.Arn
        ?? (Get(InvestigationFacts.RoleReference) is { } reference && reference.StartsWith("arn:", StringComparison.Ordinal) ? reference : null);

    /// <summary>The action an error for another action than <c>iam:PassRole</c> denies, when that is what is investigated; otherwise <see langword="null"/>.</summary>
    internal InvestigatedAction? ActionInvestigated => Get(InvestigationFacts.Action);

    /// <summary>Reads a fact.</summary>
    /// <typeparam name="TValue">The fact's type.</typeparam>
    /// <param name="key">The fact's key.</param>
    /// <param name="value">The value, when known.</param>
    /// <returns><see langword="true"/> when the fact is known.</returns>
    public bool TryGet<TValue>(InvestigationFactKey<TValue> key, [NotNullWhen(true)] out TValue? value)
        where TValue : class
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_facts.TryGetValue(key.Name, out var stored) && stored is TValue typed)
        {
            value = typed;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Reads a fact, or <see langword="null"/> when it is not known.</summary>
    /// <typeparam name="TValue">The fact's type.</typeparam>
    /// <param name="key">The fact's key.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public TValue? Get<TValue>(InvestigationFactKey<TValue> key)
        where TValue : class => TryGet(key, out var value) ? value : null;

    /// <summary>Whether a fact is known.</summary>
    /// <param name="key">The fact's key.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public bool Has(InvestigationFactKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _facts.ContainsKey(key.Name);
    }

    /// <summary>A copy of this context with a fact set (added or replaced).</summary>
    /// <typeparam name="TValue">The fact's type.</typeparam>
    /// <param name="key">The fact's key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new context; this one is unchanged.</returns>
    public InvestigationContext With<TValue>(InvestigationFactKey<TValue> key, TValue value)
        where TValue : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return new InvestigationContext(Request, _facts.SetItem(key.Name, value), Findings);
    }

    /// <summary>Whether a finding with the code was reported by an earlier step.</summary>
    /// <param name="code">The finding code.</param>
    /// <returns><see langword="true"/> when reported.</returns>
    public bool HasFinding(string code) => Findings.Any(f => f.Code == code);

    /// <summary>The names of the facts that differ between this context and <paramref name="before"/> (added or replaced).</summary>
    internal IEnumerable<string> ChangedSince(InvestigationContext before) =>
        _facts.Where(pair => !before._facts.TryGetValue(pair.Key, out var old) || !ReferenceEquals(old, pair.Value)).Select(pair => pair.Key);

    internal InvestigationContext WithFindings(IEnumerable<Finding> findings) =>
        new(Request, _facts, [.. Findings, .. findings]);

    /// <summary>The PassRole request under the evaluation context, when principal and role are known.</summary>
    /// <summary>The request builder of this investigation: the caller's options pinned, the decoded error's keys, the time asked about.</summary>
    internal Requests.RequestBuilder Requests() => new(new Requests.RequestOptions
    {
        At = Request.At,
        Region = Request.Region,
        Pinned = Request.Context,
        FromError = Get(InvestigationFacts.Error)?.Decoded?.Context ?? Policies.RequestContext.Empty,
    });

    internal AuthorizationRequest? PassRoleRequest(Policies.RequestContext context) =>
        Get(InvestigationFacts.Principal) is { } principal && RoleArn is { } role
            ? new AuthorizationRequest { Principal = principal.Arn, Action = "iam:PassRole", Resource = role, Context = context }
            : null;
}
