using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Aws.Tests.Integration;

/// <summary>
/// An account built in moto with real AWS CLI calls (moto/build-request-cases.sh) whose answers depend on the keys AWS
/// puts in every request: investigated live and from the snapshot the AWS CLI took of it, both give AWS's answer.
/// </summary>
public sealed class MotoRequestCaseTests(MotoRequestCaseFixture moto) : IClassFixture<MotoRequestCaseFixture>
{
    private const string Account = "123456789012"; // moto's account

    // aws:PrincipalArn (the guardrail exempts user/admin-*), aws:PrincipalTag/team (frank's tag), aws:PrincipalOrgID (the
    // organization moto created), aws:CurrentTime (an allow until 2099): IAM User Guide, "AWS global condition context keys".
    [SkippableTheory]
    [InlineData("admin-bob", Decision.Allowed)]
    [InlineData("carol", Decision.ExplicitDeny)]
    [InlineData("frank", Decision.Allowed)]
    [InlineData("olga", Decision.Allowed)]
    [InlineData("tim", Decision.Allowed)]
    public async Task Investigate_KeysAwsSupplies_LiveAndSnapshotGiveAwsAnswer(string user, Decision expected)
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var request = PassRoleInvestigationRequest.ForRole($"arn:aws:iam::{Account}:user/{user}", "etl-runtime");

        var live = await InvestigateAsync(b => b.UseAws(o => o.Aws = Aws()), request);
        var offline = await InvestigateAsync(b => b.UseSnapshot(moto.SnapshotDirectory), request);

        Assert.Equal(expected, live.Decision);
        Assert.Equal(expected, offline.Decision);
    }

    // The caller's network is a circumstance: decided per class of aws:SourceIp, live as offline.
    [SkippableFact]
    public async Task Investigate_AllowLimitedToANetwork_ConditionalLiveAndOffline()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var request = PassRoleInvestigationRequest.ForRole($"arn:aws:iam::{Account}:user/ivy", "etl-runtime");

        foreach (var report in new[] { await InvestigateAsync(b => b.UseAws(o => o.Aws = Aws()), request), await InvestigateAsync(b => b.UseSnapshot(moto.SnapshotDirectory), request) })
        {
            Assert.StartsWith("Allowed when aws:SourceIp in 10.0.0.0/8", report.Circumstances!.Describe(), StringComparison.Ordinal);
            Assert.Equal(Decision.Allowed, report.Circumstances.DecisionAt(RequestContext.Empty.With("aws:SourceIp", "10.9.8.7")));
            Assert.Null(report.Fix);
        }
    }

    // A trust policy guarded by aws:SourceAccount: conditional trust, never "does not trust Glue" (AWS does not document
    // that Glue sends the key).
    [SkippableFact]
    public async Task Investigate_TrustGuardedBySourceAccount_ConditionalTrustLive()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var request = PassRoleInvestigationRequest.ForRole($"arn:aws:iam::{Account}:user/admin-bob", "guarded-runtime");

        var live = await InvestigateAsync(b => b.UseAws(o => o.Aws = Aws()), request);

        Assert.Equal(Decision.Allowed, live.Decision);
        Assert.Contains(live.Findings, f => f.Code == FindingCodes.RoleTrustConditional);
        Assert.DoesNotContain(live.Findings, f => f.Code == FindingCodes.RoleTrustMissingService);
    }

    private AWSOptions Aws()
    {
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials("AKIDMOTOREQUESTS", "moto-secret") };
        aws.DefaultClientConfig.ServiceURL = moto.Endpoint;
        aws.DefaultClientConfig.MaxErrorRetry = 1;
        return aws;
    }

    private static async Task<PassRoleReport> InvestigateAsync(Action<IPassRoleDiagnosticsBuilder> source, PassRoleInvestigationRequest request)
    {
        var services = new ServiceCollection();
        source(services.AddPassRoleDiagnostics());
        using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(request);
    }
}

/// <summary>The request-case account in a moto of its own (the build resets moto), and the snapshot the AWS CLI took of it.</summary>
public sealed class MotoRequestCaseFixture : MotoFixtureBase
{
    public string SnapshotDirectory { get; } = Path.Combine(Path.GetTempPath(), "passrole-moto-requests-" + Guid.NewGuid().ToString("N"));

    protected override bool SharesEndpoint => false;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(SnapshotDirectory))
        {
            Directory.Delete(SnapshotDirectory, recursive: true);
        }
    }

    protected override async Task BuildAsync(string endpoint)
    {
        var (code, _, error) = await RunAsync("bash", [Path.Combine(Scripts, "build-request-cases.sh"), endpoint, SnapshotDirectory]);
        if (code != 0)
        {
            SkipReason = $"Building the request-case account in moto failed (is the AWS CLI installed?): {error.Trim()}";
        }
    }
}
