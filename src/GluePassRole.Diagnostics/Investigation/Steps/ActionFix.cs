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

        var (_, judged, notNeeded) = AllowFixPlanning.Judge(context, evaluation, compiled);
        if (notNeeded is not null)
        {
            return StepResult.Skipped(context, notNeeded);
        }

        if (AllowFixPlanning.AllowedUnderCircumstance(context) is { } tooWide)
        {
            return StepResult.Skipped(context, tooWide);
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
            var (boundaryFix, why) = AllowFixPlanning.BoundaryOnly(judged, boundary, statement);
            if (boundaryFix is null)
            {
                return StepResult.Skipped(context, why!);
            }

            fix = boundaryFix;
        }
        else if (policies.Principal.IsIdentityCenterRole)
        {
            (context, fix) = await AllowFixPlanning.PermissionSetFixAsync(context, identityCenter, policies, statement, cancellationToken).ConfigureAwait(false);
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

        fix = AllowFixPlanning.WithRequiredChanges(fix, compiled, judged, statement, boundary, AllowWording.Call(action, resource));
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
}
