using GluePassRole.Diagnostics.Aws.Investigation;
using GluePassRole.Diagnostics.Aws.Simulation;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.TestShared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GluePassRole.Diagnostics.Aws.Tests;

/// <summary>IAM's simulator beside the local verdict: before and with the fix (PolicyInputList), or why it was not asked.</summary>
public class SimulatorCrossCheckStepTests
{
    private const string Error = "User: arn:aws:iam::123456789012:user/dana is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/etl-runtime because no identity-based policy allows the iam:PassRole action";

    private sealed class FakeSimulator(Func<PolicySimulationRequest, SourceResult<PolicySimulationResult>> answer) : IIamPolicySimulator
    {
        public List<PolicySimulationRequest> Requests { get; } = [];

        public ValueTask<SourceResult<PolicySimulationResult>> SimulatePrincipalPolicyAsync(PolicySimulationRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            return ValueTask.FromResult(answer(request));
        }
    }

    private static async Task<PassRoleReport> InvestigateAsync(FakeSimulator simulator, string sample = "field-note", string error = Error)
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(SampleAccounts.Folder(sample)).AddStep<SimulatorCrossCheckStep>();
        services.Replace(ServiceDescriptor.Singleton<IIamPolicySimulator>(simulator));
        using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(PassRoleInvestigationRequest.FromError(error));
    }

    private static SourceResult<PolicySimulationResult> Decision(SimulatorDecision decision) =>
        SourceResult.Found(new PolicySimulationResult([new SimulatedEvaluation("iam:PassRole", "arn:aws:iam::123456789012:role/etl-runtime", decision)]));

    [Fact]
    public async Task RunAsync_SimulatorAgrees_ReportsBothDecisionsAndSendsTheFixAsPolicyInput()
    {
        var simulator = new FakeSimulator(r => Decision(r.PolicyInputList.Count == 0 ? SimulatorDecision.ImplicitDeny : SimulatorDecision.Allowed));

        var report = await InvestigateAsync(simulator);

        var finding = Assert.Single(report.Findings, f => f.Code == FindingCodes.SimulatorCrossCheck);
        Assert.Equal(FindingSeverity.Info, finding.Severity);
        Assert.Contains("ImplicitDeny (local verdict ImplicitDeny)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("With the fix: Allowed (local Allowed)", finding.Message, StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::123456789012:user/dana", simulator.Requests[0].PolicySourceArn);
        Assert.Contains(simulator.Requests[0].ContextEntries, e => e.Key == "aws:MultiFactorAuthPresent" && e.Type == SimulationContextKeyType.Boolean);
        Assert.Contains("iam:PassRole", simulator.Requests[1].PolicyInputList[0], StringComparison.Ordinal);
    }

    // "If a permissions boundary is attached to an entity and you pass in a different permissions boundary policy using
    // this parameter, then the new permissions boundary policy is used for the simulation" (IAM API Reference,
    // SimulatePrincipalPolicy, PermissionsBoundaryPolicyInputList).
    [Fact]
    public async Task RunAsync_BoundaryVersionFix_SendsItAsThePermissionsBoundaryNotAsAnIdentityPolicy()
    {
        var simulator = new FakeSimulator(r => Decision(r.PermissionsBoundaryPolicyInputList.Count == 0 ? SimulatorDecision.ImplicitDeny : SimulatorDecision.Allowed));
        var error = Error.Replace("no identity-based policy allows", "no permissions boundary allows", StringComparison.Ordinal);

        var report = await InvestigateAsync(simulator, "boundary-no-allow", error);

        Assert.Empty(simulator.Requests[1].PolicyInputList);
        var boundary = Assert.Single(simulator.Requests[1].PermissionsBoundaryPolicyInputList);
        Assert.Contains("CapDataEngineers", boundary, StringComparison.Ordinal);
        Assert.Contains("iam:PassRole", boundary, StringComparison.Ordinal);
        Assert.Contains("With the fix: Allowed (local Allowed)", Assert.Single(report.Findings, f => f.Code == FindingCodes.SimulatorCrossCheck).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SimulatorDenied_SaysWhyAndTheVerdictStands()
    {
        var simulator = new FakeSimulator(_ => SourceResult.Unreadable<PolicySimulationResult>("AccessDenied", "iam:SimulatePrincipalPolicy", "not allowed"));

        var report = await InvestigateAsync(simulator);

        Assert.Equal(Policies.Evaluation.Decision.ImplicitDeny, report.Decision);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.SimulatorCrossCheck && f.Message.Contains("iam:SimulatePrincipalPolicy", StringComparison.Ordinal));
    }
}
