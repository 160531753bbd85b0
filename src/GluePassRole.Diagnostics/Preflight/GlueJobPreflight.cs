using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Preflight;

/// <summary>
/// The preflight: every need of a Glue job, each request built by <see cref="RequestBuilder"/> and decided by the
/// evaluator on the identity's policies and, where one decides, the bucket or key policy. The PassRole need is today's
/// investigation; the trust need is the same trust question the investigation asks.
/// </summary>
internal sealed class GlueJobPreflight(
    IPassRoleInvestigator investigator,
    IIamReader iam,
    IOrganizationsReader organizations,
    IAccountIdentitySource identity,
    IGlueReader glue,
    IGlueJobResourceReader resources) : IGlueJobPreflight
{
    private const string Glue = PassRoleInvestigationRequest.GlueServicePrincipal;

    public async Task<GlueJobPreflightReport> RunAsync(GlueJobPreflightRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.JobName);
        var unread = new List<string>();
        var needs = new List<DecidedNeed>();

        var principal = request.Principal;
        if (principal is null)
        {
            var caller = await identity.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
            if (caller.TryGetValue(out var me))
            {
                principal = me.Arn;
            }
            else
            {
                unread.Add($"the caller identity (sts:GetCallerIdentity): {caller.Error?.Message ?? caller.ToString()}");
            }
        }

        var job = await ReadJobAsync(request.JobName, unread, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return new GlueJobPreflightReport
            {
                Job = request.JobName,
                Principal = principal,
                Unread = unread,
                Needs = [Unknown(new NeedSpec("job.definition", $"Read job {request.JobName}.", NeedSubject.Principal, "glue:GetJob", request.JobName, NeedCatalog.RunDoc), principal ?? "unknown", unread[^1]).Need],
            };
        }

        var role = await new RoleReferenceResolver(iam).ResolveAsync(job.Role, cancellationToken).ConfigureAwait(false);
        var account = principal is not null ? ArnText.Account(principal) : job.Role.StartsWith("arn:", StringComparison.Ordinal) ? ArnText.Account(job.Role) : string.Empty;
        var partition = (principal ?? job.Role).Split(':') is { Length: > 2 } parts && parts[0] == "arn" ? parts[1] : "aws";
        var roleArn = role.Value?.Arn ?? (job.Role.StartsWith("arn:", StringComparison.Ordinal) ? job.Role : $"arn:{partition}:iam::{account}:role/{job.Role}");
        if (!role.IsFound)
        {
            unread.Add($"role {job.Role}: {role.Error?.Message ?? role.NotFoundSubject ?? "not found"}");
        }

        var builder = new RequestBuilder(new RequestOptions { Region = request.Region, At = request.At });
        var resolver = new EffectivePolicyResolver(iam, organizations);
        var jobArn = $"arn:{partition}:glue:{request.Region ?? "REGION"}:{account}:job/{job.Name}";
        var regionMissing = request.Region is null ? "the job's Region is not known (give --region): the job's ARN names it" : null;

        // 1. The principal saves and runs the job.
        EffectivePolicies? principalPolicies = null;
        PassRoleReport? passRoleReport = null;
        if (principal is null)
        {
            const string Who = "the principal is not known: give --principal ARN";
            needs.AddRange(NeedCatalog.Principal(job, jobArn).Select(spec => Unknown(spec, "unknown", Who)));
            needs.Add(Unknown(new NeedSpec("principal.pass-role", $"Pass role {ArnText.RoleName(roleArn)} to Glue when saving the job.", NeedSubject.Principal, RequestBuilder.PassRoleAction, roleArn, NeedCatalog.SaveDoc), "unknown", Who));
        }
        else
        {
            principalPolicies = await resolver.ResolveAsync(principal, cancellationToken: cancellationToken).ConfigureAwait(false);
            NoteGaps(principalPolicies, unread);
            var caller = RequestCaller.From(principalPolicies);
            var evaluation = new NeedEvaluation(builder, principalPolicies, caller);
            foreach (var spec in NeedCatalog.Principal(job, jobArn))
            {
                needs.Add(evaluation.Decide(spec with { UnreadBecause = regionMissing }, null));
            }

            // 2. The principal passes the role to Glue: today's investigation.
            var report = await investigator.InvestigateAsync(
                new PassRoleInvestigationRequest { Principal = principal, Role = roleArn, GlueJobName = job.Exists ? job.Name : null, Region = request.Region, At = request.At },
                cancellationToken).ConfigureAwait(false);
            needs.Add(new DecidedNeed(PassRoleNeed(report, principal, roleArn), null, null, null));
            passRoleReport = report;
        }

        // 3. Glue assumes the role.
        needs.Add(new DecidedNeed(TrustNeed(builder, role, roleArn), null, null, null));

        // 4 and 5. The role does the job's work, as the session Glue runs it with.
        var roleNeeds = await GlueJobRoleNeeds.DecideCoreAsync(job, role, roleArn, partition, iam, organizations, resources, builder, request.RoleSessionName, unread, cancellationToken).ConfigureAwait(false);
        needs.AddRange(roleNeeds.Needs);
        var rolePolicies = roleNeeds.Policies;

        var fixes = new List<PreflightFix>();
        if (principalPolicies is not null && PreflightFixes.ForPrincipal(principalPolicies, needs, jobArn) is { } principalFix)
        {
            fixes.Add(principalFix);
        }

        if (passRoleReport?.Fix is { } passRoleFix)
        {
            fixes.Add(new PreflightFix($"{passRoleFix.Target.Type.ToString().ToLowerInvariant()} {passRoleFix.Target.Name}", passRoleFix.PolicyName, passRoleFix.Document, passRoleFix.Command)
            {
                Needs = ["principal.pass-role"],
                Verified = passRoleReport.Verification?.FixWorks == true,
                Verification = passRoleReport.Verification is { } v ? [$"principal.pass-role: {v.DecisionBeforeFix} -> {v.DecisionAfterFix}"] : [],
                AlsoRequired = [.. passRoleFix.AlsoRequired.Select(r => r.Description)],
            });
        }

        if (rolePolicies is not null && PreflightFixes.ForRole(rolePolicies, needs, job.Name) is { } roleFix)
        {
            fixes.Add(roleFix);
        }

        return new GlueJobPreflightReport
        {
            Job = job.Name,
            Role = roleArn,
            Principal = principal,
            Needs = [.. needs.Select(n => n.Need)],
            Unread = [.. unread.Distinct(StringComparer.Ordinal)],
            Fixes = fixes,
        };
    }

    private async Task<GlueJobDefinition?> ReadJobAsync(string name, List<string> unread, CancellationToken cancellationToken)
    {
        var definition = await resources.GetJobDefinitionAsync(name, cancellationToken).ConfigureAwait(false);
        if (definition.TryGetValue(out var job))
        {
            return job;
        }

        // Without the definition, the job's role (from the sources every command reads) still answers the principal's needs.
        var resource = await glue.GetResourceAsync(GlueResourceKind.Job, name, cancellationToken).ConfigureAwait(false);
        unread.Add($"the definition of job {name}: {definition.Error?.Message ?? definition.NotFoundSubject}");
        return resource.TryGetValue(out var known) ? new GlueJobDefinition(known.Name, known.Role) : null;
    }

    private static void NoteGaps(EffectivePolicies policies, List<string> unread)
    {
        foreach (var gap in policies.Gaps)
        {
            unread.Add($"{gap.Subject}: {gap.Error.Message}");
        }
    }

    private static DecidedNeed Unknown(NeedSpec spec, string principal, string why) =>
        new(new PreflightNeed(spec.Id, spec.Why, spec.Subject, principal, spec.Action, spec.Resource, NeedDecision.Unknown) { Documentation = spec.Documentation, Unread = [why] }, null, null, null);

    private static PreflightNeed PassRoleNeed(PassRoleReport report, string principal, string roleArn)
    {
        var decision = report.Circumstances is { IsConditional: true } conditional && conditional.Decisions.Contains(Decision.Allowed) && report.Decision != Decision.Unknown
            ? NeedDecision.Conditional
            : NeedEvaluation.Map(report.Decision);
        return new PreflightNeed("principal.pass-role", $"Pass role {ArnText.RoleName(roleArn)} to Glue (iam:PassRole with iam:PassedToService={Glue}) when saving the job.", NeedSubject.Principal, principal, RequestBuilder.PassRoleAction, roleArn, decision)
        {
            Documentation = NeedCatalog.SaveDoc,
            Conditions = report.Circumstances is { IsConditional: true } c ? [c.Describe()] : [],
            Blockers = [.. report.Blockers.Select(b => b.Kind == BlockerKind.ExplicitDeny
                ? $"explicit deny: statement {b.Statement} of {b.Policy}{(b.AttachedTo is null ? string.Empty : $" ({b.AttachedTo})")}"
                : $"no allow in the {b.Policy}{(b.Detail is null ? string.Empty : ": " + b.Detail)}")],
            GrantedBy = report.Decision == Decision.Allowed && report.Evaluation is { } evaluation ? [.. evaluation.DecidingStatements.Select(NeedEvaluation.Describe)] : [],
            Unread = [.. report.Unread.Where(g => g.PolicyType != PolicyType.ServiceControlPolicy || report.Decision == Decision.Unknown).Select(g => g.Subject)],
        };
    }

    private static PreflightNeed TrustNeed(RequestBuilder builder, SourceResult<IamRole> role, string roleArn)
    {
        const string Why = "Glue assumes the role to run the job (sts:AssumeRole by glue.amazonaws.com, allowed by the role's trust policy).";
        if (!role.TryGetValue(out var iamRole) || !iamRole.TrustPolicy.TryGetValue(out var trust))
        {
            return new PreflightNeed("service.assume-role", Why, NeedSubject.Service, Glue, RoleTrust.AssumeRoleAction, roleArn, NeedDecision.Unknown)
            {
                Documentation = NeedCatalog.RoleDoc,
                Unread = [role.Value is { } r ? $"the trust policy of role {r.Name}: {r.TrustPolicy.Error?.Message}" : $"role {roleArn}"],
            };
        }

        try
        {
            var built = builder.ServiceAssumeRole(Glue, RoleTarget.From(iamRole));
            var conditional = RoleTrust.DecideUnder(trust, iamRole.Arn, Glue, built.Request.Context, built.Circumstances);
            var chosen = conditional.Outcomes.FirstOrDefault(o => o.Decision == Decision.Allowed) ?? conditional.Outcomes[0];
            var explained = RoleTrust.Evaluate(trust, iamRole.Arn, Glue, chosen.Context);
            var decision = NeedEvaluation.Map(conditional);
            return new PreflightNeed("service.assume-role", Why, NeedSubject.Service, Glue, RoleTrust.AssumeRoleAction, iamRole.Arn, decision)
            {
                Documentation = NeedCatalog.RoleDoc,
                Conditions = conditional.IsConditional ? [conditional.Describe()] : [],
                GrantedBy = explained.Decision == Decision.Allowed ? [.. explained.DecidingStatements.Select(NeedEvaluation.Describe)] : [],
                Blockers = decision is NeedDecision.Allowed or NeedDecision.Conditional ? [] : NeedEvaluation.Blockers(explained),
            };
        }
        catch (PolicyDocumentException ex)
        {
            return new PreflightNeed("service.assume-role", Why, NeedSubject.Service, Glue, RoleTrust.AssumeRoleAction, iamRole.Arn, NeedDecision.Unknown)
            {
                Documentation = NeedCatalog.RoleDoc,
                Unread = [$"the trust policy of role {iamRole.Name} is not valid: {ex.Message}"],
            };
        }
    }
}

/// <summary>A need with what decided it, kept to verify a fix by deciding it again.</summary>
internal sealed record DecidedNeed(PreflightNeed Need, NeedSpec? Spec, CompiledPolicySet? Policies, BuiltRequest? Built)
{
    /// <summary>The request decided (with the need's own keys).</summary>
    public AuthorizationRequest? Request { get; init; }

    /// <summary>The layer that lacked an allow, for an implicit deny.</summary>
    public PolicyType? LackingLayer { get; init; }
}
