using System.Text.RegularExpressions;
using GluePassRole.Diagnostics.Iac.Internal.Fixes;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Iac;

/// <summary>
/// One-line questions for unit tests and CI: can this principal (or any member of this group) pass this role to Glue?
/// Uses the same policy resolution, request builder (<see cref="RequestBuilder"/>) and evaluator as the investigation;
/// works on any account source.
/// </summary>
/// <remarks>
/// <para>
/// The request is the one AWS builds: <c>iam:PassedToService</c>, the caller's ARN, account, type, unique ID, name,
/// tags and organization (when the data holds them), the role's account and tags (<c>aws:ResourceTag/*</c>,
/// <c>iam:ResourceTag/*</c>), the time. Unless told otherwise it carries <c>aws:MultiFactorAuthPresent=true</c> (a
/// console user signed in with MFA); pass <c>mfa: false</c> to pin it false, or <see langword="null"/> to leave it a
/// circumstance. Circumstances (source IP, VPC, MFA age, the Region, which member of a group calls, an organization the
/// data does not name) are decided per class: see <see cref="PassRoleVerdict.IsConditional"/> and
/// <see cref="PassRoleVerdict.Describe"/>.
/// </para>
/// <para>
/// The fix (<see cref="PassRoleVerdict.Fix"/>) never widens past a circumstance: when some circumstance already allows
/// the request, no allow is proposed and <see cref="PassRoleVerdict.Remedy"/> says how the call must be made; a proposed
/// allow keeps the circumstance conditions of the identity-based allows for <c>iam:PassRole</c> it stands in for. A role
/// in another account than the caller gets no fix: <c>iam:PassRole</c> cannot pass it (IAM User Guide, id_roles_use_passrole).
/// </para>
/// <para>
/// Service control policies that are not known (IaC without a snapshot that holds them) are noted, not counted: the
/// verdict holds "as far as IAM goes". A policy statement that is not known (a value known only at deploy) makes the
/// verdict <see cref="Decision.Unknown"/> only when its action and resource could match the request
/// (<see cref="SourceGap.CouldAffect"/>); otherwise it is noted, not counted.
/// </para>
/// </remarks>
public static partial class IacPassRole
{
    private const string PassRoleAction = "iam:PassRole";

    /// <summary>Can <paramref name="principalArn"/> pass <paramref name="role"/> to <paramref name="service"/>?</summary>
    /// <param name="account">The account (e.g. an <see cref="IacAccount"/>).</param>
    /// <param name="principalArn">A user or role ARN, or an assumed-role session ARN.</param>
    /// <param name="role">The role: ARN, name, or (for IaC) logical ID or address.</param>
    /// <param name="service">The service principal.</param>
    /// <param name="mfa">The value of <c>aws:MultiFactorAuthPresent</c>, or <see langword="null"/> to leave it a circumstance (decided for present, not present and absent).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The verdict.</returns>
    public static async ValueTask<PassRoleVerdict> CheckAsync(
        IacAccount account, string principalArn, string role, string service = LeastPrivilegeStatementBuilder.GlueServicePrincipal, bool? mfa = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(principalArn);
        var (target, roleGaps) = await RoleTargetAsync(account, role, cancellationToken).ConfigureAwait(false);
        var policies = await new EffectivePolicyResolver(account, account).ResolveAsync(principalArn, null, cancellationToken).ConfigureAwait(false);
        if (policies.PrincipalStatus != SourceResultStatus.Found)
        {
            var gap = policies.Gaps.Count > 0 ? policies.Gaps[0] : new SourceGap(PolicyType.IdentityBased, principalArn, new SourceError($"{principalArn} does not exist in the account"));
            return new PassRoleVerdict(principalArn, target.Arn, service, Decision.Unknown) { Gaps = [gap, .. roleGaps] };
        }

        return Evaluate(account, principalArn, RequestCaller.From(policies), target, service, mfa, policies.Policies, [.. policies.Gaps, .. roleGaps], policies.Notes, FixTargetOf(account, policies.Principal));
    }

    /// <summary>Can a member of <paramref name="groupName"/> pass <paramref name="role"/> to <paramref name="service"/>, by the group's policies alone?</summary>
    /// <param name="account">The account.</param>
    /// <param name="groupName">The group name (or, for IaC, its logical ID or address).</param>
    /// <param name="role">The role: ARN, name, or logical ID or address.</param>
    /// <param name="service">The service principal.</param>
    /// <param name="mfa">The value of <c>aws:MultiFactorAuthPresent</c>, or <see langword="null"/> to leave it a circumstance (decided for present, not present and absent).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The verdict; a member's own policies, other groups and boundary are not counted.</returns>
    public static async ValueTask<PassRoleVerdict> CheckGroupAsync(
        IacAccount account, string groupName, string role, string service = LeastPrivilegeStatementBuilder.GlueServicePrincipal, bool? mfa = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        var (target, roleGaps) = await RoleTargetAsync(account, role, cancellationToken).ConfigureAwait(false);
        var subject = $"a member of group {groupName}";
        var group = await account.GetGroupAsync(groupName, cancellationToken).ConfigureAwait(false);
        if (!group.IsFound)
        {
            var error = group.Error ?? new SourceError($"group {groupName} does not exist in the account");
            return new PassRoleVerdict(subject, target.Arn, service, Decision.Unknown) { Gaps = [new SourceGap(PolicyType.IdentityBased, $"group {groupName}", error), .. roleGaps] };
        }

        var name = group.Value.Name;
        subject = $"a member of group {name}";
        var gaps = new List<SourceGap>(roleGaps);
        var identity = new List<SourcedPolicy>();
        var notes = new List<string>();
        var inline = await account.GetInlinePoliciesAsync(IamEntityKind.Group, name, cancellationToken).ConfigureAwait(false);
        if (inline.TryGetValue(out var inlinePolicies))
        {
            foreach (var policy in inlinePolicies)
            {
                identity.Add(new SourcedPolicy(policy.Document, new PolicySource(PolicySourceKind.GroupInline, policy.Name) { AttachedTo = name }));
                AddStatementGaps(gaps, $"inline policy {policy.Name} of group {name}", policy.UnknownStatements, name);
            }
        }
        else
        {
            gaps.Add(new SourceGap(PolicyType.IdentityBased, $"inline policies of group {name}", inline.Error ?? new SourceError("not found")));
        }

        var attached = await account.GetAttachedPoliciesAsync(IamEntityKind.Group, name, cancellationToken).ConfigureAwait(false);
        if (attached.TryGetValue(out var attachedPolicies))
        {
            foreach (var reference in attachedPolicies)
            {
                var managed = await account.GetManagedPolicyAsync(reference.Arn, cancellationToken).ConfigureAwait(false);
                if (managed.TryGetValue(out var policy))
                {
                    identity.Add(new SourcedPolicy(policy.Document, new PolicySource(PolicySourceKind.GroupManaged, policy.Name) { Arn = policy.Arn, AttachedTo = name }));
                    AddStatementGaps(gaps, $"managed policy {policy.Arn} attached to group {name}", policy.UnknownStatements, name);
                    if (policy.IsBundledCopy)
                    {
                        notes.Add(BundledManagedPolicies.UsedCopyNote(policy));
                    }
                }
                else
                {
                    gaps.Add(new SourceGap(PolicyType.IdentityBased, $"managed policy {reference.Arn} attached to group {name}", managed.Error ?? new SourceError("not found")));
                }
            }
        }
        else
        {
            gaps.Add(new SourceGap(PolicyType.IdentityBased, $"managed policies attached to group {name}", attached.Error ?? new SourceError("not found")));
        }

        // Any member: who it is (ARN, name, tags) is a circumstance, decided per class the policies tell apart.
        var member = RequestCaller.GroupMember(account.Partition, account.AccountId, name, await OrganizationAsync(account, cancellationToken).ConfigureAwait(false));
        var fixTarget = new IacFixTarget(IacFixTargetKind.Group, name, group.Value.Arn) { Origin = account.OriginOf(IamEntityKind.Group, name) };
        return Evaluate(account, subject, member, target, service, mfa, new PolicySet { IdentityPolicies = identity }, gaps, notes, fixTarget);
    }

    /// <summary>The user or role a fix for <paramref name="principal"/> is added to (a session's role), with where the IaC defines it.</summary>
    private static IacFixTarget? FixTargetOf(IacAccount account, ResolvedPrincipal principal)
    {
        var (kind, entity, path) = principal.Kind switch
        {
            PrincipalKind.IamUser => (IacFixTargetKind.User, IamEntityKind.User, "user"),
            PrincipalKind.FederatedUser when principal.IamArn is not null => (IacFixTargetKind.User, IamEntityKind.User, "user"),
            PrincipalKind.IamRole or PrincipalKind.AssumedRole => (IacFixTargetKind.Role, IamEntityKind.Role, "role"),
            _ => ((IacFixTargetKind?)null, IamEntityKind.User, string.Empty),
        };
        if (kind is null)
        {
            return null;
        }

        var arn = principal.IamArn ?? (principal.Kind is PrincipalKind.IamUser or PrincipalKind.IamRole
            ? principal.Arn
            : $"arn:{account.Partition}:iam::{principal.AccountId}:{path}/{principal.Name}");
        return new IacFixTarget(kind.Value, principal.Name, arn) { Origin = account.OriginOf(entity, principal.Name) };
    }

    private static PassRoleVerdict Evaluate(
        IacAccount account, string subject, RequestCaller caller, RoleTarget role, string service, bool? mfa, PolicySet policies, IReadOnlyList<SourceGap> gaps, IReadOnlyList<string> notes,
        IacFixTarget? fixTarget)
    {
        // A statement that is not known counts only if it could match the request: iam:PassRole on this role.
        var blocking = gaps.Where(g => g.PolicyType != PolicyType.ServiceControlPolicy && g.CouldAffect(PassRoleAction, role.Arn)).ToList();
        var allNotes = new List<string>(notes);
        allNotes.AddRange(gaps.Where(g => g.PolicyType == PolicyType.ServiceControlPolicy).Select(g => $"SCPs not counted: {g.Error.Message}"));
        allNotes.AddRange(gaps.Where(g => g.PolicyType != PolicyType.ServiceControlPolicy && !g.CouldAffect(PassRoleAction, role.Arn))
            .Select(g => EffectivePolicies.NotCounted(g, $"{PassRoleAction} on {role.Arn}")));
        var roleName = role.Arn[(role.Arn.LastIndexOf('/') + 1)..];
        allNotes.AddRange(account.Notes.Where(n => n.Contains(roleName, StringComparison.Ordinal)));
        allNotes.AddRange(account.Unknowns.Where(u => u.Reason.Contains($" is evaluated as {roleName}, ", StringComparison.Ordinal)).Select(u => u.ToString()));

        var options = mfa is { } present
            ? new RequestOptions { Pinned = RequestContext.Empty.With(ContextVariants.MultiFactorAuthPresentKey, present ? "true" : "false") }
            : RequestOptions.Default;
        var built = new RequestBuilder(options).PassRole(caller, role, service);
        var compiled = PolicyEvaluator.Compile(policies);
        var conditions = built.Decide(compiled);
        var blocked = conditions.Outcomes.FirstOrDefault(o => o.Decision != Decision.Allowed);
        var allowed = conditions.Outcomes.FirstOrDefault(o => o.Decision == Decision.Allowed);
        var result = compiled.Evaluate(conditions.IsConditional && blocked is not null ? built.Request with { Context = blocked.Context } : built.Request);
        var allowedResult = allowed is null ? null : compiled.Evaluate(built.Request with { Context = allowed.Context });

        var shown = caller.MemberOfGroup is null ? result : result with { Request = result.Request with { Principal = subject } };
        var crossAccount = CrossAccount(caller, role);
        var uniform = crossAccount is not null && conditions.Uniform is not Decision.ExplicitDeny ? Decision.ImplicitDeny : conditions.Uniform ?? Decision.Unknown;
        var neverAllowed = !conditions.Outcomes.Any(o => o.Decision == Decision.Allowed) && uniform != Decision.ExplicitDeny;
        var byVariable = crossAccount is null && neverAllowed ? RoleNamedThroughCircumstance(built, result) : null;
        if (byVariable is not null)
        {
            // Circumstances are split by the values conditions compare them with, not by the values a variable in a
            // Resource would need: who the caller is decides, so the data alone does not.
            uniform = Decision.Unknown;
        }

        // An explicit deny read from the IaC is certain; anything else is only as good as the policies that were read.
        var decision = uniform == Decision.ExplicitDeny || blocking.Count == 0 ? uniform : Decision.Unknown;
        var origins = result.DecidingStatements.Select(s => s.Policy.Source).Concat(result.Misses.Select(m => m.Policy.Source))
            .Distinct()
            .Select(source => account.OriginOf(source) is { } origin ? $"{source}: {origin}" : null)
            .OfType<string>()
            .ToList();
        var (fix, remedy) = crossAccount is not null ? (null, crossAccount)
            : byVariable is { } variable ? (null, variable.Remedy)
            : Propose(built, compiled, conditions, result, shown, role, service);
        return new PassRoleVerdict(subject, role.Arn, service, decision)
        {
            Evaluation = result,
            AllowedEvaluation = crossAccount is null ? allowedResult : null,
            Request = built,
            Conditions = crossAccount is null ? conditions : null,
            Gaps = blocking,
            Notes = allNotes,
            Origins = origins,
            Fix = fix,
            Remedy = remedy,
            FixTarget = fixTarget,
            FixTemplateChange = fix is not null && fixTarget is { Origin: not null }
                ? new TemplateChanges(account).Inline(EntityKind(fixTarget.Kind), fixTarget.Name, fix.Statements[0].Sid ?? LeastPrivilegeStatementBuilder.PassRolePolicyName(role.Arn, service), fix)
                : null,
            ForAnyGroupMember = caller.MemberOfGroup is not null,
            Undecided = byVariable?.Unknown,
            UndecidedBecause = byVariable?.Because,
            Decider = byVariable?.Decider,
        };
    }

    private static IamEntityKind EntityKind(IacFixTargetKind kind) => kind switch
    {
        IacFixTargetKind.Group => IamEntityKind.Group,
        IacFixTargetKind.User => IamEntityKind.User,
        _ => IamEntityKind.Role,
    };

    /// <summary>
    /// "You can only use the PassRole permission to pass an IAM role to a service that shares the same AWS account"
    /// (IAM User Guide, id_roles_use_passrole): the reason a role of another account cannot be passed, or <see langword="null"/>.
    /// </summary>
    private static string? CrossAccount(RequestCaller caller, RoleTarget role)
    {
        var parts = role.Arn.Split(':');
        var roleAccount = parts.Length > 4 ? parts[4] : string.Empty;
        return roleAccount.Length == 0 || string.Equals(roleAccount, caller.AccountId, StringComparison.Ordinal)
            ? null
            : $"{role.Arn} is in account {roleAccount}, the caller in {caller.AccountId}: a role cannot be passed to a service in another account, whatever the policies allow "
              + "(\"You can only use the PassRole permission to pass an IAM role to a service that shares the same AWS account\", IAM User Guide, "
              + "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html). No allow is proposed: pass a role of account "
              + $"{caller.AccountId} (it may assume the role of account {roleAccount} at run time).";
    }

    /// <summary>
    /// Why the decision depends on who calls when an identity-based allow names the role through a policy variable
    /// (<c>role/${aws:username}-glue</c>) whose key is a circumstance of this request (any member of a group; tags not
    /// read); <see langword="null"/> when no allow does.
    /// </summary>
    private static (string Remedy, string Unknown, string Because, string Decider)? RoleNamedThroughCircumstance(BuiltRequest built, EvaluationResult evaluation)
    {
        foreach (var miss in evaluation.Misses.Where(m => m.PolicyType == PolicyType.IdentityBased && m.Statement.Effect == Effect.Allow && m.FailedElement == StatementElement.Resource))
        {
            foreach (var resource in miss.Statement.Resource ?? [])
            {
                foreach (Match variable in VariablePattern().Matches(resource))
                {
                    var key = variable.Groups[1].Value.Split(',')[0].Trim();
                    if (built.IsCircumstance(key))
                    {
                        var why = built.Keys.FirstOrDefault(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase))?.Note ?? "not known";
                        var unknown = $"{miss.Statement.Effect} statement {miss.StatementLabel} of {miss.Policy.Source} names roles through ${{{key}}} ({resource}), and {key} is not known here ({why}): "
                            + "whether the role can be passed depends on its value";
                        var decider = $"a principal whose {key} is known, asked about by its ARN (CheckAsync, or check --principal)";
                        return ($"{unknown}. Ask about a principal whose {key} is known, by its ARN (CheckAsync, or check --principal). No allow is proposed: one would widen access past that variable.",
                            unknown,
                            $"it depends on {key}, which is not known here ({why})",
                            decider);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>A gap per statement of a group's policy that is not known in full.</summary>
    private static void AddStatementGaps(List<SourceGap> gaps, string policy, IReadOnlyList<UnknownStatement> statements, string group) =>
        gaps.AddRange(statements.Select(s => new SourceGap(PolicyType.IdentityBased, $"statement {s.Label} of {policy}", s.Error)
        {
            OwnerKind = IamEntityKind.Group,
            OwnerName = group,
            Statement = s,
        }));

    [GeneratedRegex(@"\$\{([^}]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex VariablePattern();

    /// <summary>
    /// The fix, never wider than a circumstance: no allow when some circumstance already allows (what must change is
    /// how the call is made) or when an explicit deny decides everywhere; otherwise the least-privilege allow with the
    /// circumstance conditions of every identity-based allow for <c>iam:PassRole</c> it stands in for, proposed only
    /// when it makes the request allowed in some class.
    /// </summary>
    private static (PolicyDocument? Fix, string? Remedy) Propose(
        BuiltRequest built, CompiledPolicySet compiled, ConditionalDecision conditions, EvaluationResult evaluation, EvaluationResult shown, RoleTarget role, string service)
    {
        if (conditions.Uniform == Decision.Allowed)
        {
            return (null, null);
        }

        if (conditions.Outcomes.Any(o => o.Decision == Decision.Allowed))
        {
            return (null,
                $"Make the call under the conditions that allow it ({Kinds(conditions)}); no allow is proposed: a new one would widen access past them.");
        }

        var mirrored = evaluation.MatchedStatements.Select(m => (m.PolicyType, m.Statement))
            .Concat(evaluation.Misses.Select(m => (m.PolicyType, m.Statement)))
            .Where(s => s.PolicyType == PolicyType.IdentityBased && s.Statement.Effect == Effect.Allow)
            .SelectMany(s => s.Statement.Conditions)
            .Where(c => built.IsCircumstance(c.Key))
            .DistinctBy(c => c.ToString())
            .ToList();
        var clash = mirrored.GroupBy(c => (c.Operator, Key: c.Key.ToUpperInvariant())).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            return (null,
                $"The allows for iam:PassRole set different conditions on {clash.First().Key} ({string.Join("; ", clash)}): no allow is proposed, because one that keeps them all cannot be written as one condition. Write it with the conditions that must hold.");
        }

        var builder = LeastPrivilegeStatementBuilder.PassRole(role.Arn, service);
        foreach (var condition in mirrored)
        {
            builder = builder.Condition(condition.Operator, condition.Key, condition.Values);
        }

        var fix = builder.BuildDocument();
        var after = built.Decide(compiled.WithIdentityPolicy(new SourcedPolicy(fix, new PolicySource(PolicySourceKind.UserInline, "proposed fix"))));
        if (!after.Outcomes.Any(o => o.Decision == Decision.Allowed))
        {
            return (null, conditions.Outcomes.All(o => o.Decision == Decision.ExplicitDeny)
                ? $"An explicit deny decides ({string.Join("; ", evaluation.DecidingStatements)}): no allow can override it. Change the deny, or pass the role as a principal it does not apply to."
                : $"No allow would be enough ({conditions.Describe()} with one): {shown.Explanation}");
        }

        return (fix, mirrored.Count == 0
            ? null
            : $"It keeps the conditions the allows for iam:PassRole set on how the call is made ({string.Join("; ", mirrored)}): with it, {after.Describe()}.");
    }

    /// <summary>What kind of change to the call the circumstance keys ask for, in words.</summary>
    private static string Kinds(ConditionalDecision conditions)
    {
        var kinds = conditions.Space.Keys.Select(key => key.ToUpperInvariant() switch
        {
            "AWS:SOURCEIP" or "AWS:VPCSOURCEIP" or "AWS:SOURCEVPC" or "AWS:SOURCEVPCE" or "AWS:SOURCEVPCARN" => "the network it is made from",
            "AWS:MULTIFACTORAUTHPRESENT" or "AWS:MULTIFACTORAUTHAGE" or "AWS:TOKENISSUETIME" => "the sign-in (MFA, session age)",
            "AWS:REQUESTEDREGION" => "the Region",
            "AWS:CURRENTTIME" or "AWS:EPOCHTIME" => "the time",
            "AWS:PRINCIPALARN" or "AWS:USERNAME" or "AWS:USERID" => "who makes it",
            _ when key.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase) => "who makes it (their tags)",
            _ when key.StartsWith("aws:PrincipalOrg", StringComparison.OrdinalIgnoreCase) => "the organization of the caller's account",
            _ => key,
        }).Distinct(StringComparer.Ordinal);
        return string.Join(", ", kinds);
    }

    /// <summary>The role as a request target, with its tags when the account defines it (a role of another account has none read).</summary>
    private static async ValueTask<(RoleTarget Target, List<SourceGap> Gaps)> RoleTargetAsync(IacAccount account, string role, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        if (role.StartsWith("arn:", StringComparison.Ordinal))
        {
            // Roles are compared by their full ARN: a role of the same name in another account (or path) is another role.
            var read = await new RoleReferenceResolver(account).ResolveAsync(role, cancellationToken).ConfigureAwait(false);
            return (read.TryGetValue(out var same) ? RoleTarget.From(same) : new RoleTarget(role), []);
        }

        var found = await account.GetRoleAsync(role, cancellationToken).ConfigureAwait(false);
        return found.IsFound
            ? (RoleTarget.From(found.Value), [])
            : (new RoleTarget($"arn:{account.Partition}:iam::{account.AccountId}:role/{role}"),
                [new SourceGap(PolicyType.IdentityBased, $"role {role}", found.Error ?? new SourceError($"role {role} does not exist"))]);
    }

    /// <summary>The account's organization, as far as the account data (a snapshot's <c>organizations/</c>) says.</summary>
    private static async ValueTask<OrganizationMembership?> OrganizationAsync(IacAccount account, CancellationToken cancellationToken)
    {
        var levels = await account.GetServiceControlPoliciesAsync(account.AccountId, cancellationToken).ConfigureAwait(false);
        return levels.Status switch
        {
            SourceResultStatus.Found => OrganizationMembership.FromLevels(levels.Value!),
            SourceResultStatus.NotFound => OrganizationMembership.None,
            _ => null,
        };
    }
}
