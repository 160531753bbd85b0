namespace GluePassRole.Diagnostics;

/// <summary>
/// Investigates why passing a role to AWS Glue (or another service) is denied: the field note's checklist, run as
/// ordered, replaceable <see cref="Investigation.IInvestigationStep"/>s. Read-only toward AWS.
/// </summary>
public interface IPassRoleInvestigator
{
    /// <summary>Runs the investigation.</summary>
    /// <param name="request">What to investigate.</param>
    /// <param name="cancellationToken">Cancels the investigation.</param>
    /// <returns>The report: decision, cause, findings, explanation, fix and its verification.</returns>
    ValueTask<PassRoleReport> InvestigateAsync(PassRoleInvestigationRequest request, CancellationToken cancellationToken = default);
}
