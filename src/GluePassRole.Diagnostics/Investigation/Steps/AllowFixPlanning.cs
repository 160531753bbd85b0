using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// What plan-fix shares between an <c>iam:PassRole</c> error and an error for any other action: the decision the fix is
/// judged under, the circumstance that makes a new allow too wide, the boundary-only fix, the permission-set fix, and the
/// changes still required once the fix is applied. Only the wording of what must be allowed differs.
/// </summary>
internal static class AllowFixPlanning
{
    /// <summary>
    /// The evaluation the fix is planned under (see <see cref="FixPlanning.ContextFor"/>) and, when no allow can help, why.
    /// </summary>
    public static (RequestContext EvaluationContext, EvaluationResult Judged, string? Skip) Judge(InvestigationContext context, EvaluationResult evaluation, CompiledPolicySet compiled)
    {
        var evaluationContext = context.Get(InvestigationFacts.EvaluationContext) ?? evaluation.Request.Context;
        var fixContext = FixPlanning.ContextFor(evaluationContext, evaluation, context.Request.Context);
        var judged = fixContext == evaluationContext ? evaluation : compiled.Evaluate(evaluation.Request with { Context = fixContext });
        var skip = judged.Decision switch
        {
            Decision.ImplicitDeny => null,
            Decision.Allowed => "no permission change is needed",
            _ => "an explicit deny decides; an allow cannot override it",
        };
        return (evaluationContext, judged, skip);
    }

    /// <summary>
    /// Why no allow is planned when some way of making the call is already allowed: a fix never widens past a circumstance.
    /// </summary>
    public static string? AllowedUnderCircumstance(InvestigationContext context)
    {
        if (context.Get(InvestigationFacts.Circumstances) is { } conditional && conditional.Decisions.Contains(Decision.Allowed))
        {
            var when = string.Join(" or ", conditional.Outcomes.Where(o => o.Decision == Decision.Allowed).Select(conditional.Relevant).Distinct(StringComparer.Ordinal));
            return $"the policies already allow it when {when}: make the call that way; a new allow would widen access past that condition";
        }

        return null;
    }

    /// <summary>
    /// When the identity-based policies already allow: the boundary's new version, or why there is none (only a boundary
    /// is the account's to change here; SCPs and session policies are not).
    /// </summary>
    public static (ProposedFix? Fix, string? Skip) BoundaryOnly(EvaluationResult judged, SourcedPolicy? boundary, PolicyStatement statement)
    {
        var lacking = judged.LayerLackingAllow!;
        if (lacking.PolicyType != PolicyType.PermissionsBoundary)
        {
            return (null, $"identity policies already allow it; the {lacking.Name} must change");
        }

        return BoundaryFix.Create(boundary, statement) is { } boundaryFix
            ? (boundaryFix, null)
            : (null, $"identity policies already allow it; {BoundaryFix.WhyNot(boundary)}");
    }

    /// <summary>
    /// Identity Center owns the role: the fix goes in its permission set, looked up by the role's name and Region; the
    /// lookup is recorded on the context.
    /// </summary>
    public static async ValueTask<(InvestigationContext Context, ProposedFix Fix)> PermissionSetFixAsync(
        InvestigationContext context, IIdentityCenterReader identityCenter, EffectivePolicies policies, PolicyStatement statement, CancellationToken cancellationToken)
    {
        var permissionSet = await identityCenter.FindPermissionSetAsync(
            PermissionSetFix.PermissionSetName(policies.Principal.Name) ?? policies.Principal.Name, PermissionSetFix.Region(policies.Principal.IamArn), cancellationToken).ConfigureAwait(false);
        context = context.With(InvestigationFacts.PermissionSet, permissionSet);
        var readingAccount = context.Get(InvestigationFacts.CallerIdentity)?.Account ?? context.Get(InvestigationFacts.Account);
        return (context, PermissionSetFix.Create(policies, statement, permissionSet, readingAccount));
    }

    /// <summary>
    /// The fix with what else must change, judged by a what-if on the investigation's compiled set: when the boundary also
    /// lacks the allow, its new version (and the fix is judged with it applied); then every deny or layer still in the way,
    /// named by <c>wording</c>.
    /// </summary>
    public static ProposedFix WithRequiredChanges(
        ProposedFix fix, CompiledPolicySet compiled, EvaluationResult judged, PolicyStatement statement, SourcedPolicy? boundary, AllowWording wording)
    {
        var after = FixPlanning.WithFix(compiled, fix).Evaluate(judged.Request);
        if (fix.Target.Type != FixTargetType.PermissionsBoundary
            && after.LayerLackingAllow?.PolicyType == PolicyType.PermissionsBoundary
            && BoundaryFix.Required(boundary, statement, wording.Boundary) is { } boundaryChange)
        {
            fix = fix with { AlsoRequired = [boundaryChange] };
            after = FixPlanning.WithFix(compiled, fix).Evaluate(judged.Request);
        }

        return fix with { AlsoRequired = [.. fix.AlsoRequired, .. StillRequired(after, boundary, wording)] };
    }

    private static IReadOnlyList<RequiredChange> StillRequired(EvaluationResult after, SourcedPolicy? boundary, AllowWording wording)
    {
        if (after.Decision == Decision.Allowed)
        {
            return [];
        }

        if (after.Decision == Decision.ExplicitDeny)
        {
            return [.. after.DecidingStatements.Select(d => new RequiredChange(
                RequiredChangeKind.RemoveDeny,
                $"Statement {d.StatementLabel} of {d.Policy.Source.Name} still denies the request explicitly; no allow can override it: change that statement.")
            {
                PolicyType = d.PolicyType,
                Level = d.Level,
                Statement = Evidence.Of(d),
            })];
        }

        var layer = after.LayerLackingAllow!;
        var description = layer.PolicyType switch
        {
            PolicyType.PermissionsBoundary => $"The permissions boundary must also allow {wording.Boundary}: {BoundaryFix.WhyNot(boundary)}.",
            PolicyType.ServiceControlPolicy => $"The service control policies at organization level {layer.Level} must allow {wording.Action}: ask the organization's administrators to allow it there.",
            PolicyType.SessionPolicy => $"The session policy must also allow {wording.Session}: pass one that does when the session is created.",
            _ => $"The {layer.Name} still lack an allow.",
        };
        return [new RequiredChange(RequiredChangeKind.LayerAllow, description) { PolicyType = layer.PolicyType, Level = layer.Level }];
    }
}

/// <summary>How a required change names what must be allowed.</summary>
/// <param name="Boundary">What the permissions boundary must allow, e.g. <c>s3:GetObject on arn:…</c>.</param>
/// <param name="Action">The action service control policies must allow.</param>
/// <param name="Session">What the session policy must allow.</param>
internal sealed record AllowWording(string Boundary, string Action, string Session)
{
    /// <summary>The wording for <c>iam:PassRole</c> of <paramref name="roleArn"/> to <paramref name="service"/>.</summary>
    public static AllowWording PassRole(string roleArn, string service) =>
        new($"iam:PassRole on {roleArn} (when iam:PassedToService is {service})", "iam:PassRole", "iam:PassRole on the role");

    /// <summary>The wording for <paramref name="action"/> on <paramref name="resource"/>.</summary>
    public static AllowWording Call(string action, string resource) =>
        new($"{action} on {resource}", action, $"{action} on {resource}");
}
