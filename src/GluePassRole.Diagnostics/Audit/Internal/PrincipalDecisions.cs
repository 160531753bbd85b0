using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// One principal, compiled once, with its requests from the builder (the caller's part built once) and the
/// circumstances of its PassRole requests (their classes found once): what it may do under each class.
/// </summary>
/// <remarks>
/// The passed role's tags are circumstances of an <c>iam:PassRole</c> request, each with the role's own value or
/// absent (<see cref="RequestBuilder.PassRole"/>; AWS documents that ResourceTag conditions on it do not give reliable
/// results): when a statement that covers <c>iam:PassRole</c> reads them, each pair's circumstances are its own.
/// </remarks>
internal sealed class PrincipalDecisions
{
    private const string TagsNote = "AWS documents that ResourceTag conditions on iam:PassRole do not give reliable results";

    private static readonly string[] Masks = [.. Enum.GetValues<Decision>().Select(d => ((char)('0' + (int)d)).ToString())];

    private readonly AuditContext _context;
    private readonly HighImpactHolds _holds;
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

    public PrincipalDecisions(AuditContext context, HighImpactHolds holds, string arn, EffectivePolicies effective)
    {
        _context = context;
        _holds = holds;
        Arn = arn;
        _effective = effective;
        var relevant = context.Relevant(effective.Policies);
        _compiled = PolicyEvaluator.Compile(relevant);
        _requests = context.Builder.ForCaller(RequestCaller.From(effective), GlueTrust.GlueServicePrincipal);
        var template = _requests.PassRoleTemplate;
        _relevantStatements = [.. RoleKeys.Statements(relevant)];
        var passStatements = _relevantStatements.Where(s => StatementActions.Covers(s, AuditContext.PassRole)).ToList();

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
        return new PassRoleGrant(_context.Account, Arn, role.Arn)
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

    public bool[] HighImpact() => _highImpact ??= _holds.Held(_compiled, _requests, _effective, CallsUseCircumstances);

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
                var sets = _context.PassRoleStatements(policy);
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
            held[o] = ActionResources.For(action, _context.Partition, _context.Account, covering).All(group => group.Any(resource =>
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

    /// <summary>The part of a grant shared by every pair of a principal with the same decisions per class.</summary>
    private sealed record GrantShape(IReadOnlyList<GrantCondition> Conditions, bool RequiresMfa, string Verdict, string[] Run, string[] Other);
}
