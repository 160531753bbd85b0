using GluePassRole.Diagnostics.Aws.Simulation;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Aws.Investigation;

/// <summary>
/// Asks IAM's own simulator (<c>iam:SimulatePrincipalPolicy</c>) the question the investigation answered — the field
/// note's last check — once as the account stands and once with the proposed fix passed as <c>PolicyInputList</c> (a
/// boundary's new version as <c>PermissionsBoundaryPolicyInputList</c>), and
/// reports both beside the local verdict. Optional: when the caller may not call the simulator, it says so and moves on.
/// </summary>
/// <remarks>
/// The simulator takes an IAM user or role ARN, not a session, includes SCPs only as the account sees them, and has no
/// session-policy input (IAM API reference, SimulatePrincipalPolicy): differences are explained, not hidden.
/// </remarks>
internal sealed class SimulatorCrossCheckStep(IIamPolicySimulator simulator) : IInvestigationStep
{
    /// <summary>The step's name.</summary>
    public const string StepName = "simulator-cross-check";

    public string Name => StepName;

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } =
        [InvestigationFacts.Evaluation, InvestigationFacts.Policies, InvestigationFacts.Fix, InvestigationFacts.Verification];

    public async ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Get(InvestigationFacts.Evaluation) is not { } evaluation || context.Get(InvestigationFacts.Policies) is not { } policies || context.RoleArn is not { } roleArn)
        {
            return StepResult.Skipped(context, "nothing was evaluated");
        }

        var source = policies.Principal.IamArn ?? policies.Principal.Arn;
        // The same request the local verdict decided: every key the request builder supplied and the circumstances the
        // verdict was read under, each with the simulator's type for it.
        var entries = evaluation.Request.Context
            .Select(pair => new SimulationContextEntry(pair.Key, TypeOf(pair.Key, pair.Value.Count), pair.Value))
            .ToList();
        var request = new PolicySimulationRequest(source, ["iam:PassRole"]) { ResourceArns = [roleArn], ContextEntries = entries };

        var before = await simulator.SimulatePrincipalPolicyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!before.TryGetValue(out var beforeResult))
        {
            return StepResult.Completed(context, new Finding(
                FindingCodes.SimulatorCrossCheck,
                FindingSeverity.Info,
                $"IAM's policy simulator was not consulted: {before.Error?.Message ?? before.ToString()}"
                + (before.Error?.MissingPermission is { } permission ? $" (needs {permission})." : ".")));
        }

        var simulated = Decision(beforeResult);
        var message = $"IAM's policy simulator, asked the same question for {source}: {simulated} (local verdict {evaluation.Decision}).";
        if (context.Get(InvestigationFacts.Fix) is { } fix)
        {
            var after = await simulator.SimulatePrincipalPolicyAsync(WithFix(request, fix), cancellationToken).ConfigureAwait(false);
            if (after.TryGetValue(out var afterResult))
            {
                message += $" With the fix: {Decision(afterResult)} (local {context.Get(InvestigationFacts.Verification)?.DecisionAfterFix.ToString() ?? "not verified"}).";
            }
        }

        var agrees = simulated == evaluation.Decision;
        return StepResult.Completed(context, new Finding(
            FindingCodes.SimulatorCrossCheck,
            agrees ? FindingSeverity.Info : FindingSeverity.Warning,
            agrees ? message : message + " They differ: the simulator does not see session policies and evaluates SCPs as the account sees them; check the missing context values it reports.")
        {
            Evidence = [.. beforeResult.Evaluations.SelectMany(e => e.MissingContextValues).Select(v => new Evidence { ContextKey = v, Note = "the simulator reports this context value missing" })],
        });
    }

    /// <summary>
    /// The request with the fix: an identity statement as <c>PolicyInputList</c>; a boundary's new version (the fix, or a
    /// required change) as <c>PermissionsBoundaryPolicyInputList</c>, which the simulator uses in place of the attached
    /// boundary (IAM API Reference, SimulatePrincipalPolicy).
    /// </summary>
    private static PolicySimulationRequest WithFix(PolicySimulationRequest request, ProposedFix fix)
    {
        var boundaryFix = fix.Target.Type == FixTargetType.PermissionsBoundary;
        var boundary = boundaryFix
            ? fix.Document
            : fix.AlsoRequired.FirstOrDefault(c => c.PolicyType == PolicyType.PermissionsBoundary && c.Document is not null)?.Document;
        return request with
        {
            PolicyInputList = boundaryFix ? [] : [fix.Document.ToJson(indented: false)],
            PermissionsBoundaryPolicyInputList = boundary is null ? [] : [boundary.ToJson(indented: false)],
        };
    }

    private static Decision Decision(PolicySimulationResult result) =>
        result.Evaluations.Count == 0 ? Policies.Evaluation.Decision.Unknown : result.Evaluations[0].Decision switch
        {
            SimulatorDecision.Allowed => Policies.Evaluation.Decision.Allowed,
            SimulatorDecision.ExplicitDeny => Policies.Evaluation.Decision.ExplicitDeny,
            _ => Policies.Evaluation.Decision.ImplicitDeny,
        };

    /// <summary>The simulator's type of a global key (IAM User Guide, "AWS global condition context keys": each key's type).</summary>
    private static SimulationContextKeyType TypeOf(string key, int values)
    {
        var single = key.ToUpperInvariant() switch
        {
            "AWS:MULTIFACTORAUTHPRESENT" or "AWS:SECURETRANSPORT" or "AWS:PRINCIPALISAWSSERVICE" or "AWS:VIAAWSSERVICE" => SimulationContextKeyType.Boolean,
            "AWS:EPOCHTIME" or "AWS:MULTIFACTORAUTHAGE" => SimulationContextKeyType.Numeric,
            "AWS:CURRENTTIME" or "AWS:TOKENISSUETIME" => SimulationContextKeyType.Date,
            "AWS:SOURCEIP" or "AWS:VPCSOURCEIP" => SimulationContextKeyType.Ip,
            _ => SimulationContextKeyType.String,
        };
        var multivalued = values > 1 || key.Equals("aws:PrincipalOrgPaths", StringComparison.OrdinalIgnoreCase) || key.Equals("aws:ResourceOrgPaths", StringComparison.OrdinalIgnoreCase)
            || key.StartsWith("aws:CalledVia", StringComparison.OrdinalIgnoreCase) && !key.EndsWith("First", StringComparison.OrdinalIgnoreCase) && !key.EndsWith("Last", StringComparison.OrdinalIgnoreCase);
        return !multivalued ? single : single switch
        {
            SimulationContextKeyType.Boolean => SimulationContextKeyType.BooleanList,
            SimulationContextKeyType.Numeric => SimulationContextKeyType.NumericList,
            SimulationContextKeyType.Ip => SimulationContextKeyType.IpList,
            _ => SimulationContextKeyType.StringList,
        };
    }
}
