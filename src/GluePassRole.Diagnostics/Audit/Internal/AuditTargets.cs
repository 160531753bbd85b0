using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>Whether Glue may assume a role, as the audit decides it from the role's trust policy.</summary>
internal enum RoleTrustState
{
    TrustsGlue,
    TrustsGlueUnderConditions,
    NotTrusting,
    Unknown,
}

/// <summary>A role: whether Glue may assume it, and under which circumstances of Glue's request.</summary>
internal readonly record struct RoleFacts(string Arn, RoleTrustState Trust, string? TrustError, bool IsProbe, RoleTarget Target)
{
    public IReadOnlyList<GrantCondition> TrustConditions { get; init; } = [];

    public string? TrustVerdict { get; init; }

    public bool TrustsGlue => Trust is RoleTrustState.TrustsGlue or RoleTrustState.TrustsGlueUnderConditions;
}

/// <summary>
/// The roles a principal may pass, indexed (<see cref="RoleIndex"/>) with a few probe roles no policy is written for, and
/// each role's trust of Glue, decided once per trust document where it does not depend on the role.
/// </summary>
internal sealed class AuditTargets
{
    /// <summary>Roles no policy is written for: a principal allowed to pass all of them can pass any role (PassRoleAllowAnalysis's idea).</summary>
    public static readonly string[] ProbeRoleNames = ["a-glue-passrole-audit-probe", "Z9-glue-passrole-audit-probe", "p/q/glue-passrole-audit-probe"];

    private AuditTargets(RoleIndex index, RoleFacts[] facts)
    {
        Index = index;
        Facts = facts;
    }

    /// <summary>No roles (before the account's roles are read).</summary>
    public static AuditTargets None { get; } = new(new RoleIndex([]), []);

    public RoleIndex Index { get; }

    /// <summary>Each role of <see cref="Index"/>, by its index.</summary>
    public RoleFacts[] Facts { get; }

    /// <summary>Indexes the account's roles and the probes, and decides whether each trusts Glue.</summary>
    public static AuditTargets Of(IReadOnlyList<IamRole> roles, AuditContext context)
    {
        var byArn = roles.ToDictionary(r => r.Arn, StringComparer.Ordinal);
        var probes = ProbeRoleNames.Select(n => $"arn:{context.Partition}:iam::{context.Account}:role/{n}").ToArray();
        var index = new RoleIndex([.. byArn.Keys, .. probes]);
        var trustCache = new Dictionary<PolicyDocument, RoleFacts>(ReferenceEqualityComparer.Instance);
        BuiltRequest? untagged = null;
        RoleFacts[] facts = [.. index.Arns.Select(arn =>
        {
            if (!byArn.TryGetValue(arn, out var role))
            {
                return new RoleFacts(arn, RoleTrustState.NotTrusting, null, IsProbe: true, new RoleTarget(arn) { Tags = [] });
            }

            var target = RoleTarget.From(role);
            if (!role.TrustPolicy.TryGetValue(out var trust))
            {
                return new RoleFacts(arn, RoleTrustState.Unknown, role.TrustPolicy.Error?.ToString() ?? "the trust policy is not in the data", IsProbe: false, target);
            }

            // A trust policy has no Resource element, so unless it reads the role's tags its answer does not depend on the
            // role: decide each document once.
            if (trustCache.TryGetValue(trust, out var cached))
            {
                return cached with { Arn = arn, Target = target };
            }

            // Glue's request depends on the role through its account and its tags: one request serves every role of the
            // account whose trust policy does not read tags.
            if (RoleKeys.ReadsRoleTags(trust.Statements) || !string.Equals(ArnText.Account(arn), context.Account, StringComparison.Ordinal))
            {
                return TrustFacts(arn, target, GlueTrust.Decide(context.Builder, trust, target));
            }

            untagged ??= context.Builder.ServiceAssumeRole(GlueTrust.GlueServicePrincipal, new RoleTarget($"arn:{context.Partition}:iam::{context.Account}:role/request-template") { Tags = [] });
            var decided = TrustFacts(arn, target, GlueTrust.Decide(untagged, trust, arn));
            trustCache[trust] = decided;
            return decided;
        })];
        return new AuditTargets(index, facts);
    }

    /// <summary>
    /// Trusting, trusting under conditions (some class of Glue's circumstances allows, e.g. <c>aws:SourceAccount</c> equal
    /// to the account), not trusting (no class allows), or unknown (no decided class allows, but some lie past the bound).
    /// </summary>
    private static RoleFacts TrustFacts(string arn, RoleTarget target, ConditionalDecision decision)
    {
        if (decision.Uniform == Decision.Allowed)
        {
            return new RoleFacts(arn, RoleTrustState.TrustsGlue, null, IsProbe: false, target);
        }

        if (decision.Outcomes.Any(o => o.Decision == Decision.Allowed))
        {
            return new RoleFacts(arn, RoleTrustState.TrustsGlueUnderConditions, null, IsProbe: false, target)
            {
                TrustConditions = GrantConditions.Of(decision, GrantConditionScope.GlueAssumeRole),
                TrustVerdict = decision.Describe(),
            };
        }

        return decision.IsComplete
            ? new RoleFacts(arn, RoleTrustState.NotTrusting, null, IsProbe: false, target)
            : new RoleFacts(arn, RoleTrustState.Unknown, $"whether the trust policy lets Glue assume the role is not decided: {decision.Describe()}", IsProbe: false, target);
    }
}
