using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Preflight;

/// <summary>
/// The run-time needs of a Glue job's role alone (script, <c>--extra-*</c> files, <c>--TempDir</c>, logs, metrics, Spark UI,
/// connections, the security configuration's keys), decided as the session Glue runs the job with, with bucket and key
/// policies where read: what <see cref="IGlueJobPreflight"/> checks after the principal's needs, for callers such as
/// <c>check</c> that have a job definition and an account but no principal.
/// </summary>
public static class GlueJobRoleNeeds
{
    /// <summary>Decides the role's needs for <paramref name="job"/>.</summary>
    /// <param name="job">The job's definition.</param>
    /// <param name="iam">Reads the role and its policies.</param>
    /// <param name="organizations">Reads the SCPs.</param>
    /// <param name="resources">Reads the security configuration, connections, bucket and key policies.</param>
    /// <param name="options">The Region, the moment; the Region names log groups and connections (without it they are unknown).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The needs, in checklist order, and what could not be read.</returns>
    public static async Task<(IReadOnlyList<PreflightNeed> Needs, IReadOnlyList<string> Unread)> DecideAsync(
        GlueJobDefinition job, IIamReader iam, IOrganizationsReader organizations, IGlueJobResourceReader resources, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(iam);
        ArgumentNullException.ThrowIfNull(organizations);
        ArgumentNullException.ThrowIfNull(resources);
        var role = await new RoleReferenceResolver(iam).ResolveAsync(job.Role, cancellationToken).ConfigureAwait(false);
        var partition = job.Role.StartsWith("arn:", StringComparison.Ordinal) && job.Role.Split(':') is { Length: > 2 } parts ? parts[1] : "aws";
        var roleArn = role.Value?.Arn ?? job.Role;
        var unread = new List<string>();
        if (!role.IsFound)
        {
            unread.Add($"role {job.Role}: {role.Error?.Message ?? role.NotFoundSubject ?? "not found"}");
        }

        var decided = await DecideCoreAsync(job, role, roleArn, partition, iam, organizations, resources, new RequestBuilder(options), "GlueJobRunnerSession", unread, cancellationToken).ConfigureAwait(false);
        return ([.. decided.Needs.Select(n => n.Need)], [.. unread.Distinct(StringComparer.Ordinal)]);
    }

    internal static async Task<(IReadOnlyList<DecidedNeed> Needs, EffectivePolicies? Policies)> DecideCoreAsync(
        GlueJobDefinition job, SourceResult<IamRole> role, string roleArn, string partition, IIamReader iam, IOrganizationsReader organizations,
        IGlueJobResourceReader resources, RequestBuilder builder, string sessionName, List<string> unread, CancellationToken cancellationToken)
    {
        var needs = new List<DecidedNeed>();
        var connections = new Dictionary<string, SourceResult<GlueConnection>>(StringComparer.Ordinal);
        foreach (var name in job.Connections)
        {
            connections[name] = await resources.GetConnectionAsync(name, cancellationToken).ConfigureAwait(false);
            if (!connections[name].IsFound)
            {
                unread.Add($"connection {name}: {connections[name].Error?.Message ?? connections[name].NotFoundSubject}");
            }
        }

        SourceResult<GlueSecurityConfiguration>? security = null;
        if (job.SecurityConfiguration is { } configuration)
        {
            security = await resources.GetSecurityConfigurationAsync(configuration, cancellationToken).ConfigureAwait(false);
            if (!security.IsFound)
            {
                unread.Add($"security configuration {configuration}: {security.Error?.Message ?? security.NotFoundSubject}");
            }
        }

        var session = $"arn:{partition}:sts::{ArnText.Account(roleArn)}:assumed-role/{ArnText.RoleName(roleArn)}/{sessionName}";
        var specs = NeedCatalog.Role(job, partition, builder.Options.Region, ArnText.Account(roleArn), connections, security).ToList();
        EffectivePolicies? rolePolicies = null;
        NeedEvaluation? evaluation = null;
        if (role.IsFound)
        {
            rolePolicies = await new EffectivePolicyResolver(iam, organizations).ResolveAsync(session, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var gap in rolePolicies.Gaps)
            {
                unread.Add($"{gap.Subject}: {gap.Error.Message}");
            }

            evaluation = new NeedEvaluation(builder, rolePolicies, RequestCaller.From(rolePolicies));
        }

        var policies = new Dictionary<string, SourceResult<ResourcePolicy>>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            // A service principal's need is decided on the key policy alone: it does not wait for the role.
            if (evaluation is null && spec.Subject != NeedSubject.Service)
            {
                needs.Add(new DecidedNeed(
                    new PreflightNeed(spec.Id, spec.Why, spec.Subject, session, spec.Action, spec.Resource, NeedDecision.Unknown) { Documentation = spec.Documentation, Unread = [$"role {job.Role} was not read"] },
                    null, null, null));
                continue;
            }

            SourceResult<ResourcePolicy>? resourcePolicy = null;
            if (spec.PolicyKind != ResourcePolicyKind.None && spec.PolicyResource is { } resource)
            {
                var key = $"{spec.PolicyKind}:{resource}";
                if (!policies.TryGetValue(key, out resourcePolicy))
                {
                    resourcePolicy = spec.PolicyKind == ResourcePolicyKind.Bucket
                        ? await resources.GetBucketPolicyAsync(resource, cancellationToken).ConfigureAwait(false)
                        : await resources.GetKeyPolicyAsync(resource, cancellationToken).ConfigureAwait(false);
                    policies[key] = resourcePolicy;
                    if (!resourcePolicy.IsFound)
                    {
                        unread.Add(resourcePolicy.Error?.Message ?? resourcePolicy.NotFoundSubject ?? key);
                    }
                }
            }

            needs.Add(spec.Subject == NeedSubject.Service ? NeedEvaluation.DecideService(builder, spec, resourcePolicy) : evaluation!.Decide(spec, resourcePolicy));
        }

        return (needs, rolePolicies);
    }
}
