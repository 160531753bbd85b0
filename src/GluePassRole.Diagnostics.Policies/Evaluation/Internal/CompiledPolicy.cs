namespace GluePassRole.Diagnostics.Policies.Evaluation.Internal;

/// <summary>One policy of a set, compiled, with its layer.</summary>
internal sealed class CompiledPolicy
{
    public CompiledPolicy(SourcedPolicy policy, PolicyType type, int? level, int index)
    {
        Index = index;
        Policy = policy;
        Type = type;
        Level = level;
        var variables = policy.Document.SupportsPolicyVariables;
        Statements = policy.Document.Statements.Select((s, i) => new CompiledStatement(s, i, variables)).ToArray();
    }

    /// <summary>The policy's position in its compiled set, for the per-action plan.</summary>
    public int Index { get; }

    public SourcedPolicy Policy { get; }

    public PolicyType Type { get; }

    public int? Level { get; }

    public CompiledStatement[] Statements { get; }

    /// <summary>The statements whose Action/NotAction covers <paramref name="action"/>.</summary>
    public CompiledStatement[] StatementsFor(string action) => Statements.Where(s => s.MatchesAction(action)).ToArray();

    /// <summary>
    /// Whether a statement of the given effect applies, among statements already known to cover the action. A statement
    /// with a Principal/NotPrincipal (RCPs, or one misplaced in an identity policy) must also name the requester, as on the
    /// explained path.
    /// </summary>
    public static bool AnyApplies(CompiledStatement[] candidates, AuthorizationRequest request, bool deny, bool hasPermissionsBoundary)
    {
        foreach (var statement in candidates)
        {
            if (statement.IsDeny == deny && statement.AppliesToResourceAndConditions(request)
                && (!statement.HasPrincipal || statement.MatchPrincipal(request.Principal, hasPermissionsBoundary) != PrincipalGrant.None))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The strongest grant of an applying statement of the given effect in a resource-based policy.</summary>
    public static PrincipalGrant Grant(CompiledStatement[] candidates, AuthorizationRequest request, bool deny, bool hasPermissionsBoundary)
    {
        var best = PrincipalGrant.None;
        foreach (var statement in candidates)
        {
            if (statement.IsDeny != deny || !statement.AppliesToResourceAndConditions(request))
            {
                continue;
            }

            var grant = statement.MatchPrincipal(request.Principal, hasPermissionsBoundary);
            if (grant > best)
            {
                best = grant;
            }
        }

        return best;
    }
}
