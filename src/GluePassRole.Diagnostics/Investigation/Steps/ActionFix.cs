using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// plan-fix for an error that denies another action than <c>iam:PassRole</c>: one allow of exactly that action on exactly
/// that resource, attached to the principal (a role session's role; a user's group that grants the same service, else
/// the user; an IAM Identity Center role's permission set), or added to the boundary when only the boundary lacks it.
/// </summary>
internal static class ActionFix
{
    /// <summary>Plans the fix; <see langword="null"/> reasons are returned as the skip note.</summary>
    public static async ValueTask<StepResult> RunAsync(InvestigationContext context, IIdentityCenterReader identityCenter, CancellationToken cancellationToken)
    {
        if (context.Get(InvestigationFacts.Evaluation) is not { } evaluation
            || context.Get(InvestigationFacts.Policies) is not { } policies
            || context.Get(InvestigationFacts.CompiledPolicies) is not { } compiled)
        {
            return StepResult.Skipped(context, "nothing was evaluated");
        }

        var evaluationContext = context.Get(InvestigationFacts.EvaluationContext) ?? evaluation.Request.Context;
        var fixContext = FixPlanning.ContextFor(evaluationContext, evaluation, context.Request.Context);
        var judged = fixContext == evaluationContext ? evaluation : compiled.Evaluate(evaluation.Request with { Context = fixContext });
        if (judged.Decision != Decision.ImplicitDeny)
        {
            return StepResult.Skipped(context, judged.Decision == Decision.Allowed
                ? "no permission change is needed"
                : "an explicit deny decides; an allow cannot override it");
        }

        // A fix never widens past a circumstance: when some way of making the call is allowed, the call must be made that way.
        if (context.Get(InvestigationFacts.Circumstances) is { } conditional && conditional.Decisions.Contains(Decision.Allowed))
        {
            var when = string.Join(" or ", conditional.Outcomes.Where(o => o.Decision == Decision.Allowed).Select(conditional.Relevant).Distinct(StringComparer.Ordinal));
            return StepResult.Skipped(context, $"the policies already allow it when {when}: make the call that way; a new allow would widen access past that condition");
        }

        var action = judged.Request.Action;
        var resource = judged.Request.Resource;
        var name = PolicyName(action, resource);
        PolicyStatement statement;
        try
        {
            statement = LeastPrivilegeStatementBuilder.Create().WithSid(name).Allow().Actions(action).Resources(resource).Build();
        }
        catch (ArgumentException ex)
        {
            var reason = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
            return StepResult.Skipped(context, $"no least-privilege statement can be written for {action} on {resource}: {reason}");
        }

        var boundary = policies.Policies.PermissionsBoundary;
        ProposedFix fix;
        if (judged.Layers.First(l => l.PolicyType == PolicyType.IdentityBased).Status == LayerStatus.Allows)
        {
            var lacking = judged.LayerLackingAllow!;
            if (lacking.PolicyType != PolicyType.PermissionsBoundary)
            {
                return StepResult.Skipped(context, $"identity policies already allow it; the {lacking.Name} must change");
            }

            if (BoundaryFix.Create(boundary, statement) is not { } boundaryFix)
            {
                return StepResult.Skipped(context, $"identity policies already allow it; {BoundaryFix.WhyNot(boundary)}");
            }

            fix = boundaryFix;
        }
        else if (policies.Principal.IsIdentityCenterRole)
        {
            var permissionSet = await identityCenter.FindPermissionSetAsync(
                PermissionSetFix.PermissionSetName(policies.Principal.Name) ?? policies.Principal.Name, PermissionSetFix.Region(policies.Principal.IamArn), cancellationToken).ConfigureAwait(false);
            context = context.With(InvestigationFacts.PermissionSet, permissionSet);
            var readingAccount = context.Get(InvestigationFacts.CallerIdentity)?.Account ?? context.Get(InvestigationFacts.Account);
            fix = PermissionSetFix.Create(policies, statement, permissionSet, readingAccount);
        }
        else if (Target(policies, action) is var (target, rationale))
        {
            var document = new PolicyDocument { Version = PolicyDocument.Version2012, Statements = [statement] };
            fix = new ProposedFix(target, name, document, FixPlanning.Command(target, name, document)) { Rationale = rationale };
        }
        else
        {
            return StepResult.Skipped(context, $"{policies.Principal.Arn} is a federated user: its permissions are those of the IAM user that created the session, cut by the session policy; change those");
        }

        // A what-if on the investigation's compiled set. When the boundary also lacks the allow, its new version is required.
        var after = FixPlanning.WithFix(compiled, fix).Evaluate(judged.Request);
        if (fix.Target.Type != FixTargetType.PermissionsBoundary
            && after.LayerLackingAllow?.PolicyType == PolicyType.PermissionsBoundary
            && BoundaryFix.Required(boundary, statement, $"{action} on {resource}") is { } boundaryChange)
        {
            fix = fix with { AlsoRequired = [boundaryChange] };
            after = FixPlanning.WithFix(compiled, fix).Evaluate(judged.Request);
        }

        fix = fix with { AlsoRequired = [.. fix.AlsoRequired, .. AlsoRequired(after, action, resource, boundary)] };
        return StepResult.Completed(context.With(InvestigationFacts.Fix, fix));
    }

    /// <summary>
    /// A stable inline-policy name and Sid: <c>Allow</c> + the action + <c>On</c> + the resource part of the ARN, each in
    /// PascalCase, e.g. <c>AllowS3GetObjectOnScriptsEtlPy</c>; letters and digits only (a Sid's alphabet, a subset of a
    /// policy name's), cut to 128 characters (IAM API Reference, PutRolePolicy, PolicyName).
    /// </summary>
    internal static string PolicyName(string action, string resource)
    {
        var name = "Allow" + Pascal(action) + "On" + Pascal(ArnText.Resource(resource));
        return name.Length <= 128 ? name : name[..128];
    }

    private static string Pascal(string text)
    {
        var pascal = new System.Text.StringBuilder(text.Length);
        var startOfPiece = true;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                startOfPiece = true;
                continue;
            }

            pascal.Append(startOfPiece ? char.ToUpperInvariant(c) : c);
            startOfPiece = false;
        }

        return pascal.ToString();
    }

    /// <summary>Where the allow goes: a role session's role; a user's group that grants the same service, else the user.</summary>
    private static (FixTarget Target, string Rationale)? Target(EffectivePolicies policies, string action)
    {
        var principal = policies.Principal;
        switch (principal.Kind)
        {
            case PrincipalKind.IamRole or PrincipalKind.AssumedRole:
                return (new FixTarget(FixTargetType.Role, principal.Name), principal.Kind == PrincipalKind.AssumedRole
                    ? $"The error is from a session of role {principal.Name}: a session has its role's permissions, so the allow goes on the role."
                    : $"The principal is role {principal.Name}; its own policies are where its permissions come from.");
            case PrincipalKind.IamUser:
                var service = action.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? action[..(colon + 1)] : action;
                var group = policies.Policies.IdentityPolicies
                    .Where(p => p.Source.Kind is PolicySourceKind.GroupInline or PolicySourceKind.GroupManaged && p.Source.AttachedTo is not null
                        && p.Document.Statements.Any(s => s.Effect == Effect.Allow && (s.Action?.Any(a => a.StartsWith(service, StringComparison.OrdinalIgnoreCase)) ?? false)))
                    .Select(p => p.Source)
                    .FirstOrDefault();
                return group is not null
                    ? (new FixTarget(FixTargetType.Group, group.AttachedTo!), $"Group {group.AttachedTo} grants the user's {service[..^1]} access ({group.Name}); the allow belongs beside it.")
                    : (new FixTarget(FixTargetType.User, principal.Name), $"No group of {principal.Name} grants {service[..^1]} actions; the allow goes on the user.");
            default:
                return null;
        }
    }

    private static IReadOnlyList<RequiredChange> AlsoRequired(EvaluationResult after, string action, string resource, SourcedPolicy? boundary)
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
            PolicyType.PermissionsBoundary => $"The permissions boundary must also allow {action} on {resource}: {BoundaryFix.WhyNot(boundary)}.",
            PolicyType.ServiceControlPolicy => $"The service control policies at organization level {layer.Level} must allow {action}: ask the organization's administrators to allow it there.",
            PolicyType.SessionPolicy => $"The session policy must also allow {action} on {resource}: pass one that does when the session is created.",
            _ => $"The {layer.Name} still lack an allow.",
        };
        return [new RequiredChange(RequiredChangeKind.LayerAllow, description) { PolicyType = layer.PolicyType, Level = layer.Level }];
    }
}
