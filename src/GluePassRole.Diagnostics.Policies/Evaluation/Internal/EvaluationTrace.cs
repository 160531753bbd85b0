namespace GluePassRole.Diagnostics.Policies.Evaluation.Internal;

/// <summary>Collects, for the explained path, what every statement that mentions the action did with the request.</summary>
internal sealed class EvaluationTrace(AuthorizationRequest request, bool hasPermissionsBoundary)
{
    private readonly HashSet<string> _referencedKeys = new(StringComparer.OrdinalIgnoreCase);

    public List<StatementMatch> Matched { get; } = [];

    public List<StatementMiss> Misses { get; } = [];

    public PrincipalGrant ResourceGrant { get; private set; }

    public CompiledPolicy Inspect(CompiledPolicy policy)
    {
        foreach (var statement in policy.Statements)
        {
            if (!statement.MatchesAction(request.Action))
            {
                continue;
            }

            foreach (var key in statement.ConditionKeys)
            {
                _referencedKeys.Add(key);
            }

            var miss = FindMiss(policy, statement);
            if (miss is not null)
            {
                Misses.Add(miss);
                continue;
            }

            Matched.Add(new StatementMatch(policy.Type, policy.Policy, statement.Index, statement.Statement) { Level = policy.Level });
            if (policy.Type == PolicyType.ResourceBased && !statement.IsDeny)
            {
                var grant = statement.MatchPrincipal(request.Principal, hasPermissionsBoundary);
                if (grant > ResourceGrant)
                {
                    ResourceGrant = grant;
                }
            }
        }

        return policy;
    }

    public LayerOutcome Layer(PolicyType type, int? level, IReadOnlyCollection<CompiledPolicy> policies)
    {
        var mine = Matched.Where(m => m.PolicyType == type && m.Level == level && policies.Any(p => ReferenceEquals(p.Policy, m.Policy))).ToList();
        // An organization level with no SCP allows nothing: "there must be an explicit Allow statement at every level"
        // (orgs_manage_policies_scps_evaluation.html). An empty RCP level is turned into Allows by the caller, as every
        // level carries RCPFullAWSAccess.
        var status = mine.Any(m => m.Statement.Effect == Effect.Deny) ? LayerStatus.Denies
            : mine.Any(m => m.Statement.Effect == Effect.Allow) ? LayerStatus.Allows
            : LayerStatus.NoAllow;
        return new LayerOutcome(type, status) { Level = level };
    }

    public IReadOnlyList<string> MissingContextKeys() =>
        _referencedKeys.Where(key => !request.Context.ContainsKey(key)).Order(StringComparer.OrdinalIgnoreCase).ToList();

    private StatementMiss? FindMiss(CompiledPolicy policy, CompiledStatement statement)
    {
        if (statement.HasPrincipal && statement.MatchPrincipal(request.Principal, hasPermissionsBoundary) == PrincipalGrant.None)
        {
            return Miss(policy, statement, StatementElement.Principal,
                $"{(statement.Statement.Principal is null ? "NotPrincipal" : "Principal")} {(statement.Statement.Principal ?? statement.Statement.NotPrincipal)} does not cover {request.Principal}");
        }

        if (!statement.MatchesResource(request.Resource, request.Context))
        {
            var patterns = statement.ResourcePatterns(request.Context);
            var verb = statement.ResourceElementName == "NotResource" ? "excludes" : "does not match";
            // The conditions too: a near miss on the resource matters only if the rest of the statement would apply.
            return Miss(policy, statement, StatementElement.Resource, $"{statement.ResourceElementName} {string.Join(", ", patterns)} {verb} {request.Resource}")
                with { ResourcePatterns = patterns, Conditions = statement.ExplainConditions(request.Context) };
        }

        if (!statement.ConditionsHold(request.Context))
        {
            var conditions = statement.ExplainConditions(request.Context);
            return Miss(policy, statement, StatementElement.Condition, string.Join("; ", conditions.Where(c => !c.IsSatisfied).Select(c => c.Reason)))
                with { Conditions = conditions };
        }

        return null;
    }

    private static StatementMiss Miss(CompiledPolicy policy, CompiledStatement statement, StatementElement element, string reason) =>
        new(policy.Type, policy.Policy, statement.Index, statement.Statement, element, reason) { Level = policy.Level };
}
