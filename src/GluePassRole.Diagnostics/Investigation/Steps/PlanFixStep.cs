using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// Step: the least-privilege fix — one <c>iam:PassRole</c> allow on exactly this role, only when passed to the service,
/// attached where the principal's Glue access comes from (the group that grants Glue, else the user, else the role; an
/// IAM Identity Center role's permission set), or, when only the permissions boundary lacks it, added to the boundary as
/// a new default version (a required change when both lack it). Never <c>Resource: "*"</c>: the statement builder refuses it.
/// </summary>
internal sealed class PlanFixStep(IIdentityCenterReader? identityCenter = null, ITemplateChangeWriter? templates = null) : IInvestigationStep
{
    private readonly IIdentityCenterReader _identityCenter = identityCenter ?? new NoIdentityCenterReader("no IAM Identity Center reader is configured");

    /// <summary>The longest IAM role name AWS allows (IAM User Guide, IAM and AWS STS quotas; IAM API Reference, CreateRole).</summary>
    private const int IamRoleNameLimit = 64;

    public string Name => InvestigationSteps.PlanFix;

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } =
        [InvestigationFacts.Evaluation, InvestigationFacts.EvaluationContext, InvestigationFacts.Circumstances, InvestigationFacts.CompiledPolicies, InvestigationFacts.Policies,
         InvestigationFacts.Role, InvestigationFacts.RoleTrust, InvestigationFacts.GlueJob, InvestigationFacts.CallerIdentity, InvestigationFacts.Account, InvestigationFacts.Action];

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } = [InvestigationFacts.Fix, InvestigationFacts.PermissionSet];

    public async ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.ActionInvestigated is not null)
        {
            return await ActionFix.RunAsync(context, _identityCenter, cancellationToken).ConfigureAwait(false);
        }

        if (context.Get(InvestigationFacts.Evaluation) is not { } evaluation
            || context.Get(InvestigationFacts.Policies) is not { } policies
            || context.Get(InvestigationFacts.CompiledPolicies) is not { } compiled
            || context.RoleArn is not { } roleArn)
        {
            return StepResult.Skipped(context, "nothing was evaluated");
        }

        var (evaluationContext, judged, notNeeded) = AllowFixPlanning.Judge(context, evaluation, compiled);
        if (notNeeded is not null)
        {
            return StepResult.Skipped(context, notNeeded);
        }

        if (context.Findings.Any(f => f.Code == FindingCodes.CrossAccountRole))
        {
            return StepResult.Skipped(context, "the role is in another account, and a role can only be passed to a service in its own account: no allow can make this work");
        }

        // A fix never widens past a circumstance: when some way of making the call is allowed, what must change is how the
        // call is made (network, MFA, time, Region), not the permissions.
        if (AllowFixPlanning.AllowedUnderCircumstance(context) is { } tooWide)
        {
            return StepResult.Skipped(context, tooWide);
        }

        LeastPrivilegeStatementBuilder builder;
        try
        {
            builder = LeastPrivilegeStatementBuilder.PassRole(roleArn, context.Service);
        }
        catch (ArgumentException ex)
        {
            return StepResult.Skipped(context, NoStatement(roleArn, ex));
        }

        var statement = builder.Build();
        var boundary = policies.Policies.PermissionsBoundary;
        ProposedFix fix;
        if (judged.Layers.First(l => l.PolicyType == PolicyType.IdentityBased).Status == LayerStatus.Allows)
        {
            // Only another layer lacks the allow: a boundary gets a new version; SCPs and session policies are not the account's to change here.
            var (boundaryFix, why) = AllowFixPlanning.BoundaryOnly(judged, boundary, statement);
            if (boundaryFix is null)
            {
                return StepResult.Skipped(context, why!);
            }

            fix = boundaryFix;
        }
        else if (policies.Principal.IsIdentityCenterRole)
        {
            // Identity Center owns the role: the fix goes in its permission set, whose ARNs the source may know.
            (context, fix) = await AllowFixPlanning.PermissionSetFixAsync(context, _identityCenter, policies, statement, cancellationToken).ConfigureAwait(false);
            fix = fix with { Alternatives = Alternatives(judged, roleArn) };
        }
        else
        {
            var policyName = LeastPrivilegeStatementBuilder.PassRolePolicyName(roleArn, context.Service);
            var document = builder.BuildDocument();
            var (target, rationale, unreadGroups) = ChooseTarget(context, policies, compiled, evaluationContext, policyName, document);
            fix = new ProposedFix(target, policyName, document, FixPlanning.Command(target, policyName, document))
            {
                Rationale = rationale,
                Alternatives = [.. Alternatives(judged, roleArn), .. unreadGroups],
            };
        }

        // A what-if on the investigation's compiled set: only the fix's own policies are compiled. When the boundary
        // also lacks the allow, its new version is a required change, and the fix is judged with it applied.
        fix = AllowFixPlanning.WithRequiredChanges(fix, compiled, judged, statement, boundary, AllowWording.PassRole(roleArn, context.Service));
        fix = fix with { AlsoRequired = [.. fix.AlsoRequired, .. TrustFix(context)] };

        // A target the IaC defines is changed there: the statement in the template's own form, not a command on the account.
        if (templates?.For(fix, statement) is { } change)
        {
            fix = fix with { TemplateChange = change };
        }

        return StepResult.Completed(context.With(InvestigationFacts.Fix, fix));
    }

    /// <summary>Why no statement can be written for the role: a name over 64 characters is no role at all.</summary>
    private static string NoStatement(string roleArn, ArgumentException ex)
    {
        var name = ArnText.RoleName(roleArn);
        if (name.Length > IamRoleNameLimit)
        {
            return $"the role name {name} has {name.Length} characters, but AWS limits role names to {IamRoleNameLimit} characters (IAM User Guide, IAM and AWS STS quotas), so no such role can exist; check the role named in the error or the job";
        }

        var reason = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
        return $"no least-privilege statement can be written for {roleArn}: {reason}";
    }

    private static (FixTarget Target, string Rationale, IReadOnlyList<FixAlternative> UnreadGroups) ChooseTarget(
        InvestigationContext context, EffectivePolicies policies, CompiledPolicySet compiled, RequestContext evaluationContext, string policyName, Policies.PolicyDocument document)
    {
        var principal = policies.Principal;
        if (principal.Kind != PrincipalKind.IamUser)
        {
            return (new FixTarget(FixTargetType.Role, principal.Name), $"The principal is role {principal.Name}; its own policies are where its permissions come from.", []);
        }

        // The group that grants Glue: the user's Glue access comes from there, so PassRole for Glue belongs beside it.
        // One explained evaluation on the compiled set names every allow statement and where it is attached.
        var glueAction = new AuthorizationRequest
        {
            Principal = principal.Arn,
            Action = "glue:UpdateJob",
            Resource = $"arn:aws:glue:{context.Request.Region ?? "us-east-1"}:{principal.AccountId}:job/{context.Get(InvestigationFacts.GlueJob)?.Name ?? context.Request.GlueJobName ?? "job"}",
            Context = evaluationContext.With(ContextVariants.MultiFactorAuthPresentKey, "true"),
        };
        var glueGroups = compiled.Evaluate(glueAction).DecidingStatements
            .Where(d => d.Statement.Effect == Policies.Effect.Allow && d.Policy.Source.Kind is PolicySourceKind.GroupInline or PolicySourceKind.GroupManaged && d.Policy.Source.AttachedTo is not null)
            .Select(d => d.Policy.Source.AttachedTo!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var groupPolicies = policies.Policies.IdentityPolicies
            .Where(p => p.Source.Kind is PolicySourceKind.GroupInline or PolicySourceKind.GroupManaged && p.Source.AttachedTo is not null)
            .ToLookup(p => p.Source.AttachedTo!, StringComparer.Ordinal);
        var chosen = glueGroups.FirstOrDefault(g => groupPolicies[g].Any(p => p.Document.Statements.Any(s =>
                s.Effect == Policies.Effect.Allow && (s.Action?.Any(a => a.Contains("PassRole", StringComparison.OrdinalIgnoreCase)) ?? false))))
            ?? glueGroups.FirstOrDefault();
        if (chosen is not null)
        {
            var grants = string.Join(", ", groupPolicies[chosen].Select(p => p.Source.Name));
            return (new FixTarget(FixTargetType.Group, chosen), $"Group {chosen} grants the user's Glue access ({grants}); the PassRole allow belongs beside it, so everyone who edits Glue jobs through it can use this role.", []);
        }

        return UserTarget(principal, policies, policyName, document);
    }

    /// <summary>
    /// No group whose policies were read grants Glue: the allow goes on the user, which works whatever the groups hold. When
    /// a group's policies (or the user's groups) could not be read, that group may be the right place: say so, never move silently.
    /// </summary>
    private static (FixTarget Target, string Rationale, IReadOnlyList<FixAlternative> UnreadGroups) UserTarget(
        ResolvedPrincipal principal, EffectivePolicies policies, string policyName, Policies.PolicyDocument document)
    {
        var user = new FixTarget(FixTargetType.User, principal.Name);
        var unread = policies.Gaps.Where(g => g.PolicyType == PolicyType.IdentityBased && g.OwnerKind == IamEntityKind.Group).ToList();
        if (unread.Count == 0)
        {
            return (user, $"No group of {principal.Name} grants Glue access; the allow goes on the user.", []);
        }

        var groups = unread.Select(g => g.OwnerName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            return (user, $"The groups of {principal.Name} could not be read ({unread[0].Error.Message.TrimEnd('.')}), so whether one of them grants the user's Glue access is unknown; if one does, the allow belongs beside it. "
                + "Until the groups can be read, the allow goes on the user, which works whichever group grants Glue.", []);
        }

        var names = string.Join(", ", groups);
        var rationale = $"The policies of group{(groups.Count == 1 ? string.Empty : "s")} {names} could not be read ({unread[0].Error.Message.TrimEnd('.')}), so {(groups.Count == 1 ? "it" : "one of them")} may be where {principal.Name}'s Glue access comes from, and the right place for the allow. "
            + $"No group whose policies were read grants Glue access, so the allow goes on the user, which works either way; see the alternative to put it on the group instead.";
        return (user, rationale, [.. groups.Select(group => GroupAlternative(group, principal.Name, policyName, document))]);
    }

    private static FixAlternative GroupAlternative(string group, string user, string policyName, Policies.PolicyDocument document)
    {
        var command = FixPlanning.Command(new FixTarget(FixTargetType.Group, group), policyName, document);
        return new FixAlternative(
            FixAlternativeKind.GroupWithUnreadPolicies,
            $"If group {group} is where {user}'s Glue access comes from (its policies could not be read), attach the statement to the group instead: {command}")
        {
            Command = command,
        };
    }

    private static List<FixAlternative> Alternatives(EvaluationResult evaluation, string roleArn)
    {
        var role = ArnText.Resource(roleArn);
        return evaluation.Misses
            .Where(m => m.PolicyType == PolicyType.IdentityBased && m.FailedElement == StatementElement.Resource && EvaluationReading.IsNearMiss(m))
            .SelectMany(m => m.ResourcePatterns.Select(p => (Pattern: ArnText.Resource(p), m.Policy.Source)))
            .Where(p => p.Pattern.StartsWith("role/", StringComparison.Ordinal) && p.Pattern != "role/*")
            .DistinctBy(p => p.Pattern)
            .Select(p => new FixAlternative(
                FixAlternativeKind.UseMatchingRole,
                $"Use a role that matches {p.Pattern}, which {p.Source.Name} already allows passing: IAM roles cannot be renamed, so create one with {role}'s trust and permissions and point the job at it.")
            {
                Policy = p.Source,
                RolePattern = p.Pattern,
            })
            .ToList();
    }

    /// <summary>A role that does not trust the service fails later even with PassRole: the trust policy must change too.</summary>
    private IEnumerable<RequiredChange> TrustFix(InvestigationContext context)
    {
        if (context.Get(InvestigationFacts.RoleTrust) is not { Decision: not Decision.Allowed }
            || context.Get(InvestigationFacts.Role) is not { } role || !role.TrustPolicy.TryGetValue(out var trust))
        {
            yield break;
        }

        var trustService = new Policies.PolicyStatement
        {
            Effect = Policies.Effect.Allow,
            Principal = Policies.PolicyPrincipal.Of("Service", context.Service),
            Action = ["sts:AssumeRole"],
        };
        var command = $"aws iam update-assume-role-policy --role-name {role.Name} --policy-document {FixPlanning.Quote(FixPlanning.WithStatement(trust, trustService))}";

        // A role the IaC defines is changed there: the trust statement in the template's own form, not a command.
        var change = templates?.Trust(role.Name, trustService);
        var how = change is null ? command : $"{change.Description}, at {change.Where}";
        yield return new RequiredChange(RequiredChangeKind.RoleTrust, $"Role {role.Name} must trust {context.Service}, or the job fails when Glue assumes it: {how}")
        {
            PolicyType = PolicyType.ResourceBased,
            Command = command,
            TemplateChange = change,
        };
    }
}
