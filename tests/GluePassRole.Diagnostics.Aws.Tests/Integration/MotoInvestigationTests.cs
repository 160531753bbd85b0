using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Aws.Tests.Integration;

/// <summary>
/// The whole investigation, live against moto, gives the same verdict, cause and fix as the investigation of an offline
/// snapshot of the same account taken with the AWS CLI.
/// </summary>
public sealed class MotoInvestigationTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static readonly PassRoleInvestigationRequest Request = PassRoleInvestigationRequest.FromError("""
        Failed to update job
        updateJob: AccessDeniedException:
        User: arn:aws:iam::123456789012:user/dana
        is not authorized to perform: iam:PassRole
        on resource: arn:aws:iam::123456789012:role/etl-runtime
        because no identity-based policy allows the iam:PassRole action
        """) with { GlueJobName = "nightly-orders-etl" };

    private static async Task<PassRoleReport> InvestigateAsync(Action<IPassRoleDiagnosticsBuilder> source)
    {
        var services = new ServiceCollection();
        source(services.AddPassRoleDiagnostics());
        using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(Request);
    }

    [SkippableFact]
    public async Task InvestigateAsync_LiveAndSnapshotOfSameAccount_SameVerdictCauseAndFix()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials("AKIDMOTOFIELDNOTE", "moto-secret") };
        aws.DefaultClientConfig.ServiceURL = moto.Endpoint;
        aws.DefaultClientConfig.MaxErrorRetry = 1;

        var live = await InvestigateAsync(b => b.UseAws(o => o.Aws = aws));
        var offline = await InvestigateAsync(b => b.UseSnapshot(moto.SnapshotDirectory));

        Assert.Equal(Policies.Evaluation.Decision.ImplicitDeny, live.Decision);
        Assert.Equal(offline.Decision, live.Decision);
        Assert.Equal(offline.Blockers.Select(b => (b.PolicyType, b.Kind)), live.Blockers.Select(b => (b.PolicyType, b.Kind)));
        Assert.Equal(offline.Role, live.Role);
        Assert.Equal(offline.Fix!.Target, live.Fix!.Target);
        Assert.Equal(offline.Fix.PolicyName, live.Fix.PolicyName);
        Assert.Equal(offline.Fix.Command, live.Fix.Command);
        Assert.Equal(offline.Verification!.DecisionAfterFix, live.Verification!.DecisionAfterFix);
        Assert.Equal(
            offline.Findings.Select(f => f.Code).Where(c => c != FindingCodes.UnreadableData).Order(),
            live.Findings.Select(f => f.Code).Where(c => c is not FindingCodes.UnreadableData and not FindingCodes.SimulatorCrossCheck).Order());

        // moto has no SimulatePrincipalPolicy: the live-only cross-check says so instead of failing the investigation.
        Assert.Contains(live.Findings, f => f.Code == FindingCodes.SimulatorCrossCheck);
        Assert.Equal("simulator-cross-check", live.Steps[^1].Name);
        Assert.Contains("\"decisionAfterFix\": \"Allowed\"", PassRoleReportRenderer.ToJson(live), StringComparison.Ordinal);
    }
}
