using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// Step: reads the Glue job and confirms it uses the role in the error; a job-only request learns its role here. With no
/// job named, a source that knows its jobs (a snapshot) offers them: one job is used, several are narrowed to those whose
/// role is the error's role or whose name the error mentions.
/// </summary>
internal sealed class ReadGlueJobStep(IGlueReader glue, IIamReader iam, IEnumerable<IGlueJobDirectory> directories) : IInvestigationStep
{
    private const string Title = "Glue job";

    public string Name => InvestigationSteps.ReadGlueJob;

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } = [InvestigationFacts.RoleReference, InvestigationFacts.Error, InvestigationFacts.Action, InvestigationFacts.Principal];

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } = [InvestigationFacts.GlueJob, InvestigationFacts.RoleReference];

    public async ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.ActionInvestigated is { } investigated)
        {
            return await ActionJobAsync(context, investigated, cancellationToken).ConfigureAwait(false);
        }

        var roleReference = context.Get(InvestigationFacts.RoleReference);
        GlueResource? glueJob;
        string? chosenBecause = null;
        if (context.Request.GlueJobName is { } jobName)
        {
            var job = await FindByNameAsync(jobName, cancellationToken).ConfigureAwait(false);
            if (!job.TryGetValue(out glueJob))
            {
                const string Any = "Glue job, crawler, interactive session, dev endpoint or ML transform";
                return job.Status == SourceResultStatus.Unreadable
                    ? StepResult.Incomplete(context, Unreadable.Finding($"Glue job {jobName}", job.Error!)) with
                    {
                        Check = new InvestigationCheck(Title, CheckOutcome.Unknown, $"Glue job {jobName} could not be read: {job.Error!.Message}"),
                    }
                    : StepResult.Completed(context, new Finding(FindingCodes.NotFound, FindingSeverity.Error, $"No {Any} named {jobName} exists in this account and Region.")) with
                    {
                        Check = new InvestigationCheck(Title, CheckOutcome.Failed, $"No {Any} named {jobName} exists in this account and Region."),
                    };
            }
        }
        else
        {
            (glueJob, chosenBecause, var why, var unreadable) = await FindJobAsync(context, roleReference, cancellationToken).ConfigureAwait(false);
            if (unreadable is not null)
            {
                // The job may be in a file that could not be read: say which and why, rather than "no job was named".
                return StepResult.Incomplete(context, Unreadable.Finding("the Glue jobs saved in the source", unreadable)) with
                {
                    Check = new InvestigationCheck(
                        Title,
                        CheckOutcome.Unknown,
                        $"Not checked: the Glue jobs in the source could not be listed: {unreadable.Message} {(IsIac ? "Give --job NAME." : "Save the job again (aws glue get-job --job-name NAME > glue-get-job-NAME.json), or give --job NAME.")}"),
                };
            }

            if (glueJob is null)
            {
                return StepResult.Skipped(context, why) with { Check = new InvestigationCheck(Title, CheckOutcome.Skipped, $"Not checked: {why}.") };
            }
        }

        var updated = context.With(InvestigationFacts.GlueJob, glueJob);

        // Job.Role is whatever was stored: a bare name or an ARN. Role names are unique per account, so resolve it.
        var jobRole = await new RoleReferenceResolver(iam).ResolveAsync(glueJob.Role, cancellationToken).ConfigureAwait(false);
        var jobRoleArn = jobRole.TryGetValue(out var resolved) ? resolved.Arn : glueJob.Role;
        var read = chosenBecause is null ? string.Empty : $" ({chosenBecause})";

        if (roleReference is null)
        {
            return StepResult.Completed(updated.With(InvestigationFacts.RoleReference, jobRoleArn)) with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Passed, $"{Describe(glueJob)} runs as {jobRoleArn}: that is the role investigated{read}."),
            };
        }

        if (!SameRole(roleReference, jobRoleArn))
        {
            return StepResult.Completed(updated, new Finding(
                FindingCodes.JobRoleMismatch,
                FindingSeverity.Warning,
                $"{Describe(glueJob)} uses role {jobRoleArn}, not {roleReference}. The error came from a save that passed a different role (or the {glueJob.Kind.Word()} changed since): check which role the {glueJob.Kind.Word()} should use.")
            {
                Evidence = [new Evidence { Expected = [roleReference], Actual = [jobRoleArn], Note = $"the job's role as stored: {glueJob.Role}" }],
            }) with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Failed, $"{Describe(glueJob)} runs as {jobRoleArn}, not the error's role {roleReference}{read}."),
            };
        }

        return StepResult.Completed(updated) with
        {
            Check = new InvestigationCheck(Title, CheckOutcome.Passed, $"{Describe(glueJob)} runs as {jobRoleArn}, the error's role{read}."),
        };
    }

    /// <summary>
    /// An error for another action: the job is read when named, or, for a role session, found in a source that lists its
    /// jobs when exactly one runs as the session's role (the job's run-time errors are its role's sessions). A role
    /// session's error is checked to come from the job's role. The role investigated is the principal's own.
    /// </summary>
    private async ValueTask<StepResult> ActionJobAsync(InvestigationContext context, InvestigatedAction investigated, CancellationToken cancellationToken)
    {
        var session = context.Get(InvestigationFacts.Principal) is { Kind: PrincipalKind.AssumedRole or PrincipalKind.IamRole } principal ? principal : null;
        GlueResource? glueJob = null;
        var read = string.Empty;
        if (context.Request.GlueJobName is { } jobName)
        {
            var job = await glue.GetResourceAsync(GlueResourceKind.Job, jobName, cancellationToken).ConfigureAwait(false);
            if (!job.TryGetValue(out glueJob))
            {
                return job.Status == SourceResultStatus.Unreadable
                    ? StepResult.Incomplete(context, Unreadable.Finding($"Glue job {jobName}", job.Error!)) with
                    {
                        Check = new InvestigationCheck(Title, CheckOutcome.Unknown, $"Glue job {jobName} could not be read: {job.Error!.Message}"),
                    }
                    : StepResult.Completed(context, new Finding(FindingCodes.NotFound, FindingSeverity.Error, $"Glue job {jobName} does not exist in this account and Region.")) with
                    {
                        Check = new InvestigationCheck(Title, CheckOutcome.Failed, $"Glue job {jobName} does not exist in this account and Region."),
                    };
            }
        }
        else if (session?.RoleName is { } sessionRoleName && directories.LastOrDefault() is { } directory
            && (await directory.ListJobsAsync(cancellationToken).ConfigureAwait(false)).TryGetValue(out var jobs))
        {
            var runAsRole = jobs.Where(j => string.Equals(ArnText.RoleName(j.Role), sessionRoleName, StringComparison.OrdinalIgnoreCase)).ToList();
            if (runAsRole.Count == 1)
            {
                (glueJob, read) = (runAsRole[0], $" (of {jobs.Count} job{(jobs.Count == 1 ? string.Empty : "s")} in the source, the one that runs as role {sessionRoleName})");
            }
        }

        if (glueJob is null)
        {
            return StepResult.Skipped(context, "no Glue job was named") with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Skipped, $"Not checked: the error denies {investigated.Action}, not passing a role, and no Glue job was named (--job NAME checks that the job runs as the principal's role)."),
            };
        }

        var updated = context.With(InvestigationFacts.GlueJob, glueJob);
        var jobRole = await new RoleReferenceResolver(iam).ResolveAsync(glueJob.Role, cancellationToken).ConfigureAwait(false);
        var jobRoleArn = jobRole.TryGetValue(out var resolved) ? resolved.Arn : glueJob.Role;
        if (session is null)
        {
            return StepResult.Completed(updated) with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Passed, $"Glue job {glueJob.Name} runs as {jobRoleArn}."),
            };
        }

        var sessionRole = session.RoleName ?? string.Empty;
        if (!string.Equals(sessionRole, ArnText.RoleName(jobRoleArn), StringComparison.OrdinalIgnoreCase))
        {
            return StepResult.Completed(updated, new Finding(
                FindingCodes.JobRoleMismatch,
                FindingSeverity.Warning,
                $"Glue job {glueJob.Name} runs as {jobRoleArn}, but the error is from a session of role {sessionRole}: the error came from another job or caller, or the job's role changed since. The investigation evaluates role {sessionRole}, as the error says.")
            {
                Evidence = [new Evidence { Expected = [sessionRole], Actual = [jobRoleArn], Note = $"the job's role as stored: {glueJob.Role}" }],
            }) with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Failed, $"Glue job {glueJob.Name} runs as {jobRoleArn}, not role {sessionRole} of the error's session."),
            };
        }

        return StepResult.Completed(updated) with
        {
            Check = new InvestigationCheck(Title, CheckOutcome.Passed, $"Glue job {glueJob.Name} runs as {jobRoleArn}: the error is from a session of the job's role{read}."),
        };
    }

    private async ValueTask<(GlueResource? Job, string? Because, string Why, SourceError? Unreadable)> FindJobAsync(InvestigationContext context, string? roleReference, CancellationToken cancellationToken)
    {
        // Saving a job with the AWS CLI is for snapshots; the IaC holds what it defines (by name or logical ID).
        var noJob = IsIac
            ? "no Glue job was named, and the IaC defines none (give --job NAME: a job, crawler, interactive session or dev endpoint, by name or logical ID)"
            : "no Glue job was named (give --job NAME, or save the job into the snapshot: aws glue get-job --job-name NAME > glue-get-job-NAME.json)";
        var directory = directories.LastOrDefault();
        if (directory is null)
        {
            return (null, null, noJob, null);
        }

        var listed = await directory.ListJobsAsync(cancellationToken).ConfigureAwait(false);
        if (listed.Status == SourceResultStatus.Unreadable)
        {
            return (null, null, noJob, listed.Error);
        }

        if (!listed.TryGetValue(out var jobs) || jobs.Count == 0)
        {
            return (null, null, noJob, null);
        }

        if (jobs.Count == 1)
        {
            return (jobs[0], $"the only job in the source", string.Empty, null);
        }

        var errorText = context.Request.ErrorText ?? string.Empty;
        var matching = jobs
            .Where(j => (roleReference is not null && SameRole(roleReference, j.Role))
                || errorText.Contains(j.Name, StringComparison.Ordinal))
            .ToList();
        return matching.Count switch
        {
            1 => (matching[0], roleReference is not null && SameRole(roleReference, matching[0].Role)
                ? $"of {jobs.Count} jobs in the source, the one that runs as the error's role"
                : $"of {jobs.Count} jobs in the source, the one the error names", string.Empty, null),
            0 => (null, null, $"none of the {jobs.Count} jobs in the source ({string.Join(", ", jobs.Select(j => j.Name))}) runs as the error's role; give --job NAME", null),
            _ => (null, null, $"{matching.Count} jobs run as the error's role ({string.Join(", ", matching.Select(j => j.Name))}); give --job NAME to check one", null),
        };
    }

    /// <summary>Whether the source is infrastructure-as-code, where nothing is saved with the AWS CLI.</summary>
    private bool IsIac => glue is IInfrastructureAsCodeSource || directories.LastOrDefault() is IInfrastructureAsCodeSource;

    /// <summary>
    /// The resource <c>--job</c> names: a job, else a crawler, interactive session, dev endpoint or ML transform of that
    /// name (each passes a role to Glue when it is created or updated). Found when one is; not found when none is and
    /// every kind answered; else unreadable, with the job's reason (or the first other kind's).
    /// </summary>
    private async ValueTask<SourceResult<GlueResource>> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var job = await glue.GetResourceAsync(GlueResourceKind.Job, name, cancellationToken).ConfigureAwait(false);
        if (job.IsFound || job.Error is { } failed && FailedAwsCall(failed))
        {
            // A job that could not be read live (denied, throttled, timed out) may well exist: the other kinds are not asked.
            return job;
        }

        SourceResult<GlueResource>? unreadable = job.Status == SourceResultStatus.Unreadable ? job : null;
        foreach (var kind in (GlueResourceKind[])[GlueResourceKind.Crawler, GlueResourceKind.Session, GlueResourceKind.DevEndpoint, GlueResourceKind.MLTransform])
        {
            var other = await glue.GetResourceAsync(kind, name, cancellationToken).ConfigureAwait(false);
            if (other.IsFound)
            {
                return other;
            }

            unreadable ??= other.Status == SourceResultStatus.Unreadable ? other : null;
        }

        return unreadable ?? job;
    }

    /// <summary>Whether the error is an AWS call that failed (its location is the API action, e.g. <c>glue:GetJob</c>), not a resource the source does not hold or a file.</summary>
    private static bool FailedAwsCall(SourceError error) =>
        error.Location is { } location && location.IndexOfAny(['/', '\\']) < 0 && location.Contains(':', StringComparison.Ordinal);

    /// <summary>"Glue job nightly", "Glue crawler raw-zone", for a sentence.</summary>
    private static string Describe(GlueResource resource) => $"Glue {resource.Kind.Word()} {resource.Name}";

    // Role names are unique per account and case-insensitive (IAM User Guide, "IAM identifiers"): two ARNs name the same
    // role only in the same account; a bare name (as a job may store it) is in the job's account.
    private static bool SameRole(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal)
        || (string.Equals(ArnText.RoleName(a), ArnText.RoleName(b), StringComparison.OrdinalIgnoreCase)
            && (!a.StartsWith("arn:", StringComparison.Ordinal) || !b.StartsWith("arn:", StringComparison.Ordinal) || string.Equals(ArnText.Account(a), ArnText.Account(b), StringComparison.Ordinal)));
}
