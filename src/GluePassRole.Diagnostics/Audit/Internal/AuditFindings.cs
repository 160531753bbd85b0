using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// The findings of one audit, kept as the pair-level facts the run finds (a principal can run code as a role that holds
/// what it lacks, can pass a role that does not trust Glue, ...) and written at the end either per principal × role pair
/// (0.1's findings, <see cref="PassRoleAuditOptions.PerPair"/>) or one per cause with every principal and role it concerns.
/// </summary>
internal sealed class AuditFindings
{
    private readonly List<AuditFinding> _statements = [];
    private readonly List<(PassRoleGrant Grant, IReadOnlyList<string> Lacking)> _escalations = [];
    private readonly List<(string Principal, int Allowed, int NotTrusting, IReadOnlyList<string> Evidence)> _anyRole = [];
    private readonly List<(string Principal, string Role, IReadOnlyList<GrantSource> GrantedBy)> _notTrusting = [];
    private readonly List<string> _dead = [];

    /// <summary>A statement-level finding (<see cref="AuditFindingCodes.PassRoleWithoutPassedToService"/>, with every principal that holds the statement): the same either way.</summary>
    public void Statement(AuditFinding finding) => _statements.Add(finding);

    /// <summary>The principal of <paramref name="grant"/> can run code as its role, which holds <paramref name="lacking"/> and the principal does not.</summary>
    public void Escalation(PassRoleGrant grant, IReadOnlyList<string> lacking) => _escalations.Add((grant, lacking));

    /// <summary>The principal can pass any role: <paramref name="allowed"/> existing roles, <paramref name="notTrusting"/> of them not trusting Glue.</summary>
    public void AnyRole(string principal, int allowed, int notTrusting, IReadOnlyList<string> evidence) => _anyRole.Add((principal, allowed, notTrusting, evidence));

    /// <summary>The principal can pass a role that does not trust Glue, through <paramref name="grantedBy"/>.</summary>
    public void NotTrusting(string principal, string role, IReadOnlyList<GrantSource> grantedBy) => _notTrusting.Add((principal, role, grantedBy));

    /// <summary>The role trusts Glue but no principal can pass it.</summary>
    public void Dead(string role) => _dead.Add(role);

    /// <summary>The findings, sorted: errors first, then by code, principal (or policy), role (or statement).</summary>
    /// <param name="account">The account.</param>
    /// <param name="perPair">One finding per principal × role pair, or one per cause.</param>
    /// <param name="unknownPrincipals">Principals that could not be read (a dead role is then dead among the readable ones).</param>
    public IReadOnlyList<AuditFinding> Write(string account, bool perPair, int unknownPrincipals)
    {
        var findings = new List<AuditFinding>(_statements);
        if (perPair)
        {
            PerPair(findings, account, unknownPrincipals);
        }
        else
        {
            ByCause(findings, account, unknownPrincipals);
        }

        return
        [
            .. findings
                .OrderByDescending(f => f.Severity)
                .ThenBy(f => f.Code, StringComparer.Ordinal)
                .ThenBy(f => f.Statement is not null ? f.Policy ?? string.Empty : f.Principals.Count > 0 ? f.Principals[0] : f.Policy ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(f => f.Roles.Count > 0 ? f.Roles[0] : f.Statement ?? string.Empty, StringComparer.Ordinal),
        ];
    }

    /// <summary><c>user/erin</c>, <c>2 principals (user/erin, user/frank)</c>, <c>1000 principals (user/a, user/b, user/c and 997 more)</c>.</summary>
    /// <param name="arns">The ARNs, at least one.</param>
    /// <param name="noun">The noun for one of them, e.g. <c>principal</c>.</param>
    public static string Names(IReadOnlyList<string> arns, string noun)
    {
        if (arns.Count == 1)
        {
            return AuditRun.Short(arns[0]);
        }

        var first = string.Join(", ", arns.Take(FirstFew).Select(AuditRun.Short));
        return $"{Plural.Count(arns.Count, noun)} ({first}{(arns.Count > FirstFew ? $" and {arns.Count - FirstFew} more" : string.Empty)})";
    }

    /// <summary>How many names a count is followed by.</summary>
    public const int FirstFew = 3;

    /// <summary>"statement #8 of AWSGlueConsoleFullAccess (group developers)", joined by "; ".</summary>
    public static string Statements(IReadOnlyList<GrantSource> sources) =>
        sources.Count == 0 ? "statements not attributed" : string.Join("; ", sources.Select(g => $"statement {g.Statement} of {g.Policy} ({g.Via})"));

    private static IEnumerable<string> GrantEvidence(IReadOnlyList<GrantSource> sources) =>
        sources.Select(g => $"PassRole granted by statement {g.Statement} of {g.Policy} ({g.Via})");

    private static string Via(PassRoleGrant grant) => string.Join(", ", grant.GrantedBy.Select(g => g.Via).Distinct(StringComparer.Ordinal));

    private static List<string> RunOperations(PassRoleGrant grant) => [.. grant.RunOperations.Where(o => o != GlueRoleOperations.StartJobRun)];

    private static string DeadSuffix(int unknownPrincipals) => unknownPrincipals > 0 ? $" {unknownPrincipals} principals could not be read." : string.Empty;

    private void PerPair(List<AuditFinding> findings, string account, int unknownPrincipals)
    {
        foreach (var (grant, lacking) in _escalations)
        {
            var who = AuditRun.Short(grant.Principal);
            var role = AuditRun.Short(grant.Role);
            findings.Add(new AuditFinding(
                account,
                AuditFindingCodes.Escalation,
                AuditSeverity.Error,
                $"{who} can make Glue run its code as {role}, which holds permissions {who} does not: {string.Join(", ", lacking)}.")
            {
                Principal = grant.Principal,
                Role = grant.Role,
                Principals = [grant.Principal],
                Roles = [grant.Role],
                Path = $"{who} → passes {role} to Glue via {Via(grant)}{AuditRun.When(grant)} → {string.Join(" / ", RunOperations(grant))}"
                    + $" → runs as {role}, which holds {string.Join(", ", lacking)} that {who[(who.LastIndexOf('/') + 1)..]} lacks",
                GrantedBy = grant.GrantedBy,
                Evidence = [.. GrantEvidence(grant.GrantedBy), .. lacking.Select(l => $"role holds {l}")],
            });
        }

        foreach (var (principal, allowed, notTrusting, evidence) in _anyRole)
        {
            findings.Add(new AuditFinding(
                account,
                AuditFindingCodes.PassAnyRole,
                AuditSeverity.Warning,
                $"{AuditRun.Short(principal)} can pass any role of the account to Glue ({allowed} existing roles, {notTrusting} of which do not trust Glue). Grant iam:PassRole on the exact runtime role ARNs instead.")
            {
                Principal = principal,
                Principals = [principal],
                Evidence = evidence,
            });
        }

        foreach (var (principal, role, grantedBy) in _notTrusting)
        {
            findings.Add(new AuditFinding(
                account,
                AuditFindingCodes.PassableRoleNotTrustingGlue,
                AuditSeverity.Warning,
                $"{AuditRun.Short(principal)} can pass {AuditRun.Short(role)} to Glue, but the role's trust policy does not let glue.amazonaws.com assume it: a job, session or endpoint saved with it fails. Add Glue to its trust policy, or drop the grant.")
            {
                Principal = principal,
                Role = role,
                Principals = [principal],
                Roles = [role],
                GrantedBy = grantedBy,
            });
        }

        foreach (var role in _dead)
        {
            findings.Add(new AuditFinding(
                account,
                AuditFindingCodes.DeadRole,
                AuditSeverity.Info,
                $"{AuditRun.Short(role)} trusts Glue, but no {(unknownPrincipals > 0 ? "readable " : string.Empty)}principal can pass it to Glue: no job, session or endpoint can be saved with it."
                + DeadSuffix(unknownPrincipals))
            {
                Role = role,
                Roles = [role],
            });
        }
    }

    private void ByCause(List<AuditFinding> findings, string account, int unknownPrincipals)
    {
        // Escalation: one per role, for the principals that reach it through the same statements, the same way, lacking the same.
        foreach (var group in _escalations
            .GroupBy(e => (
                e.Grant.Role,
                Sources: GrantGrouping.SourcesKey(e.Grant.GrantedBy),
                Run: string.Join(" / ", RunOperations(e.Grant)),
                When: AuditRun.When(e.Grant),
                Lacking: string.Join(", ", e.Lacking)))
            .OrderBy(g => g.Key.Role, StringComparer.Ordinal))
        {
            var (grant, lacking) = group.First();
            var principals = group.Select(e => e.Grant.Principal).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var role = AuditRun.Short(grant.Role);
            var one = principals.Count == 1;
            var who = Names(principals, "principal");
            var lacks = one ? $"{who[(who.LastIndexOf('/') + 1)..]} lacks" : "they lack";
            findings.Add(new AuditFinding(
                account,
                AuditFindingCodes.Escalation,
                AuditSeverity.Error,
                one
                    ? $"{who} can make Glue run its code as {role}, which holds permissions {who} does not: {group.Key.Lacking}."
                    : $"{who} can make Glue run their code as {role}, which holds permissions they do not: {group.Key.Lacking}.")
            {
                Principal = one ? principals[0] : null,
                Role = grant.Role,
                Principals = principals,
                Roles = [grant.Role],
                Path = $"{who} → {(one ? "passes" : "pass")} {role} to Glue via {Via(grant)}{group.Key.When} → {group.Key.Run}"
                    + $" → {(one ? "runs" : "run")} as {role}, which holds {group.Key.Lacking} that {lacks}",
                GrantedBy = grant.GrantedBy,
                Evidence = [.. GrantEvidence(grant.GrantedBy), .. lacking.Select(l => $"role holds {l}")],
                Cause = $"{grant.Role}|{group.Key.Sources}|{group.Key.Run}|{group.Key.When}|{group.Key.Lacking}",
            });
        }

        // PassAnyRole: the principals that can, through the same statements, over the same roles.
        foreach (var group in _anyRole
            .GroupBy(a => (Evidence: string.Join("\u001e", a.Evidence), a.Allowed, a.NotTrusting))
            .OrderBy(g => g.Key.Evidence, StringComparer.Ordinal))
        {
            var principals = group.Select(a => a.Principal).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var through = group.First().Evidence;
            findings.Add(new AuditFinding(
                account,
                AuditFindingCodes.PassAnyRole,
                AuditSeverity.Warning,
                $"{Names(principals, "principal")} can pass any role of the account to Glue ({group.Key.Allowed} existing roles, {group.Key.NotTrusting} of which do not trust Glue)"
                + (through.Count > 0 ? $" through {string.Join("; ", through)}" : string.Empty)
                + ". Grant iam:PassRole on the exact runtime role ARNs instead.")
            {
                Principal = principals.Count == 1 ? principals[0] : null,
                Principals = principals,
                Evidence = through,
                Cause = $"{group.Key.Evidence}|{group.Key.Allowed}|{group.Key.NotTrusting}",
            });
        }

        // PassableRoleNotTrustingGlue: per set of granting statements, the principals × the roles they reach.
        foreach (var group in Factoring.Factor(_notTrusting.Select(n => (n.Principal, n.Role, n.GrantedBy)), SameSources.Instance)
            .OrderBy(g => GrantGrouping.SourcesKey(g.Cause), StringComparer.Ordinal))
        {
            var one = group.Roles.Count == 1;
            findings.Add(new AuditFinding(
                account,
                AuditFindingCodes.PassableRoleNotTrustingGlue,
                AuditSeverity.Warning,
                $"{Names(group.Principals, "principal")} can pass {Names(group.Roles, "role")} to Glue, but "
                + (one ? "the role's trust policy does not let glue.amazonaws.com assume it: a job, session or endpoint saved with it fails. Add Glue to its trust policy"
                       : "their trust policies do not let glue.amazonaws.com assume them: a job, session or endpoint saved with one fails. Add Glue to their trust policies")
                + $", or drop the grant: {Statements(group.Cause)}.")
            {
                Principal = group.Principals.Count == 1 ? group.Principals[0] : null,
                Role = one ? group.Roles[0] : null,
                Principals = group.Principals,
                Roles = group.Roles,
                GrantedBy = group.Cause,
                Evidence = [.. GrantEvidence(group.Cause)],
                Cause = $"{GrantGrouping.SourcesKey(group.Cause)}|{string.Join(" ", group.Roles)}",
            });
        }

        // DeadRole: one finding for every role nobody can pass.
        if (_dead.Count > 0)
        {
            var roles = _dead.Order(StringComparer.Ordinal).ToList();
            var one = roles.Count == 1;
            var readable = unknownPrincipals > 0 ? "readable " : string.Empty;
            findings.Add(new AuditFinding(
                account,
                AuditFindingCodes.DeadRole,
                AuditSeverity.Info,
                (one
                    ? $"{Names(roles, "role")} trusts Glue, but no {readable}principal can pass it to Glue: no job, session or endpoint can be saved with it."
                    : $"{Names(roles, "role")} trust Glue, but no {readable}principal can pass them to Glue: no job, session or endpoint can be saved with them.")
                + DeadSuffix(unknownPrincipals))
            {
                Role = one ? roles[0] : null,
                Roles = roles,
                Cause = "dead",
            });
        }
    }

    /// <summary>Granting statements compared by value.</summary>
    private sealed class SameSources : IEqualityComparer<IReadOnlyList<GrantSource>>
    {
        public static readonly SameSources Instance = new();

        public bool Equals(IReadOnlyList<GrantSource>? x, IReadOnlyList<GrantSource>? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y));

        public int GetHashCode(IReadOnlyList<GrantSource> obj)
        {
            var hash = default(HashCode);
            foreach (var source in obj)
            {
                hash.Add(source);
            }

            return hash.ToHashCode();
        }
    }
}
