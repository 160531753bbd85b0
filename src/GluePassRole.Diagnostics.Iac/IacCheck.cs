using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.Iac.Internal.Fixes;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Preflight;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac;

/// <summary>How serious an <see cref="IacCheckFinding"/> is.</summary>
public enum IacCheckSeverity
{
    /// <summary>Worth knowing; nothing to fix.</summary>
    Note,

    /// <summary>Could not be decided before deploy (an unknown value, an entity the IaC does not define).</summary>
    Unknown,

    /// <summary>Works, but wider than it should be (a role that can be passed to any service).</summary>
    Warning,

    /// <summary>Fails at deploy or at the first job save: the check did not pass.</summary>
    Error,

    /// <summary>
    /// Passes only under conditions the check cannot know before deploy: how the call is made (network, MFA, Region),
    /// who in a group makes it, or what a service sends (<c>aws:SourceAccount</c> when Glue assumes the role). Named in
    /// <see cref="IacCheckFinding.Conditions"/>. In seriousness it sits between <see cref="Note"/> and
    /// <see cref="Unknown"/>: the check passes (declared last to keep the values of the others).
    /// </summary>
    Conditional = 4,
}

/// <summary>One result of <see cref="IacCheck.RunAsync"/>.</summary>
/// <param name="RuleId">The rule, e.g. <c>GPR002</c> (stable, for SARIF and suppression).</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What was found, with the explanation.</param>
/// <param name="Origin">Where in the IaC, when known.</param>
public sealed record IacCheckFinding(string RuleId, IacCheckSeverity Severity, string Message, IacOrigin? Origin)
{
    /// <summary>
    /// For a <see cref="IacCheckSeverity.Conditional"/> pass, each condition under which it passes, e.g.
    /// <c>aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0</c> or <c>aws:SourceAccount = 111122223333</c>; empty otherwise.
    /// </summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];

    /// <summary>
    /// For an <see cref="IacCheckSeverity.Unknown"/> finding, each thing not known and why, e.g. <c>inline policies of
    /// group platform-users: Group platform-users is not defined by the IaC; ...</c>; empty otherwise.
    /// </summary>
    public IReadOnlyList<string> Unknowns { get; init; } = [];

    /// <summary>For an <see cref="IacCheckSeverity.Unknown"/> finding, what would decide it; <see langword="null"/> otherwise.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>
    /// What the finding is about when it is not where <see cref="Origin"/> points, e.g. the principal or group a GPR008
    /// finding names; <see langword="null"/> when the origin's resource says it.
    /// </summary>
    public string? Subject { get; init; }

    /// <summary>
    /// The change the finding proposes, naming what it is made to and where; for an <see cref="IacCheckSeverity.Unknown"/>
    /// finding only under <see cref="IacCheckFix.OnlyIf"/>. <see langword="null"/> when none is proposed.
    /// </summary>
    public IacCheckFix? Fix { get; init; }
}

/// <summary>All findings of a check, and the verdict a CI step acts on.</summary>
/// <param name="Findings">The findings, in the order the resources appear.</param>
public sealed record IacCheckResult(IReadOnlyList<IacCheckFinding> Findings)
{
    /// <summary>Whether any finding is an <see cref="IacCheckSeverity.Error"/>.</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == IacCheckSeverity.Error);

    /// <summary>Whether any finding is <see cref="IacCheckSeverity.Unknown"/>.</summary>
    public bool HasUnknowns => Findings.Any(f => f.Severity == IacCheckSeverity.Unknown);

    /// <summary>Whether any finding is a <see cref="IacCheckSeverity.Conditional"/> pass (the check passes, under its conditions).</summary>
    public bool HasConditions => Findings.Any(f => f.Severity == IacCheckSeverity.Conditional);

    /// <summary>How many Glue resources (jobs, crawlers, sessions, dev endpoints, ML transforms) the sources define and were checked.</summary>
    public int GlueResourcesChecked { get; init; }

    /// <summary>The principals the check asked about (those the sources define).</summary>
    public IReadOnlyList<string> PrincipalsChecked { get; init; } = [];

    /// <summary>The groups the check asked about (those the sources define).</summary>
    public IReadOnlyList<string> GroupsChecked { get; init; } = [];

    /// <summary>What each finding is about (the request, its decision, who, which role and Glue resource), when known.</summary>
    internal IReadOnlyDictionary<IacCheckFinding, Internal.CheckFacts> Facts { get; init; } = new Dictionary<IacCheckFinding, Internal.CheckFacts>();

    /// <summary>What was checked, in one sentence; says so when nothing was.</summary>
    public string Scope
    {
        get
        {
            if (GlueResourcesChecked == 0)
            {
                return "Nothing was checked: the sources define no Glue job, crawler, session, dev endpoint or ML transform.";
            }

            var notFound = Findings.Any(f => f.RuleId == "GPR008");
            var who = PrincipalsChecked.Count == 0 && GroupsChecked.Count == 0
                ? notFound
                    ? "none of the principals and groups named is defined by the sources (GPR008), so only the roles' trust and passes to other services were checked"
                    : "no principal or group was named (--principal, --group), so only the roles' trust and passes to other services were checked"
                : $"who must pass them: {string.Join(", ", PrincipalsChecked.Concat(GroupsChecked.Select(g => "group " + g)))}";
            return $"Checked {GlueResourcesChecked} Glue resource{(GlueResourcesChecked == 1 ? string.Empty : "s")}; {who}.";
        }
    }
}

/// <summary>
/// Checks, before deploy, every Glue job, crawler, dev endpoint and ML transform the IaC defines: its role is in the
/// account, exists and trusts <c>glue.amazonaws.com</c>; each named principal or group can pass the role to Glue; and
/// no user, group or role the IaC defines (nor a named one) can pass it to another service, which a statement without an
/// <c>iam:PassedToService</c> condition allows.
/// </summary>
/// <remarks>
/// Every question goes through <see cref="RequestBuilder"/>, as in the investigation. A check that holds only under
/// circumstances the IaC cannot tell (a source-IP or MFA condition, which member of a group calls, a trust policy's
/// <c>aws:SourceAccount</c> guard that Glue may or may not satisfy) is a <see cref="IacCheckSeverity.Conditional"/>
/// pass that names its conditions, neither a pass nor a failure.
/// </remarks>
public static class IacCheck
{
    /// <summary>The rules, by ID, with a one-line description (for SARIF rule metadata and the README).</summary>
    public static IReadOnlyDictionary<string, string> Rules { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GPR001"] = "The Glue resource's role cannot be known before deploy.",
        ["GPR002"] = "The Glue resource's role does not exist or cannot be read.",
        ["GPR003"] = "The Glue resource's role does not trust glue.amazonaws.com (sts:AssumeRole).",
        ["GPR004"] = "A principal or group that must edit the Glue resource cannot pass its role to Glue.",
        ["GPR005"] = "A principal, group or role can pass the Glue role to services other than Glue (no iam:PassedToService condition).",
        ["GPR006"] = "A value the IaC defines cannot be known before deploy.",
        ["GPR008"] = "A principal or group named with --principal or --group is not defined by the sources.",
        ["GPR007"] = "The Glue resource's role is in another account: iam:PassRole can only pass a role to a service in the caller's account.",
        ["GPR009"] = "The Glue job's role cannot read its script (Command.ScriptLocation).",
        ["GPR010"] = "The Glue job's role cannot use its temporary directory (--TempDir: read, write, delete, list).",
        ["GPR011"] = "The Glue job's role cannot use its security configuration's KMS key.",
    };

    /// <summary>A service no Glue role should be passed to, used to detect pass-to-any-service grants.</summary>
    internal const string OtherService = "ec2.amazonaws.com";

    /// <summary>Runs the checks.</summary>
    /// <param name="account">The IaC account.</param>
    /// <param name="principals">Principal ARNs that must be able to pass every Glue role.</param>
    /// <param name="groups">Group names whose members must be able to pass every Glue role (by the group's policies).</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The findings.</returns>
    public static async ValueTask<IacCheckResult> RunAsync(
        IacAccount account, IReadOnlyList<string> principals, IReadOnlyList<string> groups, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(principals);
        ArgumentNullException.ThrowIfNull(groups);
        var findings = new Internal.CheckFindings();
        foreach (var unknown in account.Unknowns.Where(u => !account.GlueResources.Any(g => g.Unknown == u)))
        {
            findings.Add(new("GPR006", IacCheckSeverity.Note, $"Unknown before deploy: {unknown.Reason}.", unknown.Origin));
        }

        foreach (var note in account.Notes)
        {
            findings.Add(new("GPR006", IacCheckSeverity.Note, note, null));
        }

        // A principal or group the check is asked about must be defined by the sources: one that is not is a failure
        // ("not found"), not an unknown, and is not asked about for each Glue resource.
        var definedPrincipals = new List<string>();
        foreach (var principal in principals)
        {
            if (await DefinedAsync(account, principal, cancellationToken).ConfigureAwait(false))
            {
                definedPrincipals.Add(principal);
            }
            else
            {
                findings.Add(new("GPR008", IacCheckSeverity.Error, $"Principal {principal} (--principal) is not found: the sources define no such user or role.", null) { Subject = principal }, new(null) { Principal = principal });
            }
        }

        var definedGroups = new List<string>();
        foreach (var group in groups)
        {
            var read = await account.GetGroupAsync(group, cancellationToken).ConfigureAwait(false);
            if (read.Status == SourceResultStatus.NotFound)
            {
                findings.Add(new("GPR008", IacCheckSeverity.Error, $"Group {group} (--group) is not found: the sources define no such group.", null) { Subject = $"group {group}" }, new(null) { Group = group });
            }
            else
            {
                definedGroups.Add(group);
            }
        }

        principals = definedPrincipals;
        groups = definedGroups;
        var checkedRoles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var glue in account.GlueResources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var what = $"Glue {glue.Kind} {glue.Name}";
            var about = new Internal.CheckFacts(glue) { Role = glue.Role };
            if (glue.Role is null || glue.Unknown is not null)
            {
                var reason = glue.Unknown?.Reason ?? "no role";
                const string Decider = "a role the IaC names before deploy (a name, an ARN, a role it defines, or a parameter given a value with --parameter), or the deployed account";
                findings.Add(new("GPR001", IacCheckSeverity.Unknown,
                    $"{what}: its role is not known before deploy ({reason}), so whether it exists, trusts Glue and who can pass it is not checked. What would decide it: {Decider}.",
                    glue.Unknown?.Origin ?? glue.RoleOrigin ?? glue.Origin)
                {
                    Unknowns = [$"the role of {what}: {reason}"],
                    DecidedBy = Decider,
                },
                about with { DecisionName = nameof(Decision.Unknown) });
                continue;
            }

            if (OtherAccount(glue.Role, account.AccountId) is { } roleAccount)
            {
                findings.Add(new("GPR007", IacCheckSeverity.Error,
                    $"{what}: its role {glue.Role} is in account {roleAccount}, not {account.AccountId}: a role cannot be passed to a service in another account, whatever the policies allow "
                    + "(\"You can only use the PassRole permission to pass an IAM role to a service that shares the same AWS account\", IAM User Guide, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html). "
                    + $"No allow is proposed: use a role of account {account.AccountId} (it may assume the role of account {roleAccount} at run time).",
                    glue.RoleOrigin ?? glue.Origin),
                    about);
                continue;
            }

            var role = await new RoleReferenceResolver(account).ResolveAsync(glue.Role, cancellationToken).ConfigureAwait(false);
            if (!role.IsFound)
            {
                if (role.Status == SourceResultStatus.NotFound)
                {
                    findings.Add(new("GPR002", IacCheckSeverity.Error, $"{what}: role {glue.Role} does not exist.", glue.RoleOrigin ?? glue.Origin), about);
                }
                else
                {
                    var decider = $"reading role {glue.Role}";
                    findings.Add(new("GPR002", IacCheckSeverity.Unknown,
                        $"{what}: whether role {glue.Role} exists is not known: it could not be read ({role.Error}), so its trust and who can pass it are not checked. What would decide it: {decider}.",
                        glue.RoleOrigin ?? glue.Origin)
                    {
                        Unknowns = [$"role {glue.Role}: {role.Error}"],
                        DecidedBy = decider,
                    },
                    about with { DecisionName = nameof(Decision.Unknown) });
                }

                continue;
            }

            var roleArn = role.Value.Arn;
            var roleOrigin = account.OriginOf(IamEntityKind.Role, role.Value.Name) ?? glue.RoleOrigin ?? glue.Origin;
            about = about with { Role = roleArn };
            Trust(findings, what, role.Value, roleOrigin, account, about);
            if (glue.Kind == GlueResourceKind.Job && (await account.GetJobDefinitionAsync(glue.Name, cancellationToken).ConfigureAwait(false)).Value is { } definition)
            {
                // The job's role at run time, as preflight decides it (bucket and key policies the IaC defines decide too).
                var (needs, _) = await GlueJobRoleNeeds.DecideAsync(definition with { Role = roleArn }, account, account, account, cancellationToken: cancellationToken).ConfigureAwait(false);
                RoleNeeds(findings, what, needs, glue.Origin, about with { Principal = roleArn });
            }

            foreach (var principal in principals)
            {
                var verdict = await IacPassRole.CheckAsync(account, principal, roleArn, cancellationToken: cancellationToken).ConfigureAwait(false);
                MustPass(findings, what, verdict, glue.Origin, about with { Principal = principal });
            }

            foreach (var group in groups)
            {
                var verdict = await IacPassRole.CheckGroupAsync(account, group, roleArn, cancellationToken: cancellationToken).ConfigureAwait(false);
                MustPass(findings, what, verdict, glue.Origin, about with { Group = group });
            }

            if (checkedRoles.Add(roleArn))
            {
                await NoPassToOtherServicesAsync(findings, account, principals, groups, roleArn, roleOrigin, about, cancellationToken).ConfigureAwait(false);
            }
        }

        return new IacCheckResult(findings.All)
        {
            Facts = findings.Facts,
            GlueResourcesChecked = account.GlueResources.Count,
            PrincipalsChecked = definedPrincipals,
            GroupsChecked = [.. definedGroups],
        };
    }

    /// <summary>GPR009, GPR010, GPR011: the job's role cannot read its script, use its temporary directory or its key.</summary>
    private static void RoleNeeds(Internal.CheckFindings findings, string what, IReadOnlyList<PreflightNeed> needs, IacOrigin origin, Internal.CheckFacts about)
    {
        // The run-time request is the role's own: the action when the needs name one, the decision they share.
        Internal.CheckFacts Facts(IReadOnlyList<PreflightNeed> subject, string decision) => about with
        {
            Action = subject.Select(n => n.Action).Distinct(StringComparer.Ordinal).Count() == 1 ? subject[0].Action : null,
            DecisionName = decision,
        };

        foreach (var (rule, matches, task) in new (string, Func<PreflightNeed, bool>, string)[]
        {
            ("GPR009", n => n.Id == "role.script.read", "read its script"),
            ("GPR010", n => n.Id.StartsWith("role.tempdir.", StringComparison.Ordinal), "use its temporary directory"),
            ("GPR011", n => n.Id.StartsWith("role.kms.", StringComparison.Ordinal), "use its security configuration's key"),
        })
        {
            var relevant = needs.Where(matches).ToList();
            var denied = relevant.Where(n => n.Decision is NeedDecision.ImplicitDeny or NeedDecision.ExplicitDeny).ToList();
            // A bucket or key outside the sources: its resource policy is not read, so the need is not decided. check names
            // it in a note with what the role's own policies say (pre-deploy, most scripts live in buckets no template
            // defines); it is neither a pass nor a failure, and preflight on the deployed account decides it.
            var unreadResourceOnly = relevant.Where(n => n.Decision == NeedDecision.Unknown && n.Unread.Count > 0
                && n.Unread.All(u => u.StartsWith("the bucket policy of ", StringComparison.Ordinal) || u.StartsWith("the key policy of ", StringComparison.Ordinal))).ToList();
            var unknown = relevant.Where(n => n.Decision == NeedDecision.Unknown).Except(unreadResourceOnly).ToList();
            var conditional = relevant.Where(n => n.Decision == NeedDecision.Conditional).ToList();
            static string Describe(PreflightNeed n, string detail) => $"{n.Action} on {n.Resource} ({n.Decision}{(detail.Length == 0 ? string.Empty : ": " + detail)})";
            if (denied.Count > 0)
            {
                findings.Add(new(rule, IacCheckSeverity.Error,
                    $"{what}: its role cannot {task}: {string.Join("; ", denied.Select(n => Describe(n, string.Join(", ", n.Blockers))))}. See glue-passrole preflight for the verified fix.", origin),
                    Facts(denied, denied.Any(n => n.Decision == NeedDecision.ExplicitDeny) ? nameof(Decision.ExplicitDeny) : nameof(Decision.ImplicitDeny)));
            }
            else if (unknown.Count > 0)
            {
                var unread = unknown.SelectMany(n => n.Unread).Distinct(StringComparer.Ordinal).ToList();
                findings.Add(new(rule, IacCheckSeverity.Unknown,
                    $"{what}: whether its role can {task} is not known: {string.Join("; ", unknown.Select(n => Describe(n, string.Join(", ", n.Unread))))}.", origin)
                {
                    Unknowns = unread,
                    DecidedBy = string.Join("; ", unread),
                },
                Facts(unknown, nameof(Decision.Unknown)));
            }
            else if (conditional.Count > 0)
            {
                findings.Add(new(rule, IacCheckSeverity.Conditional,
                    $"{what}: its role can {task} only under conditions: {string.Join("; ", conditional.Select(n => Describe(n, string.Join(", ", n.Conditions))))}.", origin),
                    Facts(conditional, "Conditional"));
            }
            else if (unreadResourceOnly.Count > 0)
            {
                var byRead = unreadResourceOnly.Select(n => $"{n.Action} on {n.Resource}: {n.Conditions.FirstOrDefault(c => c.StartsWith("by the policies that were read", StringComparison.Ordinal)) ?? "not decided"}");
                findings.Add(new(rule, IacCheckSeverity.Note,
                    $"{what}: whether its role can {task} is not checked: {string.Join("; ", unreadResourceOnly.SelectMany(n => n.Unread).Distinct(StringComparer.Ordinal))} is not in the sources ({string.Join("; ", byRead)}). Run glue-passrole preflight on the deployed account to decide it.", origin),
                    Facts(unreadResourceOnly, nameof(Decision.Unknown)));
            }
        }
    }

    /// <summary>The account of a role ARN when it is not <paramref name="accountId"/>; <see langword="null"/> for a name or a role of the account.</summary>
    private static string? OtherAccount(string role, string accountId)
    {
        if (!role.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = role.Split(':');
        return parts.Length > 4 && parts[4].Length > 0 && !string.Equals(parts[4], accountId, StringComparison.Ordinal) ? parts[4] : null;
    }

    /// <summary>
    /// GPR003: Glue's own request to assume the role (<see cref="RequestBuilder.ServiceAssumeRole"/>), decided per class
    /// of the keys AWS does not document that Glue sends (<c>aws:SourceAccount</c>, <c>aws:SourceArn</c>): a trust that
    /// holds only when Glue sends them is a conditional pass, never "does not trust Glue".
    /// </summary>
    private static void Trust(Internal.CheckFindings findings, string what, IamRole role, IacOrigin origin, IacAccount account, Internal.CheckFacts about)
    {
        about = about with { Action = "sts:AssumeRole", Principal = LeastPrivilegeStatementBuilder.GlueServicePrincipal, Role = role.Arn };
        if (!role.TrustPolicy.TryGetValue(out var trust))
        {
            const string Decider = "the trust policy's value, once the IaC gives it (or the deployed role)";
            findings.Add(new("GPR003", IacCheckSeverity.Unknown,
                $"{what}: whether role {role.Name} lets {LeastPrivilegeStatementBuilder.GlueServicePrincipal} assume it is not known: its trust policy is not known ({role.TrustPolicy.Error}). What would decide it: {Decider}.",
                origin.At("AssumeRolePolicyDocument"))
            {
                Unknowns = [$"the trust policy of role {role.Name}: {role.TrustPolicy.Error}"],
                DecidedBy = Decider,
            },
            about with { DecisionName = nameof(Decision.Unknown) });
            return;
        }

        const string Glue = LeastPrivilegeStatementBuilder.GlueServicePrincipal;
        var built = new RequestBuilder().ServiceAssumeRole(Glue, RoleTarget.From(role));
        var decision = RoleTrust.DecideUnder(trust, role.Arn, Glue, built.Request.Context, built.Circumstances);
        if (decision.Uniform == Decision.Allowed)
        {
            return;
        }

        var allowed = decision.Outcomes.Where(o => o.Decision == Decision.Allowed).Select(decision.Relevant).Distinct(StringComparer.Ordinal).ToList();
        if (allowed.Count > 0)
        {
            var unsent = built.Keys
                .Where(k => k.Source == RequestKeySource.Circumstance && decision.Space.Keys.Contains(k.Key, StringComparer.OrdinalIgnoreCase))
                .Select(k => k.Key)
                .ToList();
            findings.Add(new("GPR003", IacCheckSeverity.Conditional,
                $"{what}: role {role.Name} trusts {Glue} only under conditions: {decision.Describe()}. "
                + $"AWS does not document whether Glue sends {string.Join(" or ", unsent)} when it assumes a job's role: if it does not, the job fails to assume the role.",
                origin.At("AssumeRolePolicyDocument"))
            {
                Conditions = allowed,
            },
            about with { DecisionName = "Conditional" });
            return;
        }

        if (!decision.IsComplete)
        {
            const string Decider = "what Glue's request carries when it assumes the role (the circumstances named)";
            findings.Add(new("GPR003", IacCheckSeverity.Unknown,
                $"{what}: whether role {role.Name} lets {Glue} assume it is not known: it was not decided in some circumstances ({decision.Describe()}). What would decide it: {Decider}.",
                origin.At("AssumeRolePolicyDocument"))
            {
                Unknowns = [$"the trust of role {role.Name} in some circumstances: {decision.Describe()}"],
                DecidedBy = Decider,
            },
            about with { DecisionName = nameof(Decision.Unknown) });
            return;
        }

        var denial = decision.Uniform?.ToString() ?? decision.Describe();
        var where = origin.At("AssumeRolePolicyDocument");
        var target = new IacFixTarget(IacFixTargetKind.Role, role.Name, role.Arn) { Origin = origin };
        var change = $"Add {Glue} as a trusted service (sts:AssumeRole) to the trust policy of {target}, defined at {where}";
        var statement = PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"{{Glue}}"},"Action":"sts:AssumeRole"}]}""");
        var template = new TemplateChanges(account).Trust(role.Name, statement.Statements[0]);
        var how = template is null ? $"{change}." : $"{Capital(template.Description)}, at {template.Where}:{Environment.NewLine}{Indent(template.Snippet)}";
        findings.Add(new("GPR003", IacCheckSeverity.Error,
            $"{what}: role {role.Name} does not let {Glue} assume it ({denial}); the job would fail to run. {how}",
            where)
        {
            Fix = new IacCheckFix(target, template is null ? change : $"{Capital(template.Description)}, at {template.Where}")
            {
                Policy = statement,
                Where = where,
                TemplateChange = template,
            },
        },
        about with { DecisionName = Internal.CheckFacts.Denial(decision.Uniform ?? Decision.Unknown, decision) });
    }

    private static void MustPass(Internal.CheckFindings findings, string what, PassRoleVerdict verdict, IacOrigin origin, Internal.CheckFacts about)
    {
        about = about with { Action = "iam:PassRole", Role = verdict.RoleArn, Service = verdict.Service };
        if (verdict.Decision == Decision.Allowed)
        {
            findings.Add(new("GPR004", IacCheckSeverity.Note, $"{what}: {verdict.Subject} can pass {verdict.RoleArn} to Glue.", origin), about with { DecisionName = nameof(Decision.Allowed) });
        }
        else if (verdict.IsAllowedUnderSomeConditions)
        {
            findings.Add(new("GPR004", IacCheckSeverity.Conditional,
                $"{what}: {verdict.Subject} can pass {verdict.RoleArn} to Glue only under conditions: {verdict.Describe()}.{(verdict.Remedy is null ? string.Empty : " " + verdict.Remedy)}",
                origin)
            {
                Conditions = verdict.AllowedWhen,
            },
            about with { DecisionName = "Conditional" });
        }
        else if (verdict.IsDeniedWhateverTheConditions)
        {
            findings.Add(new("GPR004", IacCheckSeverity.Error, $"{what}: {verdict.Explanation}", origin) { Fix = FixOf(verdict) }, about with { DecisionName = Internal.CheckFacts.Denial(verdict.Decision, verdict.Conditions) });
        }
        else
        {
            findings.Add(new("GPR004", IacCheckSeverity.Unknown, $"{what}: {verdict.Explanation}", origin)
            {
                Unknowns = verdict.Unknowns,
                DecidedBy = verdict.DecidedBy,
                Fix = FixOf(verdict),
            },
            about with { DecisionName = nameof(Decision.Unknown) });
        }
    }

    /// <summary>The verdict's fix as a check finding's: the inline policy, the user, group or role it is added to, and where.</summary>
    private static IacCheckFix? FixOf(PassRoleVerdict verdict) => verdict is { Fix: { } policy, FixTarget: { } target }
        ? new IacCheckFix(target, verdict.FixTemplateChange is { } change ? $"{Capital(change.Description)}, at {change.Where}" : $"add it as an inline policy of {target}")
        {
            Policy = policy,
            Where = verdict.FixTemplateChange is { } at ? new IacOrigin(at.File, at.Resource, at.Line) { Property = at.Property } : target.Origin,
            OnlyIf = verdict.FixOnlyIf,
            TemplateChange = verdict.FixTemplateChange,
        }
        : null;

    private static string Indent(string snippet) => string.Join(Environment.NewLine, snippet.TrimEnd().Split('\n').Select(line => "    " + line));

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static async ValueTask NoPassToOtherServicesAsync(
        Internal.CheckFindings findings, IacAccount account, IReadOnlyList<string> principals, IReadOnlyList<string> groups, string roleArn, IacOrigin roleOrigin, Internal.CheckFacts about, CancellationToken cancellationToken)
    {
        // The IaC's users, and its roles as sessions of themselves (a Lambda function, a pipeline, a job running as the
        // role can pass what the role's policies allow, e.g. iam:PassRole on * or AdministratorAccess).
        var roles = new List<string>();
        foreach (var name in account.RoleNames)
        {
            roles.Add((await account.GetRoleAsync(name, cancellationToken).ConfigureAwait(false)).Value?.Arn ?? $"arn:{account.Partition}:iam::{account.AccountId}:role/{name}");
        }

        var holders = principals
            .Concat(account.UserNames.Select(u => $"arn:{account.Partition}:iam::{account.AccountId}:user/{u}"))
            .Concat(roles)
            .Distinct(StringComparer.Ordinal);
        foreach (var principal in holders)
        {
            var verdict = await IacPassRole.CheckAsync(account, principal, roleArn, OtherService, cancellationToken: cancellationToken).ConfigureAwait(false);
            await WideGrantAsync(findings, verdict, account, roleOrigin, about with { Principal = principal }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var group in groups.Concat(account.GroupNames).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var verdict = await IacPassRole.CheckGroupAsync(account, group, roleArn, OtherService, cancellationToken: cancellationToken).ConfigureAwait(false);
            await WideGrantAsync(findings, verdict, account, roleOrigin, about with { Group = group }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask WideGrantAsync(Internal.CheckFindings findings, PassRoleVerdict verdict, IacAccount account, IacOrigin roleOrigin, Internal.CheckFacts about, CancellationToken cancellationToken)
    {
        if (verdict.Decision != Decision.Allowed && !verdict.IsAllowedUnderSomeConditions)
        {
            return;
        }

        // A grant that holds only under some circumstances is still wider than Glue: warn, naming when.
        var evaluation = verdict.Decision == Decision.Allowed ? verdict.Evaluation! : verdict.AllowedEvaluation!;
        var grant = evaluation.DecidingStatements.Concat(evaluation.MatchedStatements).FirstOrDefault(s => s.Statement.Effect == Policies.Effect.Allow);
        var facts = about with { Action = "iam:PassRole", Role = verdict.RoleArn, Service = verdict.Service, DecisionName = verdict.Decision == Decision.Allowed ? nameof(Decision.Allowed) : "Conditional" };
        if (grant is { Policy.Source: { IsAwsManaged: true } managed } && await HolderAsync(account, managed, cancellationToken).ConfigureAwait(false) is { } holder)
        {
            AwsManagedWideGrant(findings, verdict, grant, holder, roleOrigin, facts);
            return;
        }

        var origin = grant is null ? roleOrigin : account.OriginOf(grant.Policy.Source) ?? roleOrigin;
        var when = verdict.Decision == Decision.Allowed ? string.Empty : $" when {string.Join(" or ", verdict.AllowedWhen)}";
        const string Condition = "\"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"glue.amazonaws.com\"}}";
        var target = grant is null ? null : await GrantTargetAsync(account, grant.Policy.Source, cancellationToken).ConfigureAwait(false);
        // The IaC's own policy: the condition in the file's own form, at the statement.
        var template = grant is not null && account.OriginOf(grant.Policy.Source) is { } defined
            ? new TemplateChanges(account).Condition(defined, grant.StatementLabel, new JsonObject { ["StringEquals"] = new JsonObject { ["iam:PassedToService"] = LeastPrivilegeStatementBuilder.GlueServicePrincipal } })
            : null;
        var condition = template is null ? Condition : "this Condition";
        var change = grant is null
            ? $"Add {condition} to the statement that allows it"
            : $"Add {condition} to statement {grant.StatementLabel} of {Holder(grant.Policy.Source, target)}, {(account.OriginOf(grant.Policy.Source) is { } at ? $"defined at {at}" : "not defined by the IaC (change it where it is managed)")}";
        var how = template is null ? $"{change}." : $"{change}:{Environment.NewLine}{Indent(template.Snippet)}";
        findings.Add(new("GPR005", IacCheckSeverity.Warning,
            $"{verdict.Subject} can pass {verdict.RoleArn} to {verdict.Service}{when}, not only to Glue{(grant is null || target is not null ? string.Empty : $" ({grant})")}. {how}",
            origin)
        {
            Fix = target is null ? null : new IacCheckFix(target, change) { Where = account.OriginOf(grant!.Policy.Source), TemplateChange = template },
        },
        facts);
    }

    /// <summary>
    /// GPR005 through an AWS managed policy (AdministratorAccess, IAMFullAccess, ...), which cannot be changed: the fix is
    /// on the user, group or role it is attached to, a statement denying the pass to any other service (an explicit deny
    /// wins over the managed policy's allow), or a narrower policy in its place.
    /// </summary>
    private static void AwsManagedWideGrant(Internal.CheckFindings findings, PassRoleVerdict verdict, StatementMatch grant, IacFixTarget holder, IacOrigin roleOrigin, Internal.CheckFacts facts)
    {
        var when = verdict.Decision == Decision.Allowed ? string.Empty : $" when {string.Join(" or ", verdict.AllowedWhen)}";
        var statement = new JsonObject
        {
            ["Sid"] = "PassOnlyToGlue",
            ["Effect"] = "Deny",
            ["Action"] = "iam:PassRole",
            ["Resource"] = verdict.RoleArn,
            ["Condition"] = new JsonObject { ["StringNotEquals"] = new JsonObject { ["iam:PassedToService"] = LeastPrivilegeStatementBuilder.GlueServicePrincipal } },
        }.ToJsonString();
        var deny = PolicyDocument.Parse(new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(JsonNode.Parse(statement)) }.ToJsonString());
        var change = $"Statement {grant.StatementLabel} of AWS managed policy {grant.Policy.Source.Name} ({grant.Policy.Source.Arn}) allows it, and an AWS managed policy cannot be changed: "
            + $"add to {holder}, {holder.Where}, a statement that denies passing the role to any other service, or attach a narrower policy instead";
        findings.Add(new("GPR005", IacCheckSeverity.Warning,
            $"{verdict.Subject} can pass {verdict.RoleArn} to {verdict.Service}{when}, not only to Glue. {change}:{Environment.NewLine}    {statement}",
            holder.Origin ?? roleOrigin)
        {
            Fix = new IacCheckFix(holder, change) { Policy = deny, Where = holder.Origin },
        },
        facts);
    }

    /// <summary>The user, group or role a managed policy is attached to, as a fix target.</summary>
    private static ValueTask<IacFixTarget?> HolderAsync(IacAccount account, PolicySource source, CancellationToken cancellationToken)
    {
        PolicySourceKind? inline = source.Kind switch
        {
            PolicySourceKind.UserManaged => PolicySourceKind.UserInline,
            PolicySourceKind.GroupManaged => PolicySourceKind.GroupInline,
            PolicySourceKind.RoleManaged => PolicySourceKind.RoleInline,
            _ => null,
        };
        return inline is null ? ValueTask.FromResult<IacFixTarget?>(null) : GrantTargetAsync(account, source with { Kind = inline.Value, Arn = null }, cancellationToken);
    }

    /// <summary>What a statement's policy is changed on: the customer managed policy, or the user, group or role that holds the inline policy.</summary>
    private static async ValueTask<IacFixTarget?> GrantTargetAsync(IacAccount account, PolicySource source, CancellationToken cancellationToken)
    {
        if (source.Arn is { } policyArn)
        {
            return new IacFixTarget(IacFixTargetKind.ManagedPolicy, source.Name, policyArn) { Origin = account.OriginOf(source) };
        }

        if (source.AttachedTo is not { } name)
        {
            return null;
        }

        var (kind, entity, arn) = source.Kind switch
        {
            PolicySourceKind.UserInline => (IacFixTargetKind.User, IamEntityKind.User, (await account.GetUserAsync(name, cancellationToken).ConfigureAwait(false)).Value?.Arn),
            PolicySourceKind.GroupInline => (IacFixTargetKind.Group, IamEntityKind.Group, (await account.GetGroupAsync(name, cancellationToken).ConfigureAwait(false)).Value?.Arn),
            PolicySourceKind.RoleInline => (IacFixTargetKind.Role, IamEntityKind.Role, (await account.GetRoleAsync(name, cancellationToken).ConfigureAwait(false)).Value?.Arn),
            _ => ((IacFixTargetKind?)null, IamEntityKind.User, (string?)null),
        };
        return kind is null
            ? null
            : new IacFixTarget(kind.Value, name, arn ?? $"arn:{account.Partition}:iam::{account.AccountId}:{entity.ToString().ToLowerInvariant()}/{name}") { Origin = account.OriginOf(entity, name) };
    }

    /// <summary>The statement's policy in words, with what it belongs to: <c>inline policy P of group G (ARN)</c>, <c>managed policy P (ARN)</c>.</summary>
    private static string Holder(PolicySource source, IacFixTarget? target) => target switch
    {
        null => source.ToString(),
        { Kind: IacFixTargetKind.ManagedPolicy } => $"{target}{(source.AttachedTo is null ? string.Empty : $" (attached to {source.AttachedTo})")}",
        _ => $"inline policy {source.Name} of {target}",
    };

    /// <summary>Whether the sources define the user or role a principal ARN names (a session's role for a session ARN).</summary>
    private static async ValueTask<bool> DefinedAsync(IacAccount account, string principal, CancellationToken cancellationToken)
    {
        var resource = principal.Split(':') is { Length: 6 } parts ? parts[5] : string.Empty;
        var name = resource[(resource.LastIndexOf('/') + 1)..];
        if (resource.StartsWith("user/", StringComparison.Ordinal))
        {
            return (await account.GetUserAsync(name, cancellationToken).ConfigureAwait(false)).Status != SourceResultStatus.NotFound;
        }

        if (resource.StartsWith("role/", StringComparison.Ordinal))
        {
            return (await account.GetRoleAsync(name, cancellationToken).ConfigureAwait(false)).Status != SourceResultStatus.NotFound;
        }

        if (resource.StartsWith("assumed-role/", StringComparison.Ordinal) && resource.Split('/') is { Length: >= 2 } session)
        {
            return (await account.GetRoleAsync(session[1], cancellationToken).ConfigureAwait(false)).Status != SourceResultStatus.NotFound;
        }

        return true; // not a user or role ARN: the per-resource checks say what they can
    }
}
