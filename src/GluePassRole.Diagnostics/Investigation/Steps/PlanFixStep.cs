using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// Step: the least-privilege fix — one <c>iam:PassRole</c> allow on exactly this role, only when passed to the service,
/// attached where the principal's Glue access comes from (the group that grants Glue, else the user, else the role).
/// Never <c>Resource: "*"</c>: the statement builder refuses it.
/// </summary>
internal sealed class PlanFixStep : IInvestigationStep
{
    public string Name => InvestigationSteps.PlanFix;

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } =
        [InvestigationFacts.Evaluation, InvestigationFacts.EvaluationContext, InvestigationFacts.CompiledPolicies, InvestigationFacts.Policies,
         InvestigationFacts.Role, InvestigationFacts.RoleTrust, InvestigationFacts.GlueJob];

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } = [InvestigationFacts.Fix];

    public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.Get(InvestigationFacts.Evaluation) is not { } evaluation
            || context.Get(InvestigationFacts.Policies) is not { } policies
            || context.Get(InvestigationFacts.CompiledPolicies) is not { } compiled
            || context.RoleArn is not { } roleArn)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, "nothing was evaluated"));
        }

        var evaluationContext = context.Get(InvestigationFacts.EvaluationContext) ?? evaluation.Request.Context;
        var fixContext = FixPlanning.ContextFor(evaluationContext, evaluation);
        var judged = fixContext == evaluationContext ? evaluation : compiled.Evaluate(evaluation.Request with { Context = fixContext });
        if (judged.Decision != Decision.ImplicitDeny)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, judged.Decision == Decision.Allowed
                ? "no permission change is needed"
                : "an explicit deny decides; an allow cannot override it"));
        }

        var identity = judged.Layers.First(l => l.PolicyType == PolicyType.IdentityBased);
        if (identity.Status == LayerStatus.Allows)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, $"identity policies already allow it; the {judged.LayerLackingAllow!.Name} must change"));
        }

        LeastPrivilegeStatementBuilder statement;
        try
        {
            statement = LeastPrivilegeStatementBuilder.PassRole(roleArn, context.Service);
        }
        catch (ArgumentException ex)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, $"no least-privilege statement can be written for {roleArn}: {ex.Message}"));
        }

        var (target, rationale) = ChooseTarget(context, policies, compiled, evaluationContext);
        var policyName = LeastPrivilegeStatementBuilder.PassRolePolicyName(roleArn, context.Service);
        var document = statement.BuildDocument();
        var fix = new ProposedFix(target, policyName, document, FixPlanning.Command(target, policyName, document))
        {
            Rationale = rationale,
            Alternatives = Alternatives(judged, roleArn),
        };

        // A what-if on the investigation's compiled set: only the fix's own policy is compiled.
        var after = FixPlanning.WithFix(compiled, fix).Evaluate(judged.Request);
        fix = fix with
        {
            AlsoRequired = [.. AlsoRequired(after, roleArn, context.Service), .. TrustFix(context)],
            Alternatives = [.. fix.Alternatives, .. IdentityCenterAlternative(policies, document)],
        };
        return ValueTask.FromResult(StepResult.Completed(context.With(InvestigationFacts.Fix, fix)));
    }

    private static (FixTarget Target, string Rationale) ChooseTarget(InvestigationContext context, EffectivePolicies policies, CompiledPolicySet compiled, RequestContext evaluationContext)
    {
        var principal = policies.Principal;
        if (principal.Kind != PrincipalKind.IamUser)
        {
            var why = principal.IsIdentityCenterRole
                ? $"{principal.Name} is an IAM Identity Center role: put this statement in the permission set's inline policy (aws sso-admin put-inline-policy-to-permission-set); a direct change to the role is overwritten."
                : $"The principal is role {principal.Name}; its own policies are where its permissions come from.";
            return (new FixTarget(FixTargetType.Role, principal.Name), why);
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
            return (new FixTarget(FixTargetType.Group, chosen), $"Group {chosen} grants the user's Glue access ({grants}); the PassRole allow belongs beside it, so everyone who edits Glue jobs through it can use this role.");
        }

        return (new FixTarget(FixTargetType.User, principal.Name), $"No group of {principal.Name} grants Glue access; the allow goes on the user.");
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
    private static IEnumerable<RequiredChange> TrustFix(InvestigationContext context)
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
        var updated = trust with { Version = trust.Version ?? Policies.PolicyDocument.Version2012, Statements = [.. trust.Statements, trustService] };
        var command = $"aws iam update-assume-role-policy --role-name {role.Name} --policy-document '{updated.ToJson(indented: false)}'";
        yield return new RequiredChange(RequiredChangeKind.RoleTrust, $"Role {role.Name} must trust {context.Service}, or the job fails when Glue assumes it: {command}")
        {
            PolicyType = PolicyType.ResourceBased,
            Command = command,
        };
    }

    /// <summary>Identity Center overwrites its roles: the statement belongs in the permission set.</summary>
    private static IEnumerable<FixAlternative> IdentityCenterAlternative(EffectivePolicies policies, Policies.PolicyDocument document)
    {
        if (policies.Principal.IsIdentityCenterRole)
        {
            var command = $"aws sso-admin put-inline-policy-to-permission-set --instance-arn <instance-arn> --permission-set-arn <permission-set-arn> --inline-policy '{document.ToJson(indented: false)}'";
            yield return new FixAlternative(
                FixAlternativeKind.PermissionSetInlinePolicy,
                "For this IAM Identity Center role, add the statement to the permission set's inline policy instead (it replaces the whole inline policy, so merge first): " + command)
            {
                Command = command,
            };
        }
    }

    private static IReadOnlyList<RequiredChange> AlsoRequired(EvaluationResult after, string roleArn, string service)
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
            PolicyType.PermissionsBoundary => $"The permissions boundary must also allow iam:PassRole on {roleArn} (when iam:PassedToService is {service}): add the same statement to the boundary policy.",
            PolicyType.ServiceControlPolicy => $"The service control policies at organization level {layer.Level} must allow iam:PassRole: ask the organization's administrators to allow it there.",
            PolicyType.SessionPolicy => "The session policy must also allow iam:PassRole on the role: pass one that does when the session is created.",
            _ => $"The {layer.Name} still lack an allow.",
        };
        return [new RequiredChange(RequiredChangeKind.LayerAllow, description) { PolicyType = layer.PolicyType, Level = layer.Level }];
    }
}
