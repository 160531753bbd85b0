using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Iac;

/// <summary>
/// One-line questions for unit tests and CI: can this principal (or any member of this group) pass this role to Glue?
/// Uses the same policy resolution and evaluator as the investigation; works on any account source.
/// </summary>
/// <remarks>
/// The request carries <c>iam:PassedToService</c> and, unless told otherwise, <c>aws:MultiFactorAuthPresent=true</c> (a
/// console user signed in with MFA); pass <c>mfa: false</c> for long-term access keys. Service control policies that
/// are not known (IaC without a snapshot that holds them) are noted, not counted: the verdict holds "as far as IAM goes".
/// </remarks>
public static class IacPassRole
{
    /// <summary>Can <paramref name="principalArn"/> pass <paramref name="role"/> to <paramref name="service"/>?</summary>
    /// <param name="account">The account (e.g. an <see cref="IacAccount"/>).</param>
    /// <param name="principalArn">A user or role ARN, or an assumed-role session ARN.</param>
    /// <param name="role">The role: ARN, name, or (for IaC) logical ID or address.</param>
    /// <param name="service">The service principal.</param>
    /// <param name="mfa">The value of <c>aws:MultiFactorAuthPresent</c>, or <see langword="null"/> to leave it out.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The verdict.</returns>
    public static async ValueTask<PassRoleVerdict> CheckAsync(
        IacAccount account, string principalArn, string role, string service = LeastPrivilegeStatementBuilder.GlueServicePrincipal, bool? mfa = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(principalArn);
        var roleArn = await RoleArnAsync(account, role, cancellationToken).ConfigureAwait(false);
        var policies = await new EffectivePolicyResolver(account, account).ResolveAsync(principalArn, null, cancellationToken).ConfigureAwait(false);
        if (policies.PrincipalStatus != SourceResultStatus.Found)
        {
            var gap = policies.Gaps.Count > 0 ? policies.Gaps[0] : new SourceGap(PolicyType.IdentityBased, principalArn, new SourceError($"{principalArn} does not exist in the account"));
            return new PassRoleVerdict(principalArn, roleArn.Arn, service, Decision.Unknown) { Gaps = [gap, .. roleArn.Gaps] };
        }

        return Evaluate(account, principalArn, principalArn, roleArn, service, mfa, policies.Policies, [.. policies.Gaps, .. roleArn.Gaps], policies.Notes);
    }

    /// <summary>Can a member of <paramref name="groupName"/> pass <paramref name="role"/> to <paramref name="service"/>, by the group's policies alone?</summary>
    /// <param name="account">The account.</param>
    /// <param name="groupName">The group name (or, for IaC, its logical ID or address).</param>
    /// <param name="role">The role: ARN, name, or logical ID or address.</param>
    /// <param name="service">The service principal.</param>
    /// <param name="mfa">The value of <c>aws:MultiFactorAuthPresent</c>, or <see langword="null"/> to leave it out.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The verdict; a member's own policies, other groups and boundary are not counted.</returns>
    public static async ValueTask<PassRoleVerdict> CheckGroupAsync(
        IacAccount account, string groupName, string role, string service = LeastPrivilegeStatementBuilder.GlueServicePrincipal, bool? mfa = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        var roleArn = await RoleArnAsync(account, role, cancellationToken).ConfigureAwait(false);
        var subject = $"group {groupName}";
        var group = await account.GetGroupAsync(groupName, cancellationToken).ConfigureAwait(false);
        if (!group.IsFound)
        {
            var error = group.Error ?? new SourceError($"group {groupName} does not exist in the account");
            return new PassRoleVerdict(subject, roleArn.Arn, service, Decision.Unknown) { Gaps = [new SourceGap(PolicyType.IdentityBased, subject, error), .. roleArn.Gaps] };
        }

        var name = group.Value.Name;
        var gaps = new List<SourceGap>(roleArn.Gaps);
        var identity = new List<SourcedPolicy>();
        var notes = new List<string>();
        var inline = await account.GetInlinePoliciesAsync(IamEntityKind.Group, name, cancellationToken).ConfigureAwait(false);
        if (inline.TryGetValue(out var inlinePolicies))
        {
            identity.AddRange(inlinePolicies.Select(p => new SourcedPolicy(p.Document, new PolicySource(PolicySourceKind.GroupInline, p.Name) { AttachedTo = name })));
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

        var member = $"arn:{account.Partition}:iam::{account.AccountId}:user/group-member-of-{name}";
        return Evaluate(account, subject, member, roleArn, service, mfa, new PolicySet { IdentityPolicies = identity }, gaps, notes);
    }

    private static PassRoleVerdict Evaluate(
        IacAccount account, string subject, string principal, (string Arn, List<SourceGap> Gaps) role, string service, bool? mfa, PolicySet policies, IReadOnlyList<SourceGap> gaps, IReadOnlyList<string> notes)
    {
        var request = AuthorizationRequest.PassRole(principal, role.Arn, service);
        if (mfa is { } present)
        {
            request = request with { Context = request.Context.With("aws:MultiFactorAuthPresent", present ? "true" : "false") };
        }

        var result = PolicyEvaluator.Evaluate(policies, request);
        var blocking = gaps.Where(g => g.PolicyType != PolicyType.ServiceControlPolicy).ToList();
        var allNotes = new List<string>(notes);
        allNotes.AddRange(gaps.Where(g => g.PolicyType == PolicyType.ServiceControlPolicy).Select(g => $"SCPs not counted: {g.Error.Message}"));
        allNotes.AddRange(account.Notes.Where(n => n.Contains(role.Arn[(role.Arn.LastIndexOf('/') + 1)..], StringComparison.Ordinal)));

        // An explicit deny read from the IaC is certain; anything else is only as good as the policies that were read.
        var decision = result.Decision == Decision.ExplicitDeny || blocking.Count == 0 ? result.Decision : Decision.Unknown;
        var origins = result.DecidingStatements.Select(s => s.Policy.Source).Concat(result.Misses.Select(m => m.Policy.Source))
            .Distinct()
            .Select(source => account.OriginOf(source) is { } origin ? $"{source}: {origin}" : null)
            .OfType<string>()
            .ToList();
        return new PassRoleVerdict(subject, role.Arn, service, decision)
        {
            Evaluation = result,
            Gaps = blocking,
            Notes = allNotes,
            Origins = origins,
            Fix = decision == Decision.Allowed ? null : LeastPrivilegeStatementBuilder.PassRole(role.Arn, service).BuildDocument(),
        };
    }

    private static async ValueTask<(string Arn, List<SourceGap> Gaps)> RoleArnAsync(IacAccount account, string role, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        if (role.StartsWith("arn:", StringComparison.Ordinal))
        {
            return (role, []);
        }

        var found = await account.GetRoleAsync(role, cancellationToken).ConfigureAwait(false);
        return found.IsFound
            ? (found.Value.Arn, [])
            : (account is null ? role : $"arn:{account.Partition}:iam::{account.AccountId}:role/{role}",
                [new SourceGap(PolicyType.IdentityBased, $"role {role}", found.Error ?? new SourceError($"role {role} does not exist"))]);
    }
}
