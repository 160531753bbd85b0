using GluePassRole.Diagnostics.Policies.Conditions;
using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Evaluation.Internal;

/// <summary>A statement compiled once: patterns, principal matcher and conditions ready for many requests.</summary>
internal sealed class CompiledStatement
{
    private readonly ActionPattern[] _actions;
    private readonly bool _notAction;
    private readonly ArnPattern?[] _resources;
    private readonly string[] _resourceTexts;
    private readonly int[] _variableStarts;
    private readonly bool _notResource;
    private readonly bool _hasResourceElement;
    private readonly PrincipalMatcher? _principal;
    private readonly bool _notPrincipal;
    private readonly CompiledCondition[] _conditions;

    public CompiledStatement(PolicyStatement statement, int index, bool policyVariablesEnabled)
    {
        Statement = statement;
        Index = index;
        _notAction = statement.Action is null;
        _actions = (statement.Action ?? statement.NotAction ?? []).Select(ActionPattern.Create).ToArray();

        _notResource = statement.Resource is null && statement.NotResource is not null;
        _resourceTexts = (statement.Resource ?? statement.NotResource ?? []).ToArray();
        _hasResourceElement = _resourceTexts.Length > 0;
        _resources = new ArnPattern?[_resourceTexts.Length];
        _variableStarts = new int[_resourceTexts.Length];
        for (var i = 0; i < _resourceTexts.Length; i++)
        {
            // Variables count only in the resource portion of the ARN, after the fifth colon; before it (or in a text with
            // fewer than five colons) ${...} is literal text (reference_policies_variables.html). A pattern with a
            // variable there stays null here and is resolved per request.
            _variableStarts[i] = PolicyVariables.ResourcePartStart(_resourceTexts[i]);
            if (!policyVariablesEnabled || !PolicyVariables.ContainsVariable(_resourceTexts[i], _variableStarts[i]))
            {
                _resources[i] = ArnPattern.Create(_resourceTexts[i]);
            }
        }

        if (statement.Principal is not null || statement.NotPrincipal is not null)
        {
            _principal = new PrincipalMatcher(statement.Principal ?? statement.NotPrincipal!);
            _notPrincipal = statement.Principal is null;
        }

        _conditions = statement.Conditions.Select(c => CompiledCondition.Compile(c, policyVariablesEnabled)).ToArray();
    }

    public PolicyStatement Statement { get; }

    public int Index { get; }

    public bool IsDeny => Statement.Effect == Effect.Deny;

    public bool HasPrincipal => _principal is not null;

    /// <summary>Whether the Action/NotAction element covers the action.</summary>
    public bool MatchesAction(string action)
    {
        var any = false;
        foreach (var pattern in _actions)
        {
            if (pattern.IsMatch(action))
            {
                any = true;
                break;
            }
        }

        return any != _notAction;
    }

    /// <summary>Whether the Resource/NotResource element covers the resource. No element (trust policies) covers all.</summary>
    public bool MatchesResource(string resource, RequestContext context)
    {
        if (!_hasResourceElement)
        {
            return true;
        }

        var any = false;
        for (var i = 0; i < _resources.Length; i++)
        {
            var pattern = _resources[i] ?? ResolveResource(i, context);
            if (pattern is null)
            {
                // "If AWS cannot resolve a variable this might cause the entire statement to be invalid"
                // (reference_policies_variables.html). An unresolved Resource pattern matches nothing; an unresolved
                // NotResource pattern cannot prove the resource is outside it, so the statement does not apply.
                if (_notResource)
                {
                    return false;
                }

                continue;
            }

            if (pattern.IsMatch(resource))
            {
                any = true;
                if (!_notResource)
                {
                    break;
                }
            }
        }

        return any != _notResource;
    }

    /// <summary>How the statement's Principal/NotPrincipal names the requester; statements without one name everyone.</summary>
    /// <param name="principal">The requester.</param>
    /// <param name="hasPermissionsBoundary">Whether the requester has a permissions boundary.</param>
    public PrincipalGrant MatchPrincipal(string principal, bool hasPermissionsBoundary)
    {
        if (_principal is null)
        {
            return PrincipalGrant.Direct;
        }

        var grant = _principal.Match(principal);
        if (!_notPrincipal)
        {
            return grant;
        }

        // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions boundary
        // policy attached, regardless of the values specified" (access_policies_boundaries.html).
        if (IsDeny && hasPermissionsBoundary)
        {
            return PrincipalGrant.Direct;
        }

        // NotPrincipal applies to everyone it does not name (reference_policies_elements_notprincipal.html).
        return grant == PrincipalGrant.None ? PrincipalGrant.Direct : PrincipalGrant.None;
    }

    public bool ConditionsHold(RequestContext context)
    {
        foreach (var condition in _conditions)
        {
            if (!condition.IsSatisfied(context))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the statement applies to the request, ignoring the principal (identity policies, SCPs), for a statement
    /// already known to cover the action (the per-action plan holds only those).
    /// </summary>
    public bool AppliesToResourceAndConditions(AuthorizationRequest request) =>
        MatchesResource(request.Resource, request.Context) && ConditionsHold(request.Context);

    public IEnumerable<string> ConditionKeys => _conditions.Select(c => c.Condition.Key);

    /// <summary>The statement's compiled conditions.</summary>
    public IReadOnlyList<CompiledCondition> Conditions => _conditions;

    public IReadOnlyList<ConditionEvaluation> ExplainConditions(RequestContext context) =>
        _conditions.Select(c => c.Explain(context)).ToArray();

    /// <summary>The resource patterns after variable substitution, for explanations.</summary>
    public IReadOnlyList<string> ResourcePatterns(RequestContext context) =>
        _resourceTexts.Select((text, i) => _resources[i] is null
            ? (PolicyVariables.TryResolve(text, _variableStarts[i], context, out var resolved) ? resolved : text + " (unresolved variable)")
            : text).ToArray();

    public string ResourceElementName => _notResource ? "NotResource" : "Resource";

    private ArnPattern? ResolveResource(int index, RequestContext context) =>
        PolicyVariables.TryResolvePattern(_resourceTexts[index], _variableStarts[index], context, out var escaped) ? ArnPattern.CreateEscaped(escaped) : null;
}
