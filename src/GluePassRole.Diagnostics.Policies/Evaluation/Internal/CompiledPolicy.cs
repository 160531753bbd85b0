namespace GluePassRole.Diagnostics.Policies.Evaluation.Internal;

/// <summary>One policy of a set, compiled, with its layer.</summary>
internal sealed class CompiledPolicy
{
    public CompiledPolicy(SourcedPolicy policy, PolicyType type, int? level)
    {
        Policy = policy;
        Type = type;
        Level = level;
        var variables = policy.Document.SupportsPolicyVariables;
        Statements = policy.Document.Statements.Select((s, i) => new CompiledStatement(s, i, variables)).ToArray();
    }

    public SourcedPolicy Policy { get; }

    public PolicyType Type { get; }

    public int? Level { get; }

    public CompiledStatement[] Statements { get; }

    public bool AnyApplies(AuthorizationRequest request, bool deny)
    {
        foreach (var statement in Statements)
        {
            if (statement.IsDeny == deny && statement.Applies(request))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The strongest grant of an applying statement of the given effect in a resource-based policy.</summary>
    public PrincipalGrant Grant(AuthorizationRequest request, bool deny, bool hasPermissionsBoundary)
    {
        var best = PrincipalGrant.None;
        foreach (var statement in Statements)
        {
            if (statement.IsDeny != deny || !statement.Applies(request))
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
