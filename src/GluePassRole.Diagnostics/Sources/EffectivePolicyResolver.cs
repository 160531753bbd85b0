using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources.Internal;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>
/// Resolves a principal ARN into every policy AWS evaluates for its requests, each with its provenance, and the parts
/// that could not be read.
/// </summary>
/// <remarks>
/// <para>
/// An IAM user gets its inline and attached managed policies, each of its groups' inline and attached managed
/// policies, and its permissions boundary. A role (or a role session, mapped to its role by name because the session
/// ARN carries no path) gets its inline and attached managed policies and its boundary, plus the session policy when
/// the caller supplies one. A federated-user session (<c>GetFederationToken</c>) gets the intersection of its IAM user's
/// policies and its session policy; without a session policy it has no permissions of its own, so no identity-based
/// policy is read ("if you do not pass any session policies, then the resulting federated user session has no
/// permissions": AWS STS API Reference, GetFederationToken). Service control policies of the account are added when the organizations source knows them
/// (IAM User Guide, "Policy evaluation logic" and "Determining whether a request is allowed or denied within an account").
/// </para>
/// <para>
/// Nothing unreadable is dropped silently or turned into a deny: it becomes a <see cref="SourceGap"/>. A policy read but
/// for some statements (<see cref="InlinePolicy.UnknownStatements"/>, <see cref="ManagedPolicy.UnknownStatements"/>)
/// is evaluated with the statements that are known, and each other statement is a gap of its own
/// (<see cref="SourceGap.Statement"/>), which matters only to requests it could match (<see cref="SourceGap.CouldAffect"/>).
/// </para>
/// </remarks>
internal sealed class EffectivePolicyResolver
{
    private readonly IIamReader _iam;
    private readonly IOrganizationsReader? _organizations;

    /// <summary>Creates a resolver.</summary>
    /// <param name="iam">Reads the account's IAM users, groups, roles and policies.</param>
    /// <param name="organizations">Reads the account's SCPs; <see langword="null"/> when there is no such source, which makes SCPs a gap.</param>
    public EffectivePolicyResolver(IIamReader iam, IOrganizationsReader? organizations = null)
    {
        ArgumentNullException.ThrowIfNull(iam);
        _iam = iam;
        _organizations = organizations;
    }

    /// <summary>Resolves the policies of a user, role, role session or federated-user session, and the session policy the session was created with, if any.</summary>
    /// <param name="principalArn">
    /// <c>arn:aws:iam::ACCT:user/PATH/NAME</c>, <c>arn:aws:iam::ACCT:role/PATH/NAME</c>,
    /// <c>arn:aws:sts::ACCT:assumed-role/NAME/SESSION</c> or <c>arn:aws:sts::ACCT:federated-user/NAME</c>. The
    /// federated-user ARN does not name the IAM user that called <c>GetFederationToken</c>: with a session policy, that
    /// user's policies are a gap here; use <see cref="ResolveFederatedUserAsync"/> to name the user.
    /// </param>
    /// <param name="sessionPolicy">
    /// The session policy passed to <c>AssumeRole</c> (IAM does not keep it, so only the caller can know it), or
    /// <see langword="null"/>. Ignored, with a note, for IAM users.
    /// </param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The policies, gaps and notes.</returns>
    /// <exception cref="ArgumentException">The ARN is not a user, role, assumed-role session or federated-user session ARN.</exception>
    public ValueTask<EffectivePolicies> ResolveAsync(string principalArn, PolicyDocument? sessionPolicy = null, CancellationToken cancellationToken = default) =>
        ResolveAsync(Parse(principalArn, nameof(principalArn)), null, sessionPolicy, cancellationToken);

    /// <summary>
    /// Resolves the policies of a federated-user session: those of the IAM user that called <c>GetFederationToken</c>,
    /// intersected (by the evaluator) with the session policy; without a session policy the session has no permissions.
    /// </summary>
    /// <param name="federatedUserArn"><c>arn:aws:sts::ACCT:federated-user/NAME</c>.</param>
    /// <param name="callingUserName">The name of the IAM user whose long-term credentials called <c>GetFederationToken</c>.</param>
    /// <param name="sessionPolicy">The session policy passed to <c>GetFederationToken</c>, or <see langword="null"/> when none was passed.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The policies, gaps and notes.</returns>
    /// <exception cref="ArgumentException">The ARN is not a federated-user ARN, or the user name is empty.</exception>
    public ValueTask<EffectivePolicies> ResolveFederatedUserAsync(
        string federatedUserArn, string callingUserName, PolicyDocument? sessionPolicy = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callingUserName);
        var principal = Parse(federatedUserArn, nameof(federatedUserArn));
        if (principal.Kind != PrincipalKind.FederatedUser)
        {
            throw new ArgumentException($"\"{federatedUserArn}\" is not a federated-user session ARN (arn:aws:sts::ACCOUNT:federated-user/NAME).", nameof(federatedUserArn));
        }

        return ResolveAsync(principal, callingUserName.Trim(), sessionPolicy, cancellationToken);
    }

    private static ResolvedPrincipal Parse(string principalArn, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principalArn, parameter);
        return PrincipalArnReader.TryParse(principalArn.Trim(), out var reason) ?? throw new ArgumentException(reason, parameter);
    }

    private async ValueTask<EffectivePolicies> ResolveAsync(ResolvedPrincipal principal, string? callingUserName, PolicyDocument? sessionPolicy, CancellationToken cancellationToken)
    {
        var run = new Resolution(_iam, principal, cancellationToken);
        if (principal.Kind == PrincipalKind.FederatedUser)
        {
            await run.ResolveFederatedUserAsync(callingUserName, sessionPolicy).ConfigureAwait(false);
        }
        else if (principal.Kind == PrincipalKind.IamUser)
        {
            await run.ResolveUserAsync().ConfigureAwait(false);
            if (sessionPolicy is not null)
            {
                run.Notes.Add("The session policy was ignored: an IAM user's own requests carry no session policy.");
            }
        }
        else
        {
            await run.ResolveRoleAsync().ConfigureAwait(false);
            if (sessionPolicy is not null)
            {
                run.SessionPolicy = new SourcedPolicy(
                    sessionPolicy,
                    new PolicySource(PolicySourceKind.SessionPolicy, "session policy") { AttachedTo = principal.SessionName ?? principal.Name });
            }
            else if (principal.Kind == PrincipalKind.AssumedRole)
            {
                run.Notes.Add("IAM does not record session policies; if this session was created with one, supply it to include it.");
            }
        }

        if (run.Status != SourceResultStatus.NotFound)
        {
            await run.ResolveServiceControlPoliciesAsync(_organizations).ConfigureAwait(false);
        }

        return run.ToResult();
    }

    /// <summary>The state of one resolution.</summary>
    private sealed class Resolution(IIamReader iam, ResolvedPrincipal principal, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, SourceResult<ManagedPolicy>> _managed = new(StringComparer.Ordinal);

        public ResolvedPrincipal Principal { get; private set; } = principal;

        public SourceResultStatus Status { get; private set; } = SourceResultStatus.Found;

        public List<SourcedPolicy> Identity { get; } = [];

        public SourcedPolicy? Boundary { get; set; }

        public SourcedPolicy? SessionPolicy { get; set; }

        public IReadOnlyList<IReadOnlyList<SourcedPolicy>>? ServiceControlPolicies { get; set; }

        public List<SourceGap> Gaps { get; } = [];

        public List<string> Notes { get; } = [];

        public List<ManagedPolicy> BundledCopies { get; } = [];

        public List<string> Groups { get; } = [];

        public PrincipalAttributes Attributes { get; set; } = PrincipalAttributes.Unknown;

        public async ValueTask ResolveUserAsync()
        {
            var name = Principal.Name;
            var user = await iam.GetUserAsync(name, cancellationToken).ConfigureAwait(false);
            string? boundaryArn = null;
            switch (user.Status)
            {
                case SourceResultStatus.NotFound:
                    Status = SourceResultStatus.NotFound;
                    return;
                case SourceResultStatus.Unreadable:
                    Status = SourceResultStatus.Unreadable;
                    Gaps.Add(new SourceGap(PolicyType.PermissionsBoundary, $"permissions boundary of user {name}", user.Error!));
                    break;
                default:
                    if (!CheckIdentity(user.Value!.Arn))
                    {
                        return;
                    }

                    boundaryArn = user.Value.PermissionsBoundaryArn;
                    Attributes = Attributes with { UniqueId = user.Value.Id, Tags = user.Value.Tags };
                    break;
            }

            await AddInlineAsync(IamEntityKind.User, name, PolicySourceKind.UserInline).ConfigureAwait(false);
            await AddAttachedAsync(IamEntityKind.User, name, PolicySourceKind.UserManaged).ConfigureAwait(false);

            var groups = await iam.ListGroupsForUserAsync(name, cancellationToken).ConfigureAwait(false);
            if (groups.TryGetValue(out var groupNames))
            {
                Groups.AddRange(groupNames);
                foreach (var group in groupNames)
                {
                    await AddInlineAsync(IamEntityKind.Group, group, PolicySourceKind.GroupInline).ConfigureAwait(false);
                    await AddAttachedAsync(IamEntityKind.Group, group, PolicySourceKind.GroupManaged).ConfigureAwait(false);
                }
            }
            else
            {
                AddGap(PolicyType.IdentityBased, $"groups of user {name}", groups, IamEntityKind.Group);
            }

            await AddBoundaryAsync(boundaryArn, name).ConfigureAwait(false);
        }

        public async ValueTask ResolveFederatedUserAsync(string? callingUserName, PolicyDocument? sessionPolicy)
        {
            var session = Principal.Arn;
            if (sessionPolicy is null)
            {
                Notes.Add($"{session} is a federated-user session: created without a session policy it has no permissions of its own, and only resource-based policies that name it can grant. IAM does not record session policies; if it was created with one, supply it.");
                return;
            }

            SessionPolicy = new SourcedPolicy(sessionPolicy, new PolicySource(PolicySourceKind.SessionPolicy, "session policy") { AttachedTo = Principal.SessionName });
            if (callingUserName is null)
            {
                Gaps.Add(new SourceGap(
                    PolicyType.IdentityBased,
                    $"policies of the IAM user that called GetFederationToken for {session}",
                    new SourceError("A federated-user ARN does not name the IAM user that created the session; name that user to include its policies.")));
                return;
            }

            Principal = Principal with { Name = callingUserName };
            await ResolveUserAsync().ConfigureAwait(false);
        }

        public async ValueTask ResolveRoleAsync()
        {
            var name = Principal.Name;
            var role = await iam.GetRoleAsync(name, cancellationToken).ConfigureAwait(false);
            string? boundaryArn = null;
            switch (role.Status)
            {
                case SourceResultStatus.NotFound:
                    Status = SourceResultStatus.NotFound;
                    return;
                case SourceResultStatus.Unreadable:
                    Status = SourceResultStatus.Unreadable;
                    Gaps.Add(new SourceGap(PolicyType.PermissionsBoundary, $"permissions boundary of role {name}", role.Error!));
                    break;
                default:
                    if (!CheckIdentity(role.Value!.Arn))
                    {
                        return;
                    }

                    boundaryArn = role.Value.PermissionsBoundaryArn;
                    Attributes = Attributes with { UniqueId = role.Value.Id, Tags = role.Value.Tags };
                    break;
            }

            await AddInlineAsync(IamEntityKind.Role, name, PolicySourceKind.RoleInline).ConfigureAwait(false);
            await AddAttachedAsync(IamEntityKind.Role, name, PolicySourceKind.RoleManaged).ConfigureAwait(false);
            await AddBoundaryAsync(boundaryArn, name).ConfigureAwait(false);
        }

        public async ValueTask ResolveServiceControlPoliciesAsync(IOrganizationsReader? organizations)
        {
            var subject = $"service control policies of account {Principal.AccountId}";
            if (organizations is null)
            {
                Gaps.Add(new SourceGap(PolicyType.ServiceControlPolicy, subject, new SourceError("No organizations source was given, so the SCPs that apply are unknown.")));
                return;
            }

            var levels = await organizations.GetServiceControlPoliciesAsync(Principal.AccountId, cancellationToken).ConfigureAwait(false);
            switch (levels.Status)
            {
                case SourceResultStatus.Found:
                    ServiceControlPolicies = [.. levels.Value!.Select(level => (IReadOnlyList<SourcedPolicy>)[.. level.Policies.Select(scp =>
                        new SourcedPolicy(scp.Document, new PolicySource(PolicySourceKind.ServiceControlPolicy, scp.Name) { Arn = scp.Arn, AttachedTo = level.TargetId }))])];
                    Attributes = Attributes with { Organization = OrganizationMembership.FromLevels(levels.Value!) };
                    break;
                case SourceResultStatus.NotFound:
                    Notes.Add($"Account {Principal.AccountId} is not in an organization: no SCPs apply.");
                    Attributes = Attributes with { Organization = OrganizationMembership.None };
                    break;
                default:
                    AddGap(PolicyType.ServiceControlPolicy, subject, levels);
                    break;
            }
        }

        public EffectivePolicies ToResult() => new(
            Principal,
            Status,
            new PolicySet
            {
                IdentityPolicies = [.. Identity],
                PermissionsBoundary = Boundary,
                SessionPolicy = SessionPolicy,
                ServiceControlPolicies = ServiceControlPolicies,
            })
        {
            Gaps = [.. Gaps],
            Notes = [.. Notes],
            BundledCopies = [.. BundledCopies],
            Groups = [.. Groups],
            Attributes = Attributes,
        };

        /// <summary>Records the IAM ARN; a principal from another account than the source's is not found there.</summary>
        private bool CheckIdentity(string iamArn)
        {
            if (!string.Equals(PrincipalArnReader.AccountOf(iamArn), Principal.AccountId, StringComparison.Ordinal))
            {
                Status = SourceResultStatus.NotFound;
                Notes.Add($"The source reads account {PrincipalArnReader.AccountOf(iamArn)}, but {Principal.Arn} is in account {Principal.AccountId}.");
                return false;
            }

            if (Principal.Kind is PrincipalKind.IamUser or PrincipalKind.IamRole && !string.Equals(iamArn, Principal.Arn, StringComparison.Ordinal))
            {
                Notes.Add($"{Principal.Arn} differs from the account's {Principal.Kind.ToString().ToLowerInvariant()} {Principal.Name}, {iamArn} (path or case); resolved by name.");
            }

            Principal = Principal with { IamArn = iamArn };
            return true;
        }

        private async ValueTask AddInlineAsync(IamEntityKind kind, string owner, PolicySourceKind sourceKind)
        {
            if (iam is IIamInlinePolicyReader each)
            {
                // One by one: a policy that cannot be read is a gap of its own, and its neighbours are still evaluated.
                var reads = await each.GetInlinePolicyReadsAsync(kind, owner, cancellationToken).ConfigureAwait(false);
                if (!reads.TryGetValue(out var found))
                {
                    AddGap(PolicyType.IdentityBased, $"inline policies of {Describe(kind)} {owner}", reads, kind, owner);
                    return;
                }

                foreach (var policy in found.Read)
                {
                    Identity.Add(new SourcedPolicy(policy.Document, new PolicySource(sourceKind, policy.Name) { AttachedTo = owner }));
                    AddStatementGaps(PolicyType.IdentityBased, $"inline policy {policy.Name} of {Describe(kind)} {owner}", policy.UnknownStatements, kind, owner);
                }

                foreach (var unread in found.Unread)
                {
                    var subject = unread.Name is { } name ? $"inline policy {name} of {Describe(kind)} {owner}" : $"an inline policy of {Describe(kind)} {owner}";
                    Gaps.Add(new SourceGap(PolicyType.IdentityBased, subject, unread.Error) { OwnerKind = kind, OwnerName = owner });
                }

                return;
            }

            var inline = await iam.GetInlinePoliciesAsync(kind, owner, cancellationToken).ConfigureAwait(false);
            if (!inline.TryGetValue(out var policies))
            {
                AddGap(PolicyType.IdentityBased, $"inline policies of {Describe(kind)} {owner}", inline, kind, owner);
                return;
            }

            foreach (var policy in policies)
            {
                Identity.Add(new SourcedPolicy(policy.Document, new PolicySource(sourceKind, policy.Name) { AttachedTo = owner }));
                AddStatementGaps(PolicyType.IdentityBased, $"inline policy {policy.Name} of {Describe(kind)} {owner}", policy.UnknownStatements, kind, owner);
            }
        }

        private async ValueTask AddAttachedAsync(IamEntityKind kind, string owner, PolicySourceKind sourceKind)
        {
            var attached = await iam.GetAttachedPoliciesAsync(kind, owner, cancellationToken).ConfigureAwait(false);
            if (!attached.TryGetValue(out var policies))
            {
                AddGap(PolicyType.IdentityBased, $"managed policies attached to {Describe(kind)} {owner}", attached, kind, owner);
                return;
            }

            foreach (var policy in policies)
            {
                var managed = await GetManagedAsync(policy.Arn).ConfigureAwait(false);
                if (managed.TryGetValue(out var found))
                {
                    Identity.Add(new SourcedPolicy(found.Document, new PolicySource(sourceKind, found.Name) { Arn = found.Arn, AttachedTo = owner }));
                    AddStatementGaps(PolicyType.IdentityBased, $"managed policy {found.Arn} attached to {Describe(kind)} {owner}", found.UnknownStatements, kind, owner);
                }
                else
                {
                    AddGap(PolicyType.IdentityBased, $"managed policy {policy.Arn} attached to {Describe(kind)} {owner}", managed, kind, owner);
                }
            }
        }

        private async ValueTask AddBoundaryAsync(string? boundaryArn, string owner)
        {
            if (boundaryArn is null)
            {
                return;
            }

            var managed = await GetManagedAsync(boundaryArn).ConfigureAwait(false);
            if (managed.TryGetValue(out var found))
            {
                Boundary = new SourcedPolicy(found.Document, new PolicySource(PolicySourceKind.PermissionsBoundary, found.Name) { Arn = found.Arn, AttachedTo = owner });
                AddStatementGaps(PolicyType.PermissionsBoundary, $"permissions boundary {boundaryArn} of {owner}", found.UnknownStatements);
            }
            else
            {
                AddGap(PolicyType.PermissionsBoundary, $"permissions boundary {boundaryArn} of {owner}", managed);
            }
        }

        private async ValueTask<SourceResult<ManagedPolicy>> GetManagedAsync(string arn)
        {
            if (!_managed.TryGetValue(arn, out var result))
            {
                result = await iam.GetManagedPolicyAsync(arn, cancellationToken).ConfigureAwait(false);
                _managed[arn] = result;
                if (result.TryGetValue(out var policy) && policy.IsBundledCopy)
                {
                    Notes.Add(BundledManagedPolicies.UsedCopyNote(policy));
                    BundledCopies.Add(policy);
                }
            }

            return result;
        }

        /// <summary>One gap per statement of a policy that is not known in full: each matters only to requests it could match.</summary>
        private void AddStatementGaps(PolicyType type, string policy, IReadOnlyList<UnknownStatement> statements, IamEntityKind? ownerKind = null, string? ownerName = null)
        {
            foreach (var statement in statements)
            {
                Gaps.Add(new SourceGap(type, $"statement {statement.Label} of {policy}", statement.Error)
                {
                    OwnerKind = ownerKind,
                    OwnerName = ownerName,
                    Statement = statement,
                });
            }
        }

        /// <summary>A gap for an answer that is not found (listed but missing) or unreadable.</summary>
        private void AddGap<T>(PolicyType type, string subject, SourceResult<T> result, IamEntityKind? ownerKind = null, string? ownerName = null)
            where T : notnull
        {
            var error = result.Error ?? new SourceError($"{result.NotFoundSubject} is referenced but was not found, so its policies are unknown.");
            Gaps.Add(new SourceGap(type, subject, error) { OwnerKind = ownerKind, OwnerName = ownerName });
        }

        private static string Describe(IamEntityKind kind) => kind switch
        {
            IamEntityKind.User => "user",
            IamEntityKind.Group => "group",
            _ => "role",
        };
    }
}
