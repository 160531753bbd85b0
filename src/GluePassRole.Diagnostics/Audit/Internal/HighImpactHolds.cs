using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>Which high-impact probes (<see cref="HighImpactProbes"/>) a caller holds, and which its unknown statements leave undecided.</summary>
internal sealed class HighImpactHolds(AuditContext context)
{
    private static readonly bool[] NoneUndecided = new bool[HighImpactProbes.All.Length];

    /// <summary>The probes a statement that is not known could match: whether they are held is not decided.</summary>
    public bool[] UndecidedProbes(IReadOnlyList<SourceGap> gaps) =>
        gaps.Count == 0 ? NoneUndecided : [.. HighImpactProbes.All.Select(p => gaps.Any(g => g.CouldAffect(p.Action, context.ProbeResource(p))))];

    /// <summary>Which high-impact probes the caller is allowed under some class of the circumstances.</summary>
    /// <param name="compiled">The caller's relevant policies, compiled.</param>
    /// <param name="requests">The caller's requests.</param>
    /// <param name="effective">The caller's policies.</param>
    /// <param name="callsUseCircumstances">Whether a condition of the policies is on a circumstance of the caller's calls; found when <see langword="null"/>.</param>
    public bool[] Held(CompiledPolicySet compiled, CallerRequests requests, EffectivePolicies effective, bool? callsUseCircumstances)
    {
        var circumstantial = callsUseCircumstances ?? RoleKeys.UsesCircumstances(RoleKeys.Statements(context.Relevant(effective.Policies)), requests.CallTemplate.IsCircumstance);
        CompiledPolicySet? underKeyPolicy = null;
        var held = new bool[HighImpactProbes.All.Length];
        for (var p = 0; p < held.Length; p++)
        {
            var probe = HighImpactProbes.All[p];
            var set = probe.UnderDefaultKeyPolicy ? underKeyPolicy ??= PolicyEvaluator.Compile(context.Relevant(effective.Policies) with { ResourcePolicy = DefaultKeyPolicy() }) : compiled;
            var resource = context.ProbeResource(probe);
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

    /// <summary>The key policy KMS creates by default: the account's IAM policies decide access to the key.</summary>
    private SourcedPolicy DefaultKeyPolicy() => new(
        PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:{{context.Partition}}:iam::{{context.Account}}:root"},"Action":"kms:*","Resource":"*"}]}"""),
        new PolicySource(PolicySourceKind.ResourcePolicy, "default key policy"));
}
