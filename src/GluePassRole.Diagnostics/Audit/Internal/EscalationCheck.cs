using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// Whether running code as a role escalates a principal's privilege: the high-impact permissions the role holds and the
/// principal lacks. Each role's holds are read once per audit; what cannot be read is an unknown, never a "no".
/// </summary>
internal sealed class EscalationCheck(
    AuditContext context, HighImpactHolds holds, EffectivePolicyResolver resolver, List<AuditUnknown> unknowns, AuditFindings findings, CancellationToken cancellationToken)
{
    private readonly Dictionary<string, ProbeHolds?> _roleHolds = new(StringComparer.Ordinal);

    /// <summary>Adds the escalation path of <paramref name="grant"/> (a grant that can run code as its role), or the unknown that leaves it undecided.</summary>
    public async ValueTask CheckAsync(PrincipalDecisions principal, PassRoleGrant grant)
    {
        if (!_roleHolds.TryGetValue(grant.Role, out var roleHolds))
        {
            var effective = await resolver.ResolveAsync(grant.Role, null, cancellationToken).ConfigureAwait(false);
            var gaps = effective.Gaps.Where(g => g.PolicyType != PolicyType.ServiceControlPolicy).ToList();

            // A statement that is not known leaves undecided only the probes it could match; any other gap, all of them.
            roleHolds = effective.PrincipalStatus == SourceResultStatus.Found && gaps.All(g => g.Statement is not null)
                ? new ProbeHolds(
                    holds.Held(PolicyEvaluator.Compile(context.Relevant(effective.Policies)), context.Builder.ForCaller(RequestCaller.From(effective), GlueTrust.GlueServicePrincipal), effective, null),
                    holds.UndecidedProbes(gaps),
                    gaps)
                : null;
            _roleHolds[grant.Role] = roleHolds;
            if (roleHolds is null)
            {
                unknowns.Add(new AuditUnknown(context.Account, $"the policies of {grant.Role}", $"Whether running as {grant.Role} escalates privilege is unknown: {string.Join("; ", effective.Gaps.Select(g => g.ToString()))}")
                {
                    Role = grant.Role,
                    MissingPermission = effective.Gaps.Count > 0 ? effective.Gaps[0].Error.MissingPermission : null,
                });
            }
        }

        if (roleHolds is null)
        {
            return;
        }

        var principalHolds = principal.HighImpact();
        var principalUndecided = holds.UndecidedProbes(principal.ProbeGaps);
        var probes = HighImpactProbes.All;
        var lacking = probes.Where((_, i) => roleHolds.Held[i] && !roleHolds.Undecided[i] && !principalHolds[i] && !principalUndecided[i]).Select(p => p.Label).ToList();
        var undecided = probes
            .Where((_, i) => (roleHolds.Undecided[i] || principalUndecided[i]) && (roleHolds.Held[i] || roleHolds.Undecided[i]) && (!principalHolds[i] || principalUndecided[i]))
            .Select(p => p.Label)
            .ToList();
        if (undecided.Count > 0)
        {
            var unknownStatements = roleHolds.Gaps.Concat(principal.ProbeGaps).Where(g => probes.Any(p => undecided.Contains(p.Label) && g.CouldAffect(p.Action, context.ProbeResource(p))));
            unknowns.Add(new AuditUnknown(context.Account, string.Join("; ", unknownStatements.Select(g => g.Subject).Distinct(StringComparer.Ordinal)),
                $"Whether running as {grant.Role} gives {principal.Arn} {string.Join(", ", undecided)} is unknown: {string.Join("; ", unknownStatements.Select(g => g.ToString()).Distinct(StringComparer.Ordinal))}")
            {
                Principal = principal.Arn,
                Role = grant.Role,
            });
        }

        if (lacking.Count == 0)
        {
            return;
        }

        findings.Escalation(grant, lacking);
    }

    /// <summary>Which high-impact probes a role holds on the statements read, which its unknown statements leave undecided, and those statements.</summary>
    private sealed record ProbeHolds(bool[] Held, bool[] Undecided, IReadOnlyList<SourceGap> Gaps);
}
