using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// One audit: reads the account's users and roles, decides each principal against the roles its PassRole allows reach
/// (<see cref="PrincipalDecisions"/>), and gathers the grants, findings and unknowns. The roles and their trust are
/// <see cref="AuditTargets"/>, escalation is <see cref="EscalationCheck"/>, broad statements are
/// <see cref="BroadPassRoleStatements"/>; what they share once the account is named is the <see cref="AuditContext"/>.
/// Every request comes from the run's one <see cref="RequestBuilder"/>: the caller's part built once per principal, the
/// role's part per pair, and the circumstances (the keys the tool cannot read) decided per class of values, once per principal.
/// </summary>
internal sealed class AuditRun
{
    private readonly IIamInventoryReader _inventory;
    private readonly EffectivePolicyResolver _resolver;
    private readonly IAccountIdentitySource? _identity;
    private readonly IGlueJobDirectory? _glue;
    private readonly RequestBuilder _builder;
    private readonly bool _prune;
    private readonly bool _perPair;
    private readonly IProgress<PassRoleAuditProgress>? _progress;
    private readonly CancellationToken _cancellationToken;

    private readonly List<PassRoleGrant> _grants = [];
    private readonly AuditFindings _findings = new();
    private readonly List<AuditUnknown> _unknowns = [];

    private string _account = "unknown";
    private string _partition = "aws";

    // Made once the account is named (ExecuteAsync).
    private AuditContext _context = null!;
    private HighImpactHolds _holds = null!;
    private EscalationCheck _escalation = null!;
    private BroadPassRoleStatements _broad = null!;
    private AuditTargets _targets = AuditTargets.None;
    private bool[] _reached = [];
    private bool[] _touched = [];
    private bool _scpNoted;
    private int _unknownPrincipals;
    private long _pairs;

    public AuditRun(IIamInventoryReader inventory, EffectivePolicyResolver resolver, IAccountIdentitySource? identity, IGlueJobDirectory? glue, RequestOptions requestOptions, bool prune, bool perPair, IProgress<PassRoleAuditProgress>? progress, CancellationToken cancellationToken)
    {
        _perPair = perPair;
        _inventory = inventory;
        _resolver = resolver;
        _identity = identity;
        _glue = glue;
        _builder = new RequestBuilder(requestOptions);
        _prune = prune;
        _progress = progress;
        _cancellationToken = cancellationToken;
    }

    public async ValueTask<PassRoleAuditReport> ExecuteAsync()
    {
        var users = await _inventory.ListUsersAsync(_cancellationToken).ConfigureAwait(false);
        var roles = await _inventory.ListRolesAsync(_cancellationToken).ConfigureAwait(false);
        await NameAccountAsync(users.Value is { Count: > 0 } u ? u[0].Arn : roles.Value is { Count: > 0 } r ? r[0].Arn : null).ConfigureAwait(false);
        if (!users.TryGetValue(out var userList) || !roles.TryGetValue(out var roleList))
        {
            AddListingUnknown("the account's IAM users", "iam:ListUsers", users);
            AddListingUnknown("the account's IAM roles", "iam:ListRoles", roles);
            return Report(0, 0, 0);
        }

        _context = new AuditContext(_account, _partition, _builder);
        _holds = new HighImpactHolds(_context);
        _escalation = new EscalationCheck(_context, _holds, _resolver, _unknowns, _findings, _cancellationToken);
        _broad = new BroadPassRoleStatements(_context, _findings);
        IndexRoles(roleList);
        var total = userList.Count + roleList.Count;
        var done = 0;
        foreach (var user in userList)
        {
            await AuditPrincipalAsync(user.Arn).ConfigureAwait(false);
            Report(++done, total);
        }

        foreach (var role in roleList)
        {
            await AuditPrincipalAsync(role.Arn).ConfigureAwait(false);
            Report(++done, total);
        }

        await AddDeadRolesAsync().ConfigureAwait(false);
        _broad.Write(_perPair);
        return Report(total, roleList.Count, _targets.Facts.Count(f => f.TrustsGlue && !f.IsProbe));
    }

    private void Report(int done, int total)
    {
        if (_progress is not null && (done % 250 == 0 || done == total))
        {
            _progress.Report(new PassRoleAuditProgress(done, total));
        }
    }

    private async ValueTask NameAccountAsync(string? anyArn)
    {
        if (anyArn is not null && anyArn.Split(':') is { Length: >= 6 } parts)
        {
            _partition = parts[1];
            _account = parts[4];
            return;
        }

        if (_identity is not null && (await _identity.GetCallerIdentityAsync(_cancellationToken).ConfigureAwait(false)).TryGetValue(out var caller))
        {
            _account = caller.Account;
            _partition = caller.Arn.Split(':') is { Length: >= 2 } p ? p[1] : "aws";
        }
    }

    private void IndexRoles(IReadOnlyList<IamRole> roles)
    {
        _targets = AuditTargets.Of(roles, _context);
        _reached = new bool[_targets.Index.Count];
        _touched = new bool[_targets.Index.Count];
        foreach (var (fact, i) in _targets.Facts.Select((f, i) => (f, i)).Where(x => x.f.Trust == RoleTrustState.Unknown))
        {
            _unknowns.Add(new AuditUnknown(_account, $"the trust policy of {fact.Arn}", fact.TrustError!) { Role = fact.Arn });
            _touched[i] = true;
        }
    }

    private async ValueTask AuditPrincipalAsync(string arn)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var effective = await _resolver.ResolveAsync(arn, null, _cancellationToken).ConfigureAwait(false);
        var gaps = new List<SourceGap>();
        var probeGaps = new List<SourceGap>();
        foreach (var gap in effective.Gaps)
        {
            if (gap.PolicyType == PolicyType.ServiceControlPolicy)
            {
                NoteScpGap(gap);
            }
            else if (gap.CouldAffect(AuditContext.PassRole) || GlueRoleOperations.All.Any(a => gap.CouldAffect(a)))
            {
                gaps.Add(gap);
            }
            else if (HighImpactProbes.All.Any(p => gap.CouldAffect(p.Action, _context.ProbeResource(p))))
            {
                // A statement not known that cannot match PassRole or a Glue operation: it leaves the principal's grants
                // known, and only the high-impact permissions it could hold undecided.
                probeGaps.Add(gap);
            }
        }

        foreach (var policy in effective.Policies.IdentityPolicies)
        {
            if (_targets.Index.AllowsPassRole(policy.Document))
            {
                _broad.Add(policy, arn);
            }
        }

        var unknown = effective.PrincipalStatus != SourceResultStatus.Found || gaps.Count > 0;
        var marked = new List<int>();
        var all = !_prune;
        foreach (var policy in effective.Policies.IdentityPolicies)
        {
            if (!all && _targets.Index.Reach(policy.Document, _reached, marked))
            {
                all = true;
            }
        }

        foreach (var i in marked)
        {
            _reached[i] = false;
        }

        if (!all && marked.Count == 0 && !unknown)
        {
            return; // No PassRole allow reaches any role: no pair can be allowed.
        }

        var principal = new PrincipalDecisions(_context, _holds, arn, effective) { ProbeGaps = probeGaps };
        var candidates = all ? Enumerable.Range(0, _targets.Index.Count) : marked.Order();
        var allowed = new List<(int Index, PairDecision Decisions)>();
        var probesAllowed = 0;
        foreach (var i in candidates)
        {
            var decisions = principal.Decide(_targets.Facts[i]);
            _pairs++;
            if (!decisions.AnyAllowed)
            {
                continue;
            }

            if (_targets.Facts[i].IsProbe)
            {
                probesAllowed++;
            }
            else
            {
                allowed.Add((i, decisions));
            }
        }

        if (unknown)
        {
            _unknownPrincipals++;
            foreach (var (i, _) in allowed)
            {
                _touched[i] = true;
            }

            var first = gaps.Count > 0 ? gaps[0].Error : null;
            _unknowns.Add(new AuditUnknown(
                _account,
                gaps.Count > 0 ? string.Join("; ", gaps.Select(g => g.Subject)) : $"{arn} itself",
                first?.ToString() ?? $"{arn} could not be read ({effective.PrincipalStatus}).")
            {
                Principal = arn,
                MissingPermission = first?.MissingPermission,
                AllowedByReadPolicies = [.. allowed.Where(a => _targets.Facts[a.Index].TrustsGlue).Select(a => _targets.Facts[a.Index].Arn)],
            });
            return;
        }

        if (principal.PastTheBound is { } pastTheBound)
        {
            _unknowns.Add(new AuditUnknown(_account, $"the circumstances of {arn}'s iam:PassRole requests", pastTheBound) { Principal = arn });
        }

        var anyRole = probesAllowed == AuditTargets.ProbeRoleNames.Length;
        var notTrusting = new List<(RoleFacts Role, PairDecision Decisions)>();
        foreach (var (i, decisions) in allowed)
        {
            var fact = _targets.Facts[i];
            _touched[i] = true;
            switch (fact.Trust)
            {
                case RoleTrustState.Unknown:
                    _unknowns.Add(new AuditUnknown(_account, $"the trust policy of {fact.Arn}", $"{arn} can pass {fact.Arn} to Glue, but whether the role trusts Glue is unknown: {fact.TrustError}")
                    {
                        Principal = arn,
                        Role = fact.Arn,
                    });
                    break;
                case RoleTrustState.NotTrusting:
                    notTrusting.Add((fact, decisions));
                    break;
                default:
                    var grant = principal.Grant(fact, decisions);
                    _grants.Add(grant);
                    if (grant.CanRunAsRole)
                    {
                        await _escalation.CheckAsync(principal, grant).ConfigureAwait(false);
                    }

                    break;
            }
        }

        if (anyRole)
        {
            _findings.AnyRole(arn, allowed.Count, notTrusting.Count, [.. principal.BroadStatements()]);
        }
        else
        {
            foreach (var (role, decisions) in notTrusting)
            {
                _findings.NotTrusting(arn, role.Arn, principal.GrantedBy(role, decisions));
            }
        }
    }

    private void NoteScpGap(SourceGap gap)
    {
        if (!_scpNoted)
        {
            _scpNoted = true;
            _unknowns.Add(new AuditUnknown(_account, gap.Subject, $"{gap.Error} The grants assume no service control policy denies them.")
            {
                MissingPermission = gap.Error.MissingPermission,
            });
        }
    }

    private void AddListingUnknown<T>(string subject, string permission, SourceResult<T> result)
        where T : notnull
    {
        if (!result.IsFound)
        {
            _unknowns.Add(new AuditUnknown(_account, subject, result.Error?.ToString() ?? $"{result.NotFoundSubject} was not found.")
            {
                MissingPermission = result.Error?.MissingPermission ?? permission,
            });
        }
    }

    /// <summary>
    /// The roles that trust Glue, that no principal can pass and that no Glue resource of the source runs as: a template's
    /// job was created with its role by the deployer (CloudFormation, Terraform), and a saved job shows its role in use.
    /// When the source's Glue resources cannot be listed, that is an unknown and the roles are still named; when some kinds
    /// are not listed (<see cref="IGlueJobDirectory.UnlistedKinds"/>), a role reported dead carries an unknown naming them.
    /// </summary>
    private async ValueTask AddDeadRolesAsync()
    {
        var candidates = Enumerable.Range(0, _targets.Facts.Length).Where(i => _targets.Facts[i].TrustsGlue && !_targets.Facts[i].IsProbe && !_touched[i]).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var inUse = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (_glue is not null)
        {
            var listed = await _glue.ListResourcesAsync(_cancellationToken).ConfigureAwait(false);
            if (listed.TryGetValue(out var resources))
            {
                // A resource stores a bare role name (in its own account) or an ARN; role names are unique per account
                // and case-insensitive (IAM User Guide, "IAM identifiers").
                foreach (var resource in resources)
                {
                    if (!resource.Role.StartsWith("arn:", StringComparison.Ordinal) || string.Equals(ArnText.Account(resource.Role), _account, StringComparison.Ordinal))
                    {
                        inUse.Add(ArnText.RoleName(resource.Role));
                    }
                }
            }
            else if (listed.Status == SourceResultStatus.Unreadable)
            {
                _unknowns.Add(new AuditUnknown(_account, "the source's Glue resources", $"{listed.Error} A role reported dead may be the role of one of them."));
            }
        }

        var dead = 0;
        foreach (var i in candidates)
        {
            var arn = _targets.Facts[i].Arn;
            if (!inUse.Contains(ArnText.RoleName(arn)) || !string.Equals(ArnText.Account(arn), _account, StringComparison.Ordinal))
            {
                _findings.Dead(arn);
                dead++;
            }
        }

        // A listing that skips some kinds read less than the whole source: a dead role may run one of the skipped kinds.
        if (dead > 0 && _glue is { UnlistedKinds: { Count: > 0 } unlisted })
        {
            var kinds = string.Join(", ", unlisted.Order());
            _unknowns.Add(new AuditUnknown(_account, $"the source's Glue resources of kind {kinds}", $"The source does not list its Glue resources of kind {kinds}. A role reported dead may be the role of one of them."));
        }
    }

    private PassRoleAuditReport Report(int principals, int roles, int targets)
    {
        PassRoleGrant[] grants = [.. _grants.OrderBy(g => g.Principal, StringComparer.Ordinal).ThenBy(g => g.Role, StringComparer.Ordinal)];
        return new()
        {
            Account = _account,
            PerPair = _perPair,
            Grants = grants,
            GrantGroups = GrantGrouping.Group(grants),
            Findings = _findings.Write(_account, _perPair, _unknownPrincipals),
            Unknowns = [.. _unknowns],
            PrincipalCount = principals,
            RoleCount = roles,
            TargetCount = targets,
            PairsDecided = _pairs,
        };
    }

    /// <summary>" (with MFA)", " (only when aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0)" or nothing: the circumstances of a grant, for a path.</summary>
    internal static string When(PassRoleGrant grant) =>
        GrantConditions.OnlyMfa(grant) ? " (with MFA)" : grant.IsConditional ? $" (only when {GrantConditions.Text(grant)})" : string.Empty;

    internal static string Short(string arn) => RoleIndex.ResourceComponent(arn);
}
