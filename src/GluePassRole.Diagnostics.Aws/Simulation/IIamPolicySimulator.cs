using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Aws.Simulation;

/// <summary>
/// Asks IAM's own policy simulator (<c>iam:SimulatePrincipalPolicy</c>) for a decision, to cross-check the library's
/// evaluation or to prove a proposed fix before anyone applies it. Read-only: nothing in the account changes.
/// </summary>
/// <remarks>
/// The simulator evaluates the principal's identity policies, group policies, permissions boundary and the SCPs of its
/// account; it knows no session policies, and missing context keys make its answer unreliable (IAM API Reference,
/// SimulatePrincipalPolicy). For <c>iam:PassRole</c> to Glue, pass <c>iam:PassedToService=glue.amazonaws.com</c> and
/// <c>aws:MultiFactorAuthPresent</c> as the real session has it.
/// </remarks>
internal interface IIamPolicySimulator
{
    /// <summary>Simulates the request and returns the simulator's decision per action and resource.</summary>
    /// <param name="request">What to simulate.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The simulator's results, or why they could not be had (e.g. missing <c>iam:SimulatePrincipalPolicy</c>).</returns>
    ValueTask<SourceResult<PolicySimulationResult>> SimulatePrincipalPolicyAsync(PolicySimulationRequest request, CancellationToken cancellationToken = default);
}
