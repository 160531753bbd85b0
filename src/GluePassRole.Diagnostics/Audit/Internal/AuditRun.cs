using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// The state of one audit: the role index, each principal compiled once, the pairs its PassRole allows reach. Every
/// request comes from the run's one <see cref="RequestBuilder"/>: the caller's part built once per principal, the role's
/// part per pair, and the circumstances (the keys the tool cannot read) decided per class of values, once per principal.
/// </summary>
internal sealed class AuditRun
{
    private const string PassRole = "iam:PassRole";

    // Roles no policy is written for: a principal allowed to pass all of them can pass any role (PassRoleAllowAnalysis's idea).
    private static readonly string[] ProbeRoleNames = ["a-glue-passrole-audit-probe", "Z9-glue-passrole-audit-probe", "p/q/glue-passrole-audit-probe"];

    private static readonly bool[] NoneUndecided = new bool[HighImpactProbes.All.Length];

    /// <summary>Every action the audit decides.</summary>
    private static readonly string[] DecidedActions = [PassRole, .. GlueRoleOperations.All, .. HighImpactProbes.All.Select(p => p.Action).Distinct(StringComparer.Ordinal)];

    private readonly IIamInventoryReader _inventory;
    private readonly EffectivePolicyResolver _resolver;
    private readonly IAccountIdentitySource? _identity;
    private readonly RequestBuilder _builder;
    private readonly bool _prune;
    private readonly bool _perPair;
    private readonly IProgress<PassRoleAuditProgress>? _progress;
    private readonly CancellationToken _cancellationToken;

    private readonly List<PassRoleGrant> _grants = [];
    private readonly AuditFindings _findings = new();
    private readonly List<AuditUnknown> _unknowns = [];
    private readonly HashSet<string> _broadSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<PolicyDocument, IReadOnlyList<BroadPassRoleAllow>> _broad = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, ProbeHolds?> _roleHolds = new(StringComparer.Ordinal);
    private readonly Dictionary<PolicyDocument, CompiledPolicySet?[]> _passRoleStatements = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PolicyDocument, PolicyDocument> _relevant = new(ReferenceEqualityComparer.Instance);

    private string _account = "unknown";
    private string _partition = "aws";
    private RoleIndex _index = new([]);
    private RoleFacts[] _facts = [];
    private bool[] _reached = [];
    private bool[] _touched = [];
    private bool _scpNoted;
    private int _unknownPrincipals;
    private long _pairs;

    public AuditRun(IIamInventoryReader inventory, EffectivePolicyResolver resolver, IAccountIdentitySource? identity, RequestOptions requestOptions, bool prune, bool perPair, IProgress<PassRoleAuditProgress>? progress, CancellationToken cancellationToken)
    {
        _perPair = perPair;
        _inventory = inventory;
        _resolver = resolver;
        _identity = identity;
        _builder = new RequestBuilder(requestOptions);
        _prune = prune;
        _progress = progress;
        _cancellationToken = cancellationToken;
    }

    private enum Trust
    {
        TrustsGlue,
        TrustsGlueUnderConditions,
        NotTrusting,
        Unknown,
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

        AddDeadRoles();
        return Report(total, roleList.Count, _facts.Count(f => f.TrustsGlue && !f.IsProbe));
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
        var byArn = roles.ToDictionary(r => r.Arn, StringComparer.Ordinal);
        var probes = ProbeRoleNames.Select(n => $"arn:{_partition}:iam::{_account}:role/{n}").ToArray();
        _index = new RoleIndex([.. byArn.Keys, .. probes]);
        var trustCache = new Dictionary<PolicyDocument, RoleFacts>(ReferenceEqualityComparer.Instance);
        BuiltRequest? untagged = null;
        _facts = [.. _index.Arns.Select(arn =>
        {
            if (!byArn.TryGetValue(arn, out var role))
            {
                return new RoleFacts(arn, Trust.NotTrusting, null, IsProbe: true, new RoleTarget(arn) { Tags = [] });
            }

            var target = RoleTarget.From(role);
            if (!role.TrustPolicy.TryGetValue(out var trust))
            {
                return new RoleFacts(arn, Trust.Unknown, role.TrustPolicy.Error?.ToString() ?? "the trust policy is not in the data", IsProbe: false, target);
            }

            // A trust policy has no Resource element, so unless it reads the role's tags its answer does not depend on the
            // role: decide each document once.
            if (trustCache.TryGetValue(trust, out var cached))
            {
                return cached with { Arn = arn, Target = target };
            }

            // Glue's request depends on the role through its account and its tags: one request serves every role of the
            // account whose trust policy does not read tags.
            if (RoleKeys.ReadsRoleTags(trust.Statements) || !string.Equals(ArnText.Account(arn), _account, StringComparison.Ordinal))
            {
                return TrustFacts(arn, target, GlueTrust.Decide(_builder, trust, target));
            }

            untagged ??= _builder.ServiceAssumeRole(GlueTrust.GlueServicePrincipal, new RoleTarget($"arn:{_partition}:iam::{_account}:role/request-template") { Tags = [] });
            var facts = TrustFacts(arn, target, GlueTrust.Decide(untagged, trust, arn));
            trustCache[trust] = facts;
            return facts;
        })];
        _reached = new bool[_index.Count];
        _touched = new bool[_index.Count];
        foreach (var (fact, i) in _facts.Select((f, i) => (f, i)).Where(x => x.f.Trust == Trust.Unknown))
        {
            _unknowns.Add(new AuditUnknown(_account, $"the trust policy of {fact.Arn}", fact.TrustError!) { Role = fact.Arn });
            _touched[i] = true;
        }
    }

    /// <summary>
    /// Trusting, trusting under conditions (some class of Glue's circumstances allows, e.g. <c>aws:SourceAccount</c> equal
    /// to the account), not trusting (no class allows), or unknown (no decided class allows, but some lie past the bound).
    /// </summary>
    private static RoleFacts TrustFacts(string arn, RoleTarget target, ConditionalDecision decision)
    {
        if (decision.Uniform == Decision.Allowed)
        {
            return new RoleFacts(arn, Trust.TrustsGlue, null, IsProbe: false, target);
        }

        if (decision.Outcomes.Any(o => o.Decision == Decision.Allowed))
        {
            return new RoleFacts(arn, Trust.TrustsGlueUnderConditions, null, IsProbe: false, target)
            {
                TrustConditions = GrantConditions.Of(decision, GrantConditionScope.GlueAssumeRole),
                TrustVerdict = decision.Describe(),
            };
        }

        return decision.IsComplete
            ? new RoleFacts(arn, Trust.NotTrusting, null, IsProbe: false, target)
            : new RoleFacts(arn, Trust.Unknown, $"whether the trust policy lets Glue assume the role is not decided: {decision.Describe()}", IsProbe: false, target);
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
            else if (gap.CouldAffect(PassRole) || GlueRoleOperations.All.Any(a => gap.CouldAffect(a)))
            {
                gaps.Add(gap);
            }
            else if (HighImpactProbes.All.Any(p => gap.CouldAffect(p.Action, ProbeResource(p))))
            {
                // A statement not known that cannot match PassRole or a Glue operation: it leaves the principal's grants
                // known, and only the high-impact permissions it could hold undecided.
                probeGaps.Add(gap);
            }
        }

        foreach (var policy in effective.Policies.IdentityPolicies)
        {
            if (_index.AllowsPassRole(policy.Document))
            {
                AddBroadFindings(policy);
            }
        }

        var unknown = effective.PrincipalStatus != SourceResultStatus.Found || gaps.Count > 0;
        var marked = new List<int>();
        var all = !_prune;
        foreach (var policy in effective.Policies.IdentityPolicies)
        {
            if (!all && _index.Reach(policy.Document, _reached, marked))
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

        var principal = new PrincipalRun(this, arn, effective) { ProbeGaps = probeGaps };
        var candidates = all ? Enumerable.Range(0, _index.Count) : marked.Order();
        var allowed = new List<(int Index, PairDecision Decisions)>();
        var probesAllowed = 0;
        foreach (var i in candidates)
        {
            var decisions = principal.Decide(_facts[i]);
            _pairs++;
            if (!decisions.AnyAllowed)
            {
                continue;
            }

            if (_facts[i].IsProbe)
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
                AllowedByReadPolicies = [.. allowed.Where(a => _facts[a.Index].TrustsGlue).Select(a => _facts[a.Index].Arn)],
            });
            return;
        }

        if (principal.PastTheBound is { } pastTheBound)
        {
            _unknowns.Add(new AuditUnknown(_account, $"the circumstances of {arn}'s iam:PassRole requests", pastTheBound) { Principal = arn });
        }

        var anyRole = probesAllowed == ProbeRoleNames.Length;
        var notTrusting = new List<(RoleFacts Role, PairDecision Decisions)>();
        foreach (var (i, decisions) in allowed)
        {
            var fact = _facts[i];
            _touched[i] = true;
            switch (fact.Trust)
            {
                case Trust.Unknown:
                    _unknowns.Add(new AuditUnknown(_account, $"the trust policy of {fact.Arn}", $"{arn} can pass {fact.Arn} to Glue, but whether the role trusts Glue is unknown: {fact.TrustError}")
                    {
                        Principal = arn,
                        Role = fact.Arn,
                    });
                    break;
                case Trust.NotTrusting:
                    notTrusting.Add((fact, decisions));
                    break;
                default:
                    var grant = principal.Grant(fact, decisions);
                    _grants.Add(grant);
                    if (grant.CanRunAsRole)
                    {
                        await CheckEscalationAsync(principal, grant).ConfigureAwait(false);
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

    private async ValueTask CheckEscalationAsync(PrincipalRun principal, PassRoleGrant grant)
    {
        if (!_roleHolds.TryGetValue(grant.Role, out var roleHolds))
        {
            var effective = await _resolver.ResolveAsync(grant.Role, null, _cancellationToken).ConfigureAwait(false);
            var gaps = effective.Gaps.Where(g => g.PolicyType != PolicyType.ServiceControlPolicy).ToList();

            // A statement that is not known leaves undecided only the probes it could match; any other gap, all of them.
            roleHolds = effective.PrincipalStatus == SourceResultStatus.Found && gaps.All(g => g.Statement is not null)
                ? new ProbeHolds(
                    HighImpact(PolicyEvaluator.Compile(Relevant(effective.Policies)), _builder.ForCaller(RequestCaller.From(effective), GlueTrust.GlueServicePrincipal), effective, null),
                    UndecidedProbes(gaps),
                    gaps)
                : null;
            _roleHolds[grant.Role] = roleHolds;
            if (roleHolds is null)
            {
                _unknowns.Add(new AuditUnknown(_account, $"the policies of {grant.Role}", $"Whether running as {grant.Role} escalates privilege is unknown: {string.Join("; ", effective.Gaps.Select(g => g.ToString()))}")
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
        var principalUndecided = UndecidedProbes(principal.ProbeGaps);
        var probes = HighImpactProbes.All;
        var lacking = probes.Where((_, i) => roleHolds.Held[i] && !roleHolds.Undecided[i] && !principalHolds[i] && !principalUndecided[i]).Select(p => p.Label).ToList();
        var undecided = probes
            .Where((_, i) => (roleHolds.Undecided[i] || principalUndecided[i]) && (roleHolds.Held[i] || roleHolds.Undecided[i]) && (!principalHolds[i] || principalUndecided[i]))
            .Select(p => p.Label)
            .ToList();
        if (undecided.Count > 0)
        {
            var unknownStatements = roleHolds.Gaps.Concat(principal.ProbeGaps).Where(g => probes.Any(p => undecided.Contains(p.Label) && g.CouldAffect(p.Action, ProbeResource(p))));
            _unknowns.Add(new AuditUnknown(_account, string.Join("; ", unknownStatements.Select(g => g.Subject).Distinct(StringComparer.Ordinal)),
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

        _findings.Escalation(grant, lacking);
    }

    private void AddBroadFindings(SourcedPolicy policy)
    {
        if (!_broad.TryGetValue(policy.Document, out var broad))
        {
            broad = PassRoleAllowAnalysis.FindBroadAllows(policy.Document);
            _broad[policy.Document] = broad;
        }

        foreach (var statement in broad)
        {
            if ((statement.Reasons & BroadPassRoleReasons.AnyService) == 0)
            {
                continue;
            }

            var key = (policy.Source.Arn ?? $"{policy.Source.Kind}/{policy.Source.AttachedTo}/{policy.Source.Name}") + "#" + statement.StatementIndex;
            if (_broadSeen.Add(key))
            {
                _findings.Statement(new AuditFinding(
                    _account,
                    AuditFindingCodes.PassRoleWithoutPassedToService,
                    AuditSeverity.Warning,
                    $"Statement {statement.Label} of {policy.Source} grants iam:PassRole without an iam:PassedToService condition: the roles it covers can be passed to any service, not only Glue.")
                {
                    Policy = policy.Source.Arn ?? policy.Source.Name,
                    Statement = statement.Label,
                    Evidence = [statement.Explanation],
                });
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

    private void AddDeadRoles()
    {
        for (var i = 0; i < _facts.Length; i++)
        {
            if (!_facts[i].TrustsGlue || _facts[i].IsProbe || _touched[i])
            {
                continue;
            }

            _findings.Dead(_facts[i].Arn);
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

    /// <summary>The probes a statement that is not known could match: whether they are held is not decided.</summary>
    private bool[] UndecidedProbes(IReadOnlyList<SourceGap> gaps) =>
        gaps.Count == 0 ? NoneUndecided : [.. HighImpactProbes.All.Select(p => gaps.Any(g => g.CouldAffect(p.Action, ProbeResource(p))))];

    private string ProbeResource(HighImpactProbe probe) =>
        probe.Resource.Replace("{partition}", _partition, StringComparison.Ordinal).Replace("{account}", _account, StringComparison.Ordinal);

    /// <summary>Which high-impact probes the caller is allowed under some class of the circumstances.</summary>
    /// <param name="compiled">The caller's relevant policies, compiled.</param>
    /// <param name="requests">The caller's requests.</param>
    /// <param name="effective">The caller's policies.</param>
    /// <param name="callsUseCircumstances">Whether a condition of the policies is on a circumstance of the caller's calls; found when <see langword="null"/>.</param>
    private bool[] HighImpact(CompiledPolicySet compiled, CallerRequests requests, EffectivePolicies effective, bool? callsUseCircumstances)
    {
        var circumstantial = callsUseCircumstances ?? RoleKeys.UsesCircumstances(RoleKeys.Statements(Relevant(effective.Policies)), requests.CallTemplate.IsCircumstance);
        CompiledPolicySet? underKeyPolicy = null;
        var held = new bool[HighImpactProbes.All.Length];
        for (var p = 0; p < held.Length; p++)
        {
            var probe = HighImpactProbes.All[p];
            var set = probe.UnderDefaultKeyPolicy ? underKeyPolicy ??= PolicyEvaluator.Compile(Relevant(effective.Policies) with { ResourcePolicy = DefaultKeyPolicy() }) : compiled;
            var resource = ProbeResource(probe);
            if (probe.PassedToService is { } service)
            {
                var (request, circumstances) = requests.PassRole(new RoleTarget(resource) { Tags = [] }, service);
                held[p] = AllowedUnderSome(set, request, circumstances);
            }
            else
            {
                var (call, built) = requests.Call(probe.Action, resource);
                held[p] = circumstantial ? AllowedUnderSome(set, call, built.Circumstances) : set.Decide(call) == Decision.Allowed;
            }
        }

        return held;
    }

    /// <summary>Whether some class of the request's circumstances allows it (its one decision when it has none).</summary>
    private static bool AllowedUnderSome(CompiledPolicySet set, AuthorizationRequest request, CircumstanceOptions circumstances)
    {
        var space = set.Circumstances(request, circumstances);
        return space.IsEmpty
            ? set.Decide(request) == Decision.Allowed
            : set.DecideUnder(request, space).Outcomes.Any(o => o.Decision == Decision.Allowed);
    }

    /// <summary>
    /// Each Allow statement of a document that covers <c>iam:PassRole</c>, compiled alone (null for the others), shared by
    /// every principal the document is attached to: a grant is explained by the statements that allow it on their own,
    /// which is what the evaluator lists as the deciding identity-based statements of an allowed request.
    /// </summary>
    private CompiledPolicySet?[] PassRoleStatements(SourcedPolicy policy)
    {
        if (!_passRoleStatements.TryGetValue(policy.Document, out var sets))
        {
            var statements = policy.Document.Statements;
            sets = new CompiledPolicySet?[statements.Count];
            for (var i = 0; i < statements.Count; i++)
            {
                if (statements[i].Effect == Effect.Allow && StatementActions.Covers(statements[i], PassRole))
                {
                    var alone = policy.Document with { Statements = [statements[i]] };
                    sets[i] = PolicyEvaluator.Compile(new PolicySet { IdentityPolicies = [new SourcedPolicy(alone, policy.Source)] });
                }
            }

            _passRoleStatements[policy.Document] = sets;
        }

        return sets;
    }

    /// <summary>
    /// The policies with only the statements that cover an action the audit decides (PassRole, the Glue role-taking
    /// operations, the high-impact probes). A decision only ever looks at statements covering its action, so every audit
    /// decision is the same, and compiling a principal costs its few relevant statements, not its hundreds. Each document
    /// is filtered once and shared by every principal it is attached to.
    /// </summary>
    private PolicySet Relevant(PolicySet policies) => policies with
    {
        IdentityPolicies = [.. policies.IdentityPolicies.Select(Relevant)],
        PermissionsBoundary = policies.PermissionsBoundary is { } boundary ? Relevant(boundary) : null,
        ServiceControlPolicies = policies.ServiceControlPolicies?.Select(level => (IReadOnlyList<SourcedPolicy>)[.. level.Select(Relevant)]).ToList(),
    };

    private SourcedPolicy Relevant(SourcedPolicy policy)
    {
        if (!_relevant.TryGetValue(policy.Document, out var relevant))
        {
            var statements = policy.Document.Statements.Where(s => DecidedActions.Any(a => StatementActions.Covers(s, a))).ToList();
            relevant = statements.Count == policy.Document.Statements.Count ? policy.Document : policy.Document with { Statements = statements };
            _relevant[policy.Document] = relevant;
        }

        return ReferenceEquals(relevant, policy.Document) ? policy : policy with { Document = relevant };
    }

    /// <summary>The key policy KMS creates by default: the account's IAM policies decide access to the key.</summary>
    private SourcedPolicy DefaultKeyPolicy() => new(
        PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:{{_partition}}:iam::{{_account}}:root"},"Action":"kms:*","Resource":"*"}]}"""),
        new PolicySource(PolicySourceKind.ResourcePolicy, "default key policy"));

    internal static string Short(string arn) => RoleIndex.ResourceComponent(arn);

    /// <summary>A role: whether Glue may assume it, and under which circumstances of Glue's request.</summary>
    private readonly record struct RoleFacts(string Arn, Trust Trust, string? TrustError, bool IsProbe, RoleTarget Target)
    {
        public IReadOnlyList<GrantCondition> TrustConditions { get; init; } = [];

        public string? TrustVerdict { get; init; }

        public bool TrustsGlue => Trust is Trust.TrustsGlue or Trust.TrustsGlueUnderConditions;
    }

    /// <summary>
    /// One principal, compiled once, with its requests from the builder (the caller's part built once) and the
    /// circumstances of its PassRole requests (their classes found once): what it may do under each class.
    /// </summary>
    /// <remarks>
    /// The passed role's tags are circumstances of an <c>iam:PassRole</c> request, each with the role's own value or
    /// absent (<see cref="RequestBuilder.PassRole"/>; AWS documents that ResourceTag conditions on it do not give reliable
    /// results): when a statement that covers <c>iam:PassRole</c> reads them, each pair's circumstances are its own.
    /// </remarks>
    private sealed class PrincipalRun
    {
        private const string TagsNote = "AWS documents that ResourceTag conditions on iam:PassRole do not give reliable results";

        private static readonly string[] Masks = [.. Enum.GetValues<Decision>().Select(d => ((char)('0' + (int)d)).ToString())];

        private readonly AuditRun _run;
        private readonly EffectivePolicies _effective;
        private readonly CompiledPolicySet _compiled;
        private readonly CallerRequests _requests;
        private readonly bool _spacePerPair;
        private readonly CircumstanceSpace _space;
        private readonly IReadOnlyList<CircumstanceClass>[] _assignments;
        private readonly AuthorizationRequest[] _passRequests;
        private readonly Dictionary<string, GrantShape> _shapes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool[]> _operations = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<GrantSource>> _grantedBy = new(StringComparer.Ordinal);
        private readonly List<PolicyStatement> _relevantStatements;
        private bool? _callsUseCircumstances;
        private List<PolicyStatement>? _allows;
        private bool[]? _highImpact;
        private List<(SourcedPolicy Policy, int Index, CompiledPolicySet Alone)>? _statements;

        public PrincipalRun(AuditRun run, string arn, EffectivePolicies effective)
        {
            _run = run;
            Arn = arn;
            _effective = effective;
            var relevant = run.Relevant(effective.Policies);
            _compiled = PolicyEvaluator.Compile(relevant);
            _requests = run._builder.ForCaller(RequestCaller.From(effective), GlueTrust.GlueServicePrincipal);
            var template = _requests.PassRoleTemplate;
            _relevantStatements = [.. RoleKeys.Statements(relevant)];
            var passStatements = _relevantStatements.Where(s => StatementActions.Covers(s, PassRole)).ToList();

            // The classes of a circumstance key depend on the request only through policy variables in its conditions,
            // and on the role only through its tags, when a statement reads them.
            _spacePerPair = RoleKeys.ReadsRoleTags(passStatements) || RoleKeys.HasVariablesOnCircumstances(passStatements, template.IsCircumstance);
            _space = _compiled.Circumstances(template.Request, template.Circumstances);
            _assignments = [.. _space.Assignments()];
            _passRequests = [.. _assignments.Select(a => template.Request with { Context = CircumstanceSpace.Apply(template.Request.Context, a) })];
            if (!_space.IsComplete)
            {
                PastTheBound = $"Its iam:PassRole requests depend on {_space.Combinations} combinations of circumstances ({string.Join(", ", _space.Keys)}); "
                    + $"the {_space.Combinations - _space.Bound} past the bound of {_space.Bound} were not decided, so a pass allowed only under those is not reported.";
            }
        }

        public string Arn { get; }

        /// <summary>The statements not known that could match only high-impact probes (not PassRole nor a Glue operation).</summary>
        public IReadOnlyList<SourceGap> ProbeGaps { get; init; } = [];

        /// <summary>Why some combinations of circumstances were not decided, or <see langword="null"/> when all were.</summary>
        public string? PastTheBound { get; }

        /// <summary>The pass of <paramref name="role"/> to Glue, per class of the circumstances.</summary>
        public PairDecision Decide(RoleFacts role)
        {
            if (!_spacePerPair && _requests.SharesTemplate(role.Target))
            {
                // The template's request, but for the role's ARN: nothing else of it that a statement reads depends on the role.
                var decisions = new Decision[_assignments.Length];
                for (var c = 0; c < decisions.Length; c++)
                {
                    decisions[c] = _compiled.Decide(_passRequests[c] with { Resource = role.Arn });
                }

                return new PairDecision(_space, _assignments, decisions, null);
            }

            var (request, options) = _requests.PassRole(role.Target);
            var space = _compiled.Circumstances(request, options);
            var assignments = space.Assignments().ToArray();
            return new PairDecision(space, assignments, [.. assignments.Select(a => _compiled.Decide(Under(request, a)))], request);
        }

        public PassRoleGrant Grant(RoleFacts role, PairDecision pair)
        {
            var request = pair.Request ?? _requests.PassRoleTemplate.Request with { Resource = role.Arn };
            var shape = Shape(pair, request);
            var grantedBy = GrantedBy(pair, request);
            return new PassRoleGrant(_run._account, Arn, role.Arn)
            {
                RequiresMfa = shape.RequiresMfa,
                Conditions = role.TrustConditions.Count == 0 ? shape.Conditions : [.. shape.Conditions, .. role.TrustConditions],
                Verdict = shape.Verdict,
                TrustVerdict = role.TrustVerdict,
                CanRunAsRole = shape.Run.Any(o => GlueRoleOperations.RunAs.Contains(o)),
                RunOperations = shape.Run,
                OtherOperations = shape.Other,
                GrantedBy = grantedBy,
            };
        }

        /// <summary>The Allow statements that grant the pass of <paramref name="role"/> (which may not trust Glue).</summary>
        public IReadOnlyList<GrantSource> GrantedBy(RoleFacts role, PairDecision pair) =>
            GrantedBy(pair, pair.Request ?? _requests.PassRoleTemplate.Request with { Resource = role.Arn });

        public bool[] HighImpact() => _highImpact ??= _run.HighImpact(_compiled, _requests, _effective, CallsUseCircumstances);

        public IEnumerable<string> BroadStatements() => _effective.Policies.IdentityPolicies
            .SelectMany(p => PassRoleAllowAnalysis.FindBroadAllows(p.Document)
                .Where(b => (b.Reasons & BroadPassRoleReasons.AnyRole) != 0)
                .Select(b => $"statement {b.Label} of {p.Source}"))
            .Distinct(StringComparer.Ordinal);

        /// <summary>Whether a condition of the principal's relevant policies is on a circumstance of its calls (otherwise each call has one decision).</summary>
        private bool CallsUseCircumstances => _callsUseCircumstances ??= RoleKeys.UsesCircumstances(_relevantStatements, _requests.CallTemplate.IsCircumstance);

        private static AuthorizationRequest Under(AuthorizationRequest request, IReadOnlyList<CircumstanceClass> assignment) =>
            assignment.Count == 0 ? request : request with { Context = CircumstanceSpace.Apply(request.Context, assignment) };

        private static bool AllowsUnderSome(CompiledPolicySet set, PairDecision pair, AuthorizationRequest request)
        {
            for (var c = pair.Decisions.Length - 1; c >= 0; c--)
            {
                if (pair.Decisions[c] == Decision.Allowed && set.Decide(Under(request, pair.Assignments[c])) == Decision.Allowed)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Explains a pass with every class that allows: the statements that allow it alone under one of them. The pairs
        /// explained by the same statements share one list.
        /// </summary>
        private IReadOnlyList<GrantSource> GrantedBy(PairDecision pair, AuthorizationRequest request)
        {
            var statements = PassRoleStatements();
            var mask = new char[statements.Count];
            for (var s = 0; s < statements.Count; s++)
            {
                mask[s] = AllowsUnderSome(statements[s].Alone, pair, request) ? '1' : '0';
            }

            var key = new string(mask);
            if (_grantedBy.TryGetValue(key, out var known))
            {
                return known;
            }

            var grantedBy = new List<GrantSource>();
            for (var s = 0; s < statements.Count; s++)
            {
                if (mask[s] == '1')
                {
                    var (policy, index, _) = statements[s];
                    var source = new GrantSource(policy.Source.Name, policy.Source.AttachedTo, policy.Document.Statements[index].Label(index), policy.Source.Kind);
                    if (!grantedBy.Contains(source))
                    {
                        grantedBy.Add(source);
                    }
                }
            }

            _grantedBy[key] = grantedBy;
            return grantedBy;
        }

        /// <summary>A tag class of the passed role says what AWS documents about it.</summary>
        private static GrantCondition WithTagsNote(GrantCondition condition) =>
            RoleKeys.IsRoleTagKey(condition.Key) && !condition.Description.Contains(TagsNote, StringComparison.Ordinal)
                ? condition with { Description = $"{condition.Description} (the role's tag, if the iam:PassRole request carries it; {TagsNote})" }
                : condition;

        /// <summary>What every pair with the same decisions per class shares: its conditions, verdict and operations.</summary>
        private GrantShape Shape(PairDecision pair, AuthorizationRequest request)
        {
            var key = ReferenceEquals(pair.Space, _space) ? Mask(pair) : null;
            if (key is not null && _shapes.TryGetValue(key, out var shape))
            {
                return shape;
            }

            var decision = _compiled.DecideUnder(request, pair.Space);
            var readsTags = pair.Space.Keys.Any(RoleKeys.IsRoleTagKey);
            var run = new HashSet<string>(StringComparer.Ordinal);
            var other = new HashSet<string>(StringComparer.Ordinal);
            for (var c = 0; c < pair.Decisions.Length; c++)
            {
                if (pair.Decisions[c] != Decision.Allowed)
                {
                    continue;
                }

                var operations = OperationsUnder(pair.Assignments[c]);
                for (var o = 0; o < GlueRoleOperations.All.Length; o++)
                {
                    if (operations[o])
                    {
                        var name = GlueRoleOperations.All[o];
                        (o < GlueRoleOperations.RunAs.Length || name == GlueRoleOperations.StartJobRun ? run : other).Add(name);
                    }
                }
            }

            // StartJobRun is noted beside a job the principal can create or update; alone it runs only existing jobs.
            if (!run.Contains("glue:CreateJob") && !run.Contains("glue:UpdateJob"))
            {
                run.Remove(GlueRoleOperations.StartJobRun);
            }

            var verdict = decision.Uniform == Decision.Allowed ? nameof(Decision.Allowed) : decision.Describe();
            shape = new GrantShape(
                [.. GrantConditions.Of(decision, GrantConditionScope.PassRole).Select(WithTagsNote)],
                GrantConditions.RequiresMfa(decision),
                readsTags && decision.Uniform is null ? $"{verdict} ({TagsNote})" : verdict,
                [.. GlueRoleOperations.All.Where(run.Contains)],
                [.. GlueRoleOperations.All.Where(other.Contains)]);
            if (key is not null)
            {
                _shapes[key] = shape;
            }

            return shape;
        }

        private static string Mask(PairDecision pair) => pair.Decisions.Length == 1 ? Masks[(int)pair.Decisions[0]] : string.Create(pair.Decisions.Length, pair.Decisions, (chars, decisions) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('0' + (int)decisions[i]);
            }
        });

        private List<(SourcedPolicy Policy, int Index, CompiledPolicySet Alone)> PassRoleStatements()
        {
            if (_statements is null)
            {
                _statements = [];
                foreach (var policy in _effective.Policies.IdentityPolicies)
                {
                    var sets = _run.PassRoleStatements(policy);
                    for (var i = 0; i < sets.Length; i++)
                    {
                        if (sets[i] is { } alone)
                        {
                            _statements.Add((policy, i, alone));
                        }
                    }
                }
            }

            return _statements;
        }

        /// <summary>
        /// Under one class of the pass's circumstances (the same call makes the pass and the Glue request), whether each
        /// Glue role-taking operation is allowed on some resource of its type under some class of its own further circumstances.
        /// </summary>
        private bool[] OperationsUnder(IReadOnlyList<CircumstanceClass> assignment)
        {
            var key = string.Join("\u001f", assignment.Select(c => c.Key + "=" + (c.Value ?? "\0")));
            if (_operations.TryGetValue(key, out var held))
            {
                return held;
            }

            _allows ??= [.. _effective.Policies.IdentityPolicies.SelectMany(p => p.Document.Statements).Where(s => s.Effect == Effect.Allow)];
            held = new bool[GlueRoleOperations.All.Length];

            // The resources of one account share a context, so an action's circumstances are found once per context.
            var contexts = new Dictionary<RequestContext, RequestContext>(ReferenceEqualityComparer.Instance);
            var spaces = new Dictionary<(string Action, RequestContext Context), CircumstanceSpace>();
            for (var o = 0; o < held.Length; o++)
            {
                var action = GlueRoleOperations.All[o];
                var covering = _allows.Where(s => StatementActions.Covers(s, action)).ToList();
                held[o] = ActionResources.For(action, _run._partition, _run._account, covering).All(group => group.Any(resource =>
                {
                    var (request, built) = _requests.Call(action, resource);
                    if (!contexts.TryGetValue(request.Context, out var context))
                    {
                        context = request.Context;
                        foreach (var circumstance in assignment)
                        {
                            if (built.IsCircumstance(circumstance.Key))
                            {
                                context = circumstance.Value is { } value ? context.With(circumstance.Key, value) : context.Without(circumstance.Key);
                            }
                        }

                        contexts[request.Context] = context;
                    }

                    request = request with { Context = context };
                    if (!CallsUseCircumstances)
                    {
                        return _compiled.Decide(request) == Decision.Allowed;
                    }

                    if (!spaces.TryGetValue((action, context), out var space))
                    {
                        space = _compiled.Circumstances(request, built.Circumstances);
                        spaces[(action, context)] = space;
                    }

                    return space.IsEmpty
                        ? _compiled.Decide(request) == Decision.Allowed
                        : _compiled.DecideUnder(request, space).Outcomes.Any(outcome => outcome.Decision == Decision.Allowed);
                }));
            }

            _operations[key] = held;
            return held;
        }
    }

    /// <summary>
    /// One pair's decision per combination of the PassRole request's circumstance classes (one combination, with no
    /// class, when the principal's policies use no circumstance), with the request when it is not the principal's template.
    /// </summary>
    private readonly record struct PairDecision(CircumstanceSpace Space, IReadOnlyList<CircumstanceClass>[] Assignments, Decision[] Decisions, AuthorizationRequest? Request)
    {
        public bool AnyAllowed => Array.IndexOf(Decisions, Decision.Allowed) >= 0;
    }

    /// <summary>Which high-impact probes a role holds on the statements read, which its unknown statements leave undecided, and those statements.</summary>
    private sealed record ProbeHolds(bool[] Held, bool[] Undecided, IReadOnlyList<SourceGap> Gaps);

    /// <summary>The part of a grant shared by every pair of a principal with the same decisions per class.</summary>
    private sealed record GrantShape(IReadOnlyList<GrantCondition> Conditions, bool RequiresMfa, string Verdict, string[] Run, string[] Other);
}
