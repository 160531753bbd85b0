using GluePassRole.Diagnostics.Policies.Evaluation.Internal;

namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>
/// A <see cref="PolicySet"/> compiled once — patterns, principals and conditions parsed — to evaluate many requests.
/// Thread-safe: it holds no per-request state.
/// </summary>
/// <remarks>
/// Follows the AWS "policy evaluation logic" (reference_policies_evaluation-logic.html): an explicit deny in any policy
/// wins (RCPs only for the services they apply to, and only by denying: RCPFullAWSAccess is always attached); then every
/// SCP level must allow; then the resource-based
/// policy, identity-based policies, permissions boundary and session policy combine as AWS documents for same-account
/// and cross-account requests. <see cref="Decide"/> is the allocation-free hot path; <see cref="Evaluate(AuthorizationRequest)"/> explains.
/// </remarks>
public sealed class CompiledPolicySet
{
    private readonly CompiledPolicy[] _identity;
    private readonly CompiledPolicy? _boundary;
    private readonly CompiledPolicy? _session;
    private readonly CompiledPolicy? _resource;
    private readonly CompiledPolicy[][] _scpLevels;
    private readonly CompiledPolicy[][] _rcpLevels;
    private const int MaxCachedPlans = 4096;

    private readonly List<CompiledPolicy> _policies = [];
    // Copy-on-write: readers never lock; a new action (rare) publishes a new dictionary.
    private volatile Dictionary<string, CompiledStatement[][]> _plans = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _rcpServices;

    internal CompiledPolicySet(PolicySet policies, PolicyEvaluatorOptions options)
    {
        Policies = policies;
        _rcpServices = new HashSet<string>(options.ResourceControlPolicyServices, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _identity = policies.IdentityPolicies.Select(p => Add(p, PolicyType.IdentityBased, null)).ToArray();
        _boundary = policies.PermissionsBoundary is { } boundary ? Add(boundary, PolicyType.PermissionsBoundary, null) : null;
        _session = policies.SessionPolicy is { } session ? Add(session, PolicyType.SessionPolicy, null) : null;
        // A resource-based statement without Principal is refused, not read as Principal "*" (reference_policies_elements_principal.html).
        _resource = policies.ResourcePolicy is { } resource ? Add(RequirePrincipal(resource), PolicyType.ResourceBased, null) : null;
        _scpLevels = CompileLevels(policies.ServiceControlPolicies, PolicyType.ServiceControlPolicy);
        _rcpLevels = CompileLevels(policies.ResourceControlPolicies, PolicyType.ResourceControlPolicy);
    }

    // A what-if set: the basis's compiled policies are shared (their plan indexes stay valid), only the added identity
    // policy or the replacing boundary is compiled. A replaced boundary stays in _policies, unreferenced.
    private CompiledPolicySet(CompiledPolicySet basis, SourcedPolicy? addedIdentity, SourcedPolicy? boundary)
    {
        Policies = basis.Policies with
        {
            IdentityPolicies = addedIdentity is null ? basis.Policies.IdentityPolicies : [.. basis.Policies.IdentityPolicies, addedIdentity],
            PermissionsBoundary = boundary ?? basis.Policies.PermissionsBoundary,
        };
        _rcpServices = basis._rcpServices;
        _policies.AddRange(basis._policies);
        _identity = addedIdentity is null ? basis._identity : [.. basis._identity, Add(addedIdentity, PolicyType.IdentityBased, null)];
        _boundary = boundary is null ? basis._boundary : Add(boundary, PolicyType.PermissionsBoundary, null);
        _session = basis._session;
        _resource = basis._resource;
        _scpLevels = basis._scpLevels;
        _rcpLevels = basis._rcpLevels;
    }

    /// <summary>The policies this set was compiled from.</summary>
    public PolicySet Policies { get; }

    /// <summary>Decides a request without explaining it. Allocation-free unless a policy uses policy variables.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision.</returns>
    public Decision Decide(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ArnFacts.IsGetCallerIdentity(request.Action))
        {
            return Decision.Allowed; // needs no permission, and a deny does not stop it (see GetCallerIdentityRule)
        }

        var plan = PlanFor(request.Action);
        var hasBoundary = _boundary is not null;

        // 1. An explicit deny anywhere ends the evaluation.
        foreach (var policy in _identity)
        {
            if (CompiledPolicy.AnyApplies(plan[policy.Index], request, deny: true, hasBoundary))
            {
                return Decision.ExplicitDeny;
            }
        }

        if ((_boundary is not null && CompiledPolicy.AnyApplies(plan[_boundary.Index], request, deny: true, hasBoundary))
            || (_session is not null && CompiledPolicy.AnyApplies(plan[_session.Index], request, deny: true, hasBoundary))
            || (_resource is not null && CompiledPolicy.Grant(plan[_resource.Index], request, deny: true, hasBoundary) != PrincipalGrant.None)
            || AnyLevelDenies(_scpLevels, plan, request, hasBoundary)
            || (RcpApplies(request.Action) && AnyLevelDenies(_rcpLevels, plan, request, hasBoundary)))
        {
            return Decision.ExplicitDeny;
        }

        // 2. Every SCP level must allow; a level with no SCP allows nothing. RCPs only deny: AWS attaches RCPFullAWSAccess
        // to every root, OU and account and it cannot be detached (orgs_manage_policies_rcps.html), so every RCP level
        // always allows.
        if (!EveryLevelAllows(_scpLevels, plan, request, hasBoundary))
        {
            return Decision.ImplicitDeny;
        }

        // 3. Resource, identity, boundary and session policies combine.
        var identityAllows = false;
        foreach (var policy in _identity)
        {
            if (CompiledPolicy.AnyApplies(plan[policy.Index], request, deny: false, hasBoundary))
            {
                identityAllows = true;
                break;
            }
        }

        var facts = Facts(
            request,
            _resource is null ? PrincipalGrant.None : CompiledPolicy.Grant(plan[_resource.Index], request, deny: false, hasBoundary),
            identityAllows,
            _boundary is null || CompiledPolicy.AnyApplies(plan[_boundary.Index], request, deny: false, hasBoundary),
            _session is null ? null : CompiledPolicy.AnyApplies(plan[_session.Index], request, deny: false, hasBoundary),
            resourcePolicyOnly: false);
        return DecisionRules.LayerLackingAllow(facts) is null ? Decision.Allowed : Decision.ImplicitDeny;
    }

    /// <summary>Evaluates a request and explains the decision.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision with the statements that decided, the near misses, each layer's part and the missing context keys.</returns>
    public EvaluationResult Evaluate(AuthorizationRequest request) => EvaluateCore(request, resourcePolicyOnly: false);

    /// <summary>
    /// Evaluates a request; with <paramref name="resourcePolicyOnly"/>, answers only the resource-based policy's part (and
    /// the deny, SCP and RCP layers): the identity-based, boundary and session layers count as allowing. Used by
    /// <see cref="RoleTrust"/>, which asks what a trust policy itself allows.
    /// </summary>
    internal EvaluationResult EvaluateCore(AuthorizationRequest request, bool resourcePolicyOnly)
    {
        ArgumentNullException.ThrowIfNull(request);
        var trace = new EvaluationTrace(request, _boundary is not null);
        var rcpApplies = RcpApplies(request.Action);

        foreach (var policy in _identity)
        {
            trace.Inspect(policy);
        }

        var identity = trace.Layer(PolicyType.IdentityBased, null, _identity);
        var boundary = _boundary is null ? null : trace.Layer(PolicyType.PermissionsBoundary, null, [trace.Inspect(_boundary)]);
        var session = _session is null ? null : trace.Layer(PolicyType.SessionPolicy, null, [trace.Inspect(_session)]);
        if (session is null && !resourcePolicyOnly && ArnFacts.IsFederatedUser(request.Principal))
        {
            session = new LayerOutcome(PolicyType.SessionPolicy, LayerStatus.NoAllow) { Reason = FederatedUserWithoutSessionPolicy(request) };
        }

        var resource = _resource is null ? null : trace.Layer(PolicyType.ResourceBased, null, [trace.Inspect(_resource)]);
        var scps = _scpLevels.Select((level, i) => trace.Layer(PolicyType.ServiceControlPolicy, i, level.Select(trace.Inspect).ToArray())).ToArray();
        var rcps = rcpApplies
            ? _rcpLevels.Select((level, i) => trace.Layer(PolicyType.ResourceControlPolicy, i, level.Select(trace.Inspect).ToArray()) is var layer
                && layer.Status == LayerStatus.NoAllow ? layer with { Status = LayerStatus.Allows } : layer).ToArray()
            : _rcpLevels.Select((_, i) => new LayerOutcome(PolicyType.ResourceControlPolicy, LayerStatus.NotApplicable) { Level = i }).ToArray();

        // AWS's order: deny evaluation, RCPs, SCPs, resource-based, identity-based, boundary, session.
        var layers = new List<LayerOutcome>();
        layers.AddRange(rcps);
        layers.AddRange(scps);
        AddIfPresent(layers, resource);
        if (!resourcePolicyOnly)
        {
            layers.Add(identity);
        }

        AddIfPresent(layers, boundary);
        AddIfPresent(layers, session);

        var denies = trace.Matched.Where(m => m.Statement.Effect == Effect.Deny).ToList();
        Decision decision;
        LayerOutcome? lacking = null;
        IReadOnlyList<StatementMatch> deciding;
        string? rule = null;
        if (ArnFacts.IsGetCallerIdentity(request.Action))
        {
            decision = Decision.Allowed;
            deciding = [];
            rule = GetCallerIdentityRule;
        }
        else if (denies.Count > 0)
        {
            decision = Decision.ExplicitDeny;
            deciding = denies;
        }
        else
        {
            lacking = scps.FirstOrDefault(l => l.Status == LayerStatus.NoAllow);
            if (lacking is null)
            {
                var facts = Facts(
                    request,
                    trace.ResourceGrant,
                    identity.Status == LayerStatus.Allows,
                    boundary is null || boundary.Status == LayerStatus.Allows,
                    _session is null ? null : session!.Status == LayerStatus.Allows,
                    resourcePolicyOnly);
                lacking = DecisionRules.LayerLackingAllow(facts) switch
                {
                    null => null,
                    PolicyType.IdentityBased => identity with { Status = LayerStatus.NoAllow },
                    PolicyType.PermissionsBoundary => boundary,
                    PolicyType.SessionPolicy => session,
                    _ => (resource ?? new LayerOutcome(PolicyType.ResourceBased, LayerStatus.NoAllow)) with
                    {
                        Status = LayerStatus.NoAllow,
                        Reason = MissingMandatoryGrant(facts.Mandatory, request),
                    },
                };
            }

            decision = lacking is null ? Decision.Allowed : Decision.ImplicitDeny;
            deciding = decision == Decision.Allowed ? trace.Matched.Where(m => m.Statement.Effect == Effect.Allow).ToList() : [];
        }

        return new EvaluationResult
        {
            Request = request,
            Decision = decision,
            DecidingStatements = deciding,
            DecidingRule = rule,
            MatchedStatements = trace.Matched,
            Misses = trace.Misses,
            Layers = layers,
            LayerLackingAllow = lacking,
            MissingContextKeys = trace.MissingContextKeys(),
        };
    }

    /// <summary>
    /// A what-if: this set with one more identity-based policy (e.g. a proposed fix). Only the added policy is compiled;
    /// everything else is shared with this set, which is unchanged.
    /// </summary>
    /// <param name="policy">The identity-based policy to add.</param>
    /// <returns>The new set.</returns>
    public CompiledPolicySet WithIdentityPolicy(SourcedPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new CompiledPolicySet(this, policy, null);
    }

    /// <summary>
    /// A what-if: this set with its permissions boundary replaced by <paramref name="boundary"/> (or set, when it has
    /// none), e.g. a proposed new default version of the boundary's managed policy. Only the new boundary is compiled;
    /// everything else is shared with this set, which is unchanged.
    /// </summary>
    /// <param name="boundary">The whole boundary document that takes the current one's place.</param>
    /// <returns>The new set.</returns>
    public CompiledPolicySet WithPermissionsBoundary(SourcedPolicy boundary)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        return new CompiledPolicySet(this, null, boundary);
    }

    /// <summary>Decides the request under each context variant and says which variants change the decision.</summary>
    /// <param name="request">The request; its context is the baseline.</param>
    /// <param name="variants">The contexts to try, e.g. <see cref="ContextVariants.MultiFactorAuth"/>.</param>
    /// <returns>The baseline and each variant's decision.</returns>
    public WhatIfResult WhatIf(AuthorizationRequest request, IEnumerable<ContextVariant> variants)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(variants);
        var baseline = Decide(request);
        var outcomes = variants
            .Select(variant =>
            {
                var decision = Decide(request with { Context = variant.Context });
                return new VariantDecision(variant, decision, decision != baseline);
            })
            .ToList();
        return new WhatIfResult(baseline, outcomes);
    }

    /// <summary>
    /// The circumstances of <paramref name="request"/>: the circumstance keys (<see cref="CircumstanceKeys"/>) that the
    /// conditions of the statements covering its action use and its context does not carry, each split into the classes
    /// of values those conditions tell apart.
    /// </summary>
    /// <param name="request">The request; the keys its context carries are known, not circumstances.</param>
    /// <param name="options">Which keys are circumstances and the bound; <see cref="CircumstanceOptions.Default"/> when omitted.</param>
    /// <returns>The space, empty when nothing the request does not carry matters.</returns>
    public CircumstanceSpace Circumstances(AuthorizationRequest request, CircumstanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var conditions = PlanFor(request.Action).SelectMany(statements => statements).SelectMany(statement => statement.Conditions);
        return CircumstanceSpace.Build(conditions, request.Context, options ?? CircumstanceOptions.Default);
    }

    /// <summary>Decides <paramref name="request"/> for each combination of its circumstances' classes (at most the space's bound).</summary>
    /// <param name="request">The request with its known context.</param>
    /// <param name="space">Its circumstances, from <see cref="Circumstances"/>; <see cref="CircumstanceSpace.None"/> decides the request as it is.</param>
    /// <returns>The decision per combination.</returns>
    public ConditionalDecision DecideUnder(AuthorizationRequest request, CircumstanceSpace space)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(space);
        var outcomes = new List<CircumstanceOutcome>();
        foreach (var assignment in space.Assignments())
        {
            var context = CircumstanceSpace.Apply(request.Context, assignment);
            outcomes.Add(new CircumstanceOutcome(assignment, Decide(request with { Context = context }), context));
        }

        return new ConditionalDecision(space, outcomes);
    }

    private bool RcpApplies(string action) => _rcpLevels.Length > 0 && _rcpServices.Contains(ArnFacts.Service(action));

    /// <summary>The facts for <see cref="DecisionRules"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="grant">How the resource policy's applying allows name the requester.</param>
    /// <param name="identity">Whether an identity-based allow applies.</param>
    /// <param name="boundary">Whether the boundary allows (true without one).</param>
    /// <param name="session">Whether the session policy allows; <see langword="null"/> when there is none.</param>
    /// <param name="resourcePolicyOnly">Count the identity, boundary and session layers as allowing (see <see cref="RoleTrust"/>).</param>
    private static DecisionFacts Facts(AuthorizationRequest request, PrincipalGrant grant, bool identity, bool boundary, bool? session, bool resourcePolicyOnly)
    {
        var servicePrincipal = !ArnFacts.IsArn(request.Principal);
        var principalAccount = ArnFacts.Account(request.Principal);
        var resourceAccount = request.ResourceAccount is { } explicitAccount ? explicitAccount.AsSpan() : ArnFacts.Account(request.Resource);
        var crossAccount = !servicePrincipal && !principalAccount.IsEmpty && !resourceAccount.IsEmpty && !principalAccount.SequenceEqual(resourceAccount);

        // A federated-user session without a session policy has no permissions of its own (GetFederationToken).
        var sessionless = session is null && !resourcePolicyOnly && !servicePrincipal && ArnFacts.IsFederatedUser(request.Principal);
        return new DecisionFacts(
            ArnFacts.MandatoryGrant(request.Action, request.Resource),
            servicePrincipal,
            ArnFacts.IsRootUser(request.Principal),
            crossAccount,
            grant,
            identity || resourcePolicyOnly,
            boundary || resourcePolicyOnly,
            (session ?? true) || resourcePolicyOnly,
            sessionless);
    }

    /// <summary>
    /// "No permissions are required to perform this operation. If an administrator attaches a policy to your identity that
    /// explicitly denies access to the sts:GetCallerIdentity action, you can still perform this operation." (AWS STS API
    /// Reference, GetCallerIdentity.)
    /// </summary>
    private const string GetCallerIdentityRule =
        "sts:GetCallerIdentity needs no permission: AWS performs it even when a policy denies it (AWS STS API Reference, GetCallerIdentity).";

    private static string? MissingMandatoryGrant(MandatoryGrant mandatory, AuthorizationRequest request) => mandatory switch
    {
        MandatoryGrant.TrustPolicy =>
            $"No statement in the role's trust policy allows {request.Principal} to perform {request.Action}: a trust policy must allow it itself, whatever identity-based policies allow (IAM User Guide, policy evaluation logic).",
        MandatoryGrant.KeyPolicy =>
            $"No statement in the key policy allows {request.Principal} to perform {request.Action}, or names its account to enable IAM policies: without that, identity-based allows have no effect on a KMS key (AWS KMS Developer Guide, key policies).",
        _ => null,
    };

    private static string FederatedUserWithoutSessionPolicy(AuthorizationRequest request) =>
        $"{request.Principal} is a federated-user session created without a session policy, so it has no permissions of its own; only a resource-based policy that names the session can grant (AWS STS API Reference, GetFederationToken).";

    /// <summary>
    /// The statements of every policy that cover <paramref name="action"/>, by policy index. Computed once per action and
    /// cached (up to <see cref="MaxCachedPlans"/> actions), so a decision only looks at statements that mention the action.
    /// </summary>
    private CompiledStatement[][] PlanFor(string action)
    {
        if (_plans.TryGetValue(action, out var plan))
        {
            return plan;
        }

        plan = BuildPlan(action);
        var current = _plans;
        if (current.Count < MaxCachedPlans)
        {
            _plans = new Dictionary<string, CompiledStatement[][]>(current, StringComparer.OrdinalIgnoreCase) { [action] = plan };
        }

        return plan;
    }

    // Kept apart from PlanFor: a lambda capturing the action there would allocate its closure on every call.
    private CompiledStatement[][] BuildPlan(string action) => _policies.Select(p => p.StatementsFor(action)).ToArray();

    private static bool AnyLevelDenies(CompiledPolicy[][] levels, CompiledStatement[][] plan, AuthorizationRequest request, bool hasBoundary)
    {
        foreach (var level in levels)
        {
            foreach (var policy in level)
            {
                if (CompiledPolicy.AnyApplies(plan[policy.Index], request, deny: true, hasBoundary))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool EveryLevelAllows(CompiledPolicy[][] levels, CompiledStatement[][] plan, AuthorizationRequest request, bool hasBoundary)
    {
        foreach (var level in levels)
        {
            var allowed = false;
            foreach (var policy in level)
            {
                if (CompiledPolicy.AnyApplies(plan[policy.Index], request, deny: false, hasBoundary))
                {
                    allowed = true;
                    break;
                }
            }

            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    private CompiledPolicy[][] CompileLevels(IReadOnlyList<IReadOnlyList<SourcedPolicy>>? levels, PolicyType type) =>
        levels is null ? [] : levels.Select((level, i) => level.Select(p => Add(p, type, i)).ToArray()).ToArray();

    private CompiledPolicy Add(SourcedPolicy policy, PolicyType type, int? level)
    {
        var compiled = new CompiledPolicy(policy, type, level, _policies.Count);
        _policies.Add(compiled);
        return compiled;
    }

    private static SourcedPolicy RequirePrincipal(SourcedPolicy policy)
    {
        GluePassRole.Diagnostics.Policies.Internal.PolicyGrammar.RequirePrincipal(policy.Document);
        return policy;
    }

    private static void AddIfPresent(List<LayerOutcome> layers, LayerOutcome? layer)
    {
        if (layer is not null)
        {
            layers.Add(layer);
        }
    }
}
