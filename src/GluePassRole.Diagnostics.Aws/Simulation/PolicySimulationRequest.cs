namespace GluePassRole.Diagnostics.Aws.Simulation;

/// <summary>The input of <c>iam:SimulatePrincipalPolicy</c>.</summary>
/// <param name="PolicySourceArn">The user, group or role ARN whose policies are simulated (not a role-session ARN: map a session to its role first).</param>
/// <param name="ActionNames">The actions, e.g. <c>iam:PassRole</c>.</param>
internal sealed record PolicySimulationRequest(string PolicySourceArn, IReadOnlyList<string> ActionNames)
{
    /// <summary>The resources, e.g. the runtime role's ARN. Empty means <c>*</c>.</summary>
    public IReadOnlyList<string> ResourceArns { get; init; } = [];

    /// <summary>The request context, e.g. <c>iam:PassedToService</c> and <c>aws:MultiFactorAuthPresent</c>.</summary>
    public IReadOnlyList<SimulationContextEntry> ContextEntries { get; init; } = [];

    /// <summary>
    /// Extra identity policies (JSON) evaluated as if attached to the principal, e.g. a proposed fix; IAM adds them to the
    /// principal's own policies.
    /// </summary>
    public IReadOnlyList<string> PolicyInputList { get; init; } = [];

    /// <summary>A permissions boundary (JSON) to simulate instead of the principal's own, e.g. a proposed boundary change.</summary>
    public IReadOnlyList<string> PermissionsBoundaryPolicyInputList { get; init; } = [];
}
