namespace GluePassRole.Diagnostics.Aws.Simulation;

/// <summary>The simulator's answer: one evaluation per action and resource.</summary>
/// <param name="Evaluations">The evaluations, in the simulator's order (all pages).</param>
internal sealed record PolicySimulationResult(IReadOnlyList<SimulatedEvaluation> Evaluations);

/// <summary>The simulator's decision for one action on one resource.</summary>
/// <param name="Action">The action, e.g. <c>iam:PassRole</c>.</param>
/// <param name="Resource">The resource ARN, or <c>*</c>.</param>
/// <param name="Decision">The decision.</param>
internal sealed record SimulatedEvaluation(string Action, string Resource, SimulatorDecision Decision)
{
    /// <summary>The statements that decided it (never SCP statements: the simulator does not report those).</summary>
    public IReadOnlyList<SimulatedStatement> MatchedStatements { get; init; } = [];

    /// <summary>Context keys the policies use that the request did not supply; when any, the decision may be unreliable.</summary>
    public IReadOnlyList<string> MissingContextValues { get; init; } = [];

    /// <summary>Whether the organization's SCPs allowed it, when the simulator says.</summary>
    public bool? AllowedByOrganizations { get; init; }

    /// <summary>Whether the permissions boundary allowed it, when the simulator says.</summary>
    public bool? AllowedByPermissionsBoundary { get; init; }
}

/// <summary>A statement the simulator matched.</summary>
/// <param name="SourcePolicyId">The policy's identifier as the simulator gives it (a policy name, ARN, or <c>PolicyInputList.1</c>).</param>
/// <param name="SourcePolicyType">The policy type: <c>user</c>, <c>group</c>, <c>role</c>, <c>aws-managed</c>, <c>user-managed</c>, <c>resource</c> or <c>none</c>.</param>
internal sealed record SimulatedStatement(string SourcePolicyId, string SourcePolicyType)
{
    /// <summary>The statement's first line in the policy text, when given.</summary>
    public int? StartLine { get; init; }

    /// <summary>The statement's first column, when given.</summary>
    public int? StartColumn { get; init; }

    /// <summary>The statement's last line, when given.</summary>
    public int? EndLine { get; init; }

    /// <summary>The statement's last column, when given.</summary>
    public int? EndColumn { get; init; }
}

/// <summary>The simulator's decisions (<c>EvalDecision</c>).</summary>
internal enum SimulatorDecision
{
    /// <summary><c>allowed</c>.</summary>
    Allowed,

    /// <summary><c>explicitDeny</c>: a deny statement matched.</summary>
    ExplicitDeny,

    /// <summary><c>implicitDeny</c>: nothing allowed it.</summary>
    ImplicitDeny,
}
