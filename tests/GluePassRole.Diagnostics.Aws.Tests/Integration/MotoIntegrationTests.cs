using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.Integration;

/// <summary>
/// The live sources against moto give the same answers as an offline snapshot of the same account taken with the AWS CLI.
/// </summary>
public sealed class MotoIntegrationTests(MotoFixture moto, ITestOutputHelper output) : IClassFixture<MotoFixture>
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";

    private ServiceProvider Live(IamReadStrategy strategy = IamReadStrategy.Targeted)
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials("AKIDMOTOFIELDNOTE", "moto-secret") };
        aws.DefaultClientConfig.ServiceURL = moto.Endpoint;
        aws.DefaultClientConfig.MaxErrorRetry = 1;
        return new ServiceCollection().AddPassRoleDiagnosticsAws(o =>
        {
            o.Aws = aws;
            o.IamReadStrategy = strategy;
        }).BuildServiceProvider();
    }

    private AccountSnapshot Snapshot() => AccountSnapshot.LoadFromDirectory(moto.SnapshotDirectory);

    [SkippableTheory]
    [InlineData(IamReadStrategy.Targeted)]
    [InlineData(IamReadStrategy.AccountAuthorizationDetails)]
    public async Task ResolveAsync_FieldNoteUser_MatchesSnapshotOfSameAccount(IamReadStrategy strategy)
    {
        using var live = Live(strategy);
        var iam = live.GetRequiredService<IIamReader>();

        var fromLive = await new EffectivePolicyResolver(iam).ResolveAsync(Dana);
        var fromSnapshot = await new EffectivePolicyResolver(Snapshot()).ResolveAsync(Dana);

        Assert.Equal(SourceResultStatus.Found, fromLive.PrincipalStatus);
        Assert.Equal(fromSnapshot.Principal, fromLive.Principal);
        Assert.Equal(Describe(fromSnapshot), Describe(fromLive));
        Assert.Contains(fromLive.Policies.IdentityPolicies, p => p.Source.Name == "AWSGlueConsoleFullAccess" && p.Source.AttachedTo == "GlueAccess");
        Assert.Contains(fromLive.Policies.IdentityPolicies, p => p.Source.Name == "Force_MFA" && p.Source.AttachedTo == "developers");
        Assert.Equal(fromSnapshot.Gaps.Select(g => g.PolicyType), fromLive.Gaps.Select(g => g.PolicyType));
        output.WriteLine($"{strategy}: {live.GetRequiredService<AwsCallGate<IamClient>>().CallCount} IAM calls");
    }

    /// <summary>moto does not implement SimulatePrincipalPolicy and answers with its HTML error page: the status and one line, not the page.</summary>
    [SkippableFact]
    public async Task SimulatePrincipalPolicyAsync_MotoErrorPage_UnreadableWithStatusAndOneLine()
    {
        using var live = Live();

        var result = await live.GetRequiredService<Simulation.IIamPolicySimulator>()
            .SimulatePrincipalPolicyAsync(new Simulation.PolicySimulationRequest(Dana, ["iam:PassRole"]));

        output.WriteLine(result.ToString());
        Assert.Equal(SourceResultStatus.Unreadable, result.Status);
        Assert.Contains("iam:SimulatePrincipalPolicy returned HTTP 5", result.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", result.Error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ResolveAsync_GlueJobRuntimeRole_MatchesSnapshotPathTrustAndPolicies()
    {
        using var live = Live();
        var snapshot = Snapshot();

        var liveJob = await live.GetRequiredService<IGlueReader>().GetResourceAsync(GlueResourceKind.Job, "nightly-orders-etl");
        var snapshotJob = await snapshot.GetResourceAsync(GlueResourceKind.Job, "nightly-orders-etl");
        Assert.Equal(snapshotJob.Value, liveJob.Value);

        var liveRole = await new RoleReferenceResolver(live.GetRequiredService<IIamReader>()).ResolveAsync(liveJob.Value!.Role);
        var snapshotRole = await new RoleReferenceResolver(snapshot).ResolveAsync(snapshotJob.Value!.Role);
        Assert.Equal((snapshotRole.Value!.Arn, snapshotRole.Value.Path), (liveRole.Value!.Arn, liveRole.Value.Path));
        Assert.Equal(snapshotRole.Value.TrustPolicy.Value!.ToJson(false), liveRole.Value.TrustPolicy.Value!.ToJson(false));

        var liveRolePolicies = await new EffectivePolicyResolver(live.GetRequiredService<IIamReader>(), live.GetService<IOrganizationsReader>()).ResolveAsync(liveRole.Value.Arn);
        var snapshotRolePolicies = await new EffectivePolicyResolver(snapshot).ResolveAsync(snapshotRole.Value.Arn);
        Assert.Equal(Describe(snapshotRolePolicies), Describe(liveRolePolicies));

        const string Session = "arn:aws:sts::123456789012:assumed-role/etl-runtime/glue-session";
        var liveSession = await new EffectivePolicyResolver(live.GetRequiredService<IIamReader>(), live.GetService<IOrganizationsReader>()).ResolveAsync(Session);
        var snapshotSession = await new EffectivePolicyResolver(snapshot).ResolveAsync(Session);
        Assert.Equal(snapshotSession.Principal, liveSession.Principal);
        Assert.Equal(Describe(snapshotSession), Describe(liveSession));
        Assert.Equal(2, liveSession.Policies.IdentityPolicies.Count); // inline read-orders + AWSGlueServiceRole
    }

    [SkippableFact]
    public async Task GetServiceControlPoliciesAsync_Organization_MatchesSnapshotLevels()
    {
        using var live = Live();

        var fromLive = await live.GetRequiredService<IOrganizationsReader>().GetServiceControlPoliciesAsync("123456789012");
        var fromSnapshot = await Snapshot().GetServiceControlPoliciesAsync("123456789012");

        Assert.True(fromLive.IsFound, fromLive.ToString());
        Assert.Equal(OrganizationTargetKind.Root, fromLive.Value![0].Kind);
        Assert.Equal(Levels(fromSnapshot.Value!), Levels(fromLive.Value));
        Assert.Contains(fromLive.Value[0].Policies, p => p.Name == "FullAWSAccess");
    }

    [SkippableFact]
    public async Task GetUserAsync_Missing_ReturnsNotFound()
    {
        using var live = Live();

        var user = await live.GetRequiredService<IIamReader>().GetUserAsync("nobody-here");

        Assert.Equal(SourceResultStatus.NotFound, user.Status);
    }

    [SkippableFact]
    public async Task GetCallerIdentityAsync_Moto_ReturnsMotoAccount()
    {
        using var live = Live();

        var identity = await live.GetRequiredService<IAccountIdentitySource>().GetCallerIdentityAsync();
        var snapshotIdentity = await Snapshot().GetCallerIdentityAsync();

        Assert.Equal(snapshotIdentity.Value!.Account, identity.Value!.Account);
    }

    private static List<string> Levels(IReadOnlyList<OrganizationLevel> levels) =>
        [.. levels.Select(l => $"{l.Kind} {l.TargetId}: " + string.Join(", ", l.Policies.Select(p => $"{p.Name} {p.Document.ToJson(false)}")))];

    private static List<string> Describe(EffectivePolicies policies) =>
        [.. policies.Policies.IdentityPolicies.Select(p => $"{p.Source.Kind} {p.Source.Name} {p.Source.Arn} on {p.Source.AttachedTo}: {p.Document.ToJson(false)}"),
         $"boundary: {policies.Policies.PermissionsBoundary?.Source.Arn}"];
}
