using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>Step: reads the Glue job and confirms it uses the role in the error; a job-only request learns its role here.</summary>
internal sealed class ReadGlueJobStep(IGlueReader glue, IIamReader iam) : IInvestigationStep
{
    public string Name => InvestigationSteps.ReadGlueJob;

    public async ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.Request.GlueJobName is not { } jobName)
        {
            return StepResult.Skipped(context, "no Glue job was named");
        }

        var job = await glue.GetResourceAsync(GlueResourceKind.Job, jobName, cancellationToken).ConfigureAwait(false);
        if (!job.TryGetValue(out var glueJob))
        {
            return job.Status == SourceResultStatus.Unreadable
                ? StepResult.Incomplete(context, Unreadable.Finding($"Glue job {jobName}", job.Error!))
                : StepResult.Completed(context, new Finding(FindingCodes.NotFound, FindingSeverity.Error, $"Glue job {jobName} does not exist in this account and Region."));
        }

        var updated = context with { Job = glueJob };

        // Job.Role is whatever was stored: a bare name or an ARN. Role names are unique per account, so resolve it.
        var jobRole = await new RoleReferenceResolver(iam).ResolveAsync(glueJob.Role, cancellationToken).ConfigureAwait(false);
        var jobRoleArn = jobRole.TryGetValue(out var resolved) ? resolved.Arn : glueJob.Role;

        if (context.RoleReference is null)
        {
            return StepResult.Completed(updated with { RoleReference = jobRoleArn });
        }

        if (!SameRole(context.RoleReference, jobRoleArn))
        {
            return StepResult.Completed(updated, new Finding(
                FindingCodes.JobRoleMismatch,
                FindingSeverity.Warning,
                $"Glue job {jobName} uses role {jobRoleArn}, not {context.RoleReference}. The error came from a save that passed a different role (or the job changed since): check which role the job should use.")
            {
                Evidence = [$"job role as stored: {glueJob.Role}", $"error role: {context.RoleReference}"],
            });
        }

        return StepResult.Completed(updated);
    }

    // Role names are unique per account and case-insensitive (IAM User Guide, "IAM identifiers").
    private static bool SameRole(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal) || string.Equals(ArnText.RoleName(a), ArnText.RoleName(b), StringComparison.OrdinalIgnoreCase);
}
