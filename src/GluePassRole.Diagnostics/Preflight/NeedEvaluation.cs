using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Preflight;

/// <summary>Decides the needs of one identity (the principal, or the role's session) with the full request context.</summary>
internal sealed class NeedEvaluation(RequestBuilder builder, EffectivePolicies policies, RequestCaller caller)
{
    private readonly Dictionary<string, CompiledPolicySet> _compiled = new(StringComparer.Ordinal);

    public EffectivePolicies Policies => policies;

    public DecidedNeed Decide(NeedSpec spec, SourceResult<ResourcePolicy>? resourcePolicy)
    {
        var need = new PreflightNeed(spec.Id, spec.Why, spec.Subject, caller.Arn, spec.Action, spec.Resource, NeedDecision.Unknown) { Documentation = spec.Documentation };
        if (spec.UnreadBecause is { } why)
        {
            return new DecidedNeed(need with { Unread = [why] }, spec, null, null);
        }

        var unread = new List<string>();
        if (policies.PrincipalStatus != SourceResultStatus.Found)
        {
            unread.Add($"the policies of {caller.Arn} ({policies.PrincipalStatus})");
        }

        // A gap that could take part decides nothing by itself: the decision is unknown unless what was read denies.
        // SCPs a member account cannot read are named but, as in the investigation, do not hold back a verdict.
        unread.AddRange(policies.Gaps.Where(g => g.PolicyType != PolicyType.ServiceControlPolicy && g.CouldAffect(spec.Action, spec.Resource)).Select(g => g.Subject));
        SourcedPolicy? resource = null;
        if (resourcePolicy is not null)
        {
            if (resourcePolicy.TryGetValue(out var read))
            {
                resource = read.Document is { } document
                    ? new SourcedPolicy(document, new PolicySource(PolicySourceKind.ResourcePolicy, spec.PolicyKind == ResourcePolicyKind.Key ? $"key policy of {spec.PolicyResource}" : $"bucket policy of {spec.PolicyResource}"))
                    : null;
            }
            else
            {
                unread.Add(spec.PolicyKind == ResourcePolicyKind.Key ? $"the key policy of {spec.PolicyResource}" : $"the bucket policy of {spec.PolicyResource}");
            }
        }

        CompiledPolicySet compiled;
        try
        {
            compiled = Compile(resource);
        }
        catch (PolicyDocumentException ex)
        {
            return new DecidedNeed(need with { Unread = [$"{resource?.Source}: not a valid resource policy ({ex.Message})"] }, spec, null, null);
        }

        var built = builder.Call(caller, spec.Action, spec.Resource);
        var request = built.Request;
        foreach (var (key, value) in spec.Context)
        {
            request = request with { Context = request.Context.With(key, value) };
        }

        // An S3 ARN names no account: the source says whose bucket it is. In another account both sides must allow: the
        // role's policies and the bucket policy, which must name the role or its account (cross-account evaluation logic).
        if (resourcePolicy?.Value?.OwnerAccount is { Length: > 0 } owner && ArnText.Account(spec.Resource).Length == 0)
        {
            request = request with { ResourceAccount = owner, Context = request.Context.With("aws:ResourceAccount", owner) };
        }

        var conditional = built.Decide(compiled, request);
        var decision = Map(conditional);
        // Explain the class that carries the decision: an allowed one for a conditional need, else one of the decision's own.
        var wanted = decision switch
        {
            NeedDecision.Allowed or NeedDecision.Conditional => Decision.Allowed,
            NeedDecision.ExplicitDeny => Decision.ExplicitDeny,
            NeedDecision.ImplicitDeny => Decision.ImplicitDeny,
            _ => Decision.Unknown,
        };
        var chosen = conditional.Outcomes.FirstOrDefault(o => o.Decision == wanted) ?? conditional.Outcomes[0];
        var explained = compiled.Evaluate(request with { Context = chosen.Context });
        need = need with
        {
            Conditions = conditional.IsConditional ? [conditional.Describe()] : [],
            GrantedBy = explained.Decision == Decision.Allowed ? [.. explained.DecidingStatements.Select(Describe)] : [],
            Blockers = explained.Decision == Decision.Allowed ? [] : Blockers(explained),
        };
        if (unread.Count > 0 && decision != NeedDecision.ExplicitDeny)
        {
            // Never more certain than the data: what was read is said, the decision is unknown.
            need = need with { Decision = NeedDecision.Unknown, Unread = unread, Conditions = [$"by the policies that were read: {conditional.Describe()}", .. need.Conditions] };
        }
        else
        {
            need = need with { Decision = decision, Unread = unread };
        }

        return new DecidedNeed(need, spec, compiled, built)
        {
            Request = request,
            LackingLayer = explained.Decision == Decision.ImplicitDeny ? explained.LayerLackingAllow?.PolicyType : null,
        };
    }

    /// <summary>
    /// Decides a need of a service principal (<see cref="NeedSpec.Service"/>) on the resource policy alone, which must allow
    /// it (a key policy): the identity layers do not take part. An unread resource policy makes the need unknown, named.
    /// </summary>
    public static DecidedNeed DecideService(RequestBuilder builder, NeedSpec spec, SourceResult<ResourcePolicy>? resourcePolicy)
    {
        var service = spec.Service ?? spec.Subject.ToString();
        var need = new PreflightNeed(spec.Id, spec.Why, spec.Subject, service, spec.Action, spec.Resource, NeedDecision.Unknown) { Documentation = spec.Documentation };
        if (spec.UnreadBecause is { } why)
        {
            return new DecidedNeed(need with { Unread = [why] }, spec, null, null);
        }

        var name = spec.PolicyKind == ResourcePolicyKind.Key ? $"key policy of {spec.PolicyResource}" : $"bucket policy of {spec.PolicyResource}";
        if (resourcePolicy is null || !resourcePolicy.TryGetValue(out var read) || read.Document is not { } document)
        {
            return new DecidedNeed(need with { Unread = [$"the {name}"] }, spec, null, null);
        }

        CompiledPolicySet compiled;
        try
        {
            compiled = PolicyEvaluator.Compile(new PolicySet { ResourcePolicy = new SourcedPolicy(document, new PolicySource(PolicySourceKind.ResourcePolicy, name)) });
        }
        catch (PolicyDocumentException ex)
        {
            return new DecidedNeed(need with { Unread = [$"{name}: not a valid resource policy ({ex.Message})"] }, spec, null, null);
        }

        var built = builder.ServiceCall(service, spec.Action, spec.Resource, spec.Circumstances);
        var request = built.Request;
        var space = compiled.Circumstances(request, built.Circumstances);
        var outcomes = new List<CircumstanceOutcome>();
        foreach (var assignment in space.Assignments())
        {
            var concrete = CircumstanceSpace.Apply(request.Context, assignment);
            outcomes.Add(new CircumstanceOutcome(assignment, compiled.EvaluateCore(request with { Context = concrete }, resourcePolicyOnly: true).Decision, concrete));
        }

        var conditional = new ConditionalDecision(space, outcomes);
        var decision = Map(conditional);
        var wanted = decision is NeedDecision.Allowed or NeedDecision.Conditional ? Decision.Allowed : decision == NeedDecision.ExplicitDeny ? Decision.ExplicitDeny : Decision.ImplicitDeny;
        var chosen = conditional.Outcomes.FirstOrDefault(o => o.Decision == wanted) ?? conditional.Outcomes[0];
        var explained = compiled.EvaluateCore(request with { Context = chosen.Context }, resourcePolicyOnly: true);
        need = need with
        {
            Decision = decision,
            Conditions = conditional.IsConditional ? [conditional.Describe()] : [],
            GrantedBy = explained.Decision == Decision.Allowed ? [.. explained.DecidingStatements.Select(Describe)] : [],
            Blockers = explained.Decision == Decision.Allowed ? [] : Blockers(explained),
        };
        return new DecidedNeed(need, spec, compiled, built)
        {
            Request = request,
            LackingLayer = explained.Decision == Decision.ImplicitDeny ? PolicyType.ResourceBased : null,
        };
    }

    /// <summary>Decides <paramref name="decided"/> again on its policies with <paramref name="fix"/> added.</summary>
    public static Decision Redecide(DecidedNeed decided, SourcedPolicy fix)
    {
        var withFix = decided.Policies!.WithIdentityPolicy(fix);
        var conditional = decided.Built!.Decide(withFix, decided.Request);
        return conditional.Uniform ?? (conditional.Decisions.Contains(Decision.Allowed) ? Decision.Allowed : conditional.Outcomes[0].Decision);
    }

    private CompiledPolicySet Compile(SourcedPolicy? resource)
    {
        var key = resource?.Source.Name ?? string.Empty;
        if (!_compiled.TryGetValue(key, out var compiled))
        {
            compiled = PolicyEvaluator.Compile(policies.Policies with { ResourcePolicy = resource });
            _compiled[key] = compiled;
        }

        return compiled;
    }

    public static NeedDecision Map(Decision decision) => decision switch
    {
        Decision.Allowed => NeedDecision.Allowed,
        Decision.ExplicitDeny => NeedDecision.ExplicitDeny,
        Decision.ImplicitDeny => NeedDecision.ImplicitDeny,
        _ => NeedDecision.Unknown,
    };

    public static NeedDecision Map(ConditionalDecision conditional)
    {
        if (conditional.Uniform is { } uniform)
        {
            return Map(uniform);
        }

        var decisions = conditional.Decisions;
        return decisions.Contains(Decision.Allowed) ? NeedDecision.Conditional
            : decisions.All(d => d == Decision.ExplicitDeny) ? NeedDecision.ExplicitDeny
            : decisions.Contains(Decision.Unknown) ? NeedDecision.Unknown
            : NeedDecision.ImplicitDeny;
    }

    public static string Describe(StatementMatch match) => match.Policy.Source is { Kind: PolicySourceKind.ResourcePolicy } source
        ? $"statement {match.StatementLabel} of the {source.Name}{(source.AttachedTo is null ? string.Empty : $" of role {source.AttachedTo}")}"
        : $"statement {match.StatementLabel} of {match.Policy.Source}";

    public static IReadOnlyList<string> Blockers(EvaluationResult result)
    {
        if (result.Decision == Decision.ExplicitDeny)
        {
            return [.. result.DecidingStatements.Where(m => m.Statement.Effect == Effect.Deny).Select(m => "explicit deny: " + Describe(m))];
        }

        if (result.LayerLackingAllow is { } layer)
        {
            return [$"no allow in the {layer.Name}{(layer.Reason is null ? string.Empty : ": " + layer.Reason)}"];
        }

        return result.DecidingRule is { } rule ? [rule] : [];
    }
}
