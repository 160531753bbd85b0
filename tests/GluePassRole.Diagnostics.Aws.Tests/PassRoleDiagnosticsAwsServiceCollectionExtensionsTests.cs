using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using GluePassRole.Diagnostics.Aws.Simulation;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.TestShared;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GluePassRole.Diagnostics.Aws.Tests;

public sealed class PassRoleDiagnosticsAwsServiceCollectionExtensionsTests
{
    private static AWSOptions Loopback(LoopbackAwsServer server)
    {
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials(LoopbackAwsServer.AccessKey, LoopbackAwsServer.SecretKey) };
        aws.DefaultClientConfig.ServiceURL = server.Url;
        aws.DefaultClientConfig.MaxErrorRetry = 0;
        return aws;
    }

    [Fact]
    public void AddPassRoleDiagnosticsAws_NoConfiguration_ResolvesEveryPortWithoutCredentials()
    {
        using var provider = new ServiceCollection().AddPassRoleDiagnosticsAws().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<IAccountIdentitySource>());
        Assert.NotNull(provider.GetRequiredService<IIamReader>());
        Assert.NotNull(provider.GetRequiredService<IGlueReader>());
        Assert.NotNull(provider.GetRequiredService<IOrganizationsReader>());
        Assert.IsType<Aws.Internal.LiveIdentityCenterReader>(provider.GetRequiredService<IIdentityCenterReader>());
        Assert.NotNull(provider.GetRequiredService<IIamPolicySimulator>());
    }

    [Fact]
    public void UseAws_AfterASnapshot_ReadsIdentityCenterLive()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(SampleAccounts.Folder("assumed-role-caller")).UseAws();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<Aws.Internal.LiveIdentityCenterReader>(provider.GetRequiredService<IIdentityCenterReader>());
    }

    [Fact]
    public void AddPassRoleDiagnosticsAws_CalledTwice_RegistersEachServiceOnce()
    {
        var once = new ServiceCollection().AddPassRoleDiagnosticsAws();
        var twice = new ServiceCollection().AddPassRoleDiagnosticsAws().AddPassRoleDiagnosticsAws();

        Assert.Equal(
            once.Where(d => d.ServiceType != typeof(IConfigureOptions<PassRoleDiagnosticsAwsOptions>) && d.ServiceType != typeof(IValidateOptions<PassRoleDiagnosticsAwsOptions>)).Select(d => d.ServiceType),
            twice.Where(d => d.ServiceType != typeof(IConfigureOptions<PassRoleDiagnosticsAwsOptions>) && d.ServiceType != typeof(IValidateOptions<PassRoleDiagnosticsAwsOptions>)).Select(d => d.ServiceType).Distinct());
        Assert.Single(twice, d => d.ServiceType == typeof(IIamReader));
    }

    [Fact]
    public void AddPassRoleDiagnosticsAws_HostRegisteredSourceFirst_HostSourceWins()
    {
        var snapshot = new StubGlueReader();
        using var provider = new ServiceCollection().AddSingleton<IGlueReader>(snapshot).AddPassRoleDiagnosticsAws().BuildServiceProvider();

        Assert.Same(snapshot, provider.GetRequiredService<IGlueReader>());
    }

    [Fact]
    public void AddPassRoleDiagnosticsAws_InvalidConcurrency_FailsValidation()
    {
        using var provider = new ServiceCollection().AddPassRoleDiagnosticsAws(o => o.MaxConcurrentRequests = 0).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IIamReader>());
    }

    [Fact]
    public async Task AddPassRoleDiagnosticsAws_AwsOptionsInContainer_AreUsedForStsAndIam()
    {
        using var server = new LoopbackAwsServer(r => r.Operation == "GetCallerIdentity"
            ? LoopbackResponse.Xml("""
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
                <Arn>arn:aws:iam::111122223333:user/dana</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account>
                </GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>
                """)
            : Accounts.FieldNote().Handle(r));
        using var provider = new ServiceCollection().AddSingleton(Loopback(server)).AddPassRoleDiagnosticsAws().BuildServiceProvider();

        var identity = await provider.GetRequiredService<IAccountIdentitySource>().GetCallerIdentityAsync();
        var role = await provider.GetRequiredService<IIamReader>().GetRoleAsync("etl-runtime");

        Assert.Equal(("111122223333", "AIDAEXAMPLE"), (identity.Value!.Account, identity.Value.UserId));
        Assert.True(role.IsFound, role.ToString());
        Assert.All(server.Requests, r => Assert.True(r.SignatureValid, r.SignatureProblem));
    }

    [Fact]
    public async Task AddPassRoleDiagnosticsAws_ServiceUnreachable_AnswersUnreadableNotException()
    {
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials("AKID", "secret") };
        aws.DefaultClientConfig.ServiceURL = $"http://127.0.0.1:{LoopbackAwsServer.FreePort()}/";
        aws.DefaultClientConfig.MaxErrorRetry = 0;
        using var provider = new ServiceCollection().AddPassRoleDiagnosticsAws(o => o.Aws = aws).BuildServiceProvider();

        var user = await provider.GetRequiredService<IIamReader>().GetUserAsync("dana");

        Assert.Equal(SourceResultStatus.Unreadable, user.Status);
    }

    [Fact]
    public void AddPassRoleDiagnosticsAws_NoConfiguration_CallTimeoutIsTenSeconds()
    {
        using var provider = new ServiceCollection().AddPassRoleDiagnosticsAws().BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(10), provider.GetRequiredService<IOptions<PassRoleDiagnosticsAwsOptions>>().Value.CallTimeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void AddPassRoleDiagnosticsAws_CallTimeoutNotPositive_FailsValidation(int seconds)
    {
        using var provider = new ServiceCollection().AddPassRoleDiagnosticsAws(o => o.CallTimeout = TimeSpan.FromSeconds(seconds)).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IIamReader>());
        Assert.Contains("CallTimeout", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An endpoint that accepts connections and never answers: every registered reader answers within the configured
    /// timeout, naming its call and the timeout (its own, or that of the call whose timeout opened the endpoint's circuit).
    /// </summary>
    [Fact]
    public async Task AddPassRoleDiagnosticsAws_EndpointNeverAnswers_EveryPortAnswersTimedOutWithinCallTimeout()
    {
        using var server = new FaultyAwsServer(_ => FaultPlan.Stall);
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials(LoopbackAwsServer.AccessKey, LoopbackAwsServer.SecretKey), Region = Amazon.RegionEndpoint.USEast1 };
        aws.DefaultClientConfig.ServiceURL = server.Url;
        ServiceProvider Provider() => new ServiceCollection().AddPassRoleDiagnosticsAws(o => (o.Aws, o.CallTimeout, o.ReadAhead) = (aws, TimeSpan.FromMilliseconds(400), false)).BuildServiceProvider();
        using (var warmUp = Provider())
        {
            await warmUp.GetRequiredService<IIamReader>().GetUserAsync("warm-up"); // SDK start-up is not part of the measure; its own circuits
        }

        using var provider = Provider();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var answers = await Task.WhenAll(
            provider.GetRequiredService<IAccountIdentitySource>().GetCallerIdentityAsync().AsTask().ContinueWith(t => t.Result.Error, TaskScheduler.Default),
            provider.GetRequiredService<IIamReader>().GetRoleAsync("etl-runtime").AsTask().ContinueWith(t => t.Result.Error, TaskScheduler.Default),
            provider.GetRequiredService<IGlueReader>().GetResourceAsync(GlueResourceKind.Job, "nightly").AsTask().ContinueWith(t => t.Result.Error, TaskScheduler.Default),
            provider.GetRequiredService<IOrganizationsReader>().GetServiceControlPoliciesAsync("111122223333").AsTask().ContinueWith(t => t.Result.Error, TaskScheduler.Default));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(
            ["sts:GetCallerIdentity", "iam:GetRole", "glue:GetJob", "organizations:ListParents"],
            answers.Select(error => error!.Message[(error.Message.IndexOf("failed: ", StringComparison.Ordinal) + 8)..].Split(' ')[0]));
        Assert.All(answers, error => Assert.EndsWith("timed out after 0.4 s.", error!.Message, StringComparison.Ordinal));
    }

    private sealed class StubGlueReader : IGlueReader
    {
        public ValueTask<SourceResult<GlueResource>> GetResourceAsync(GlueResourceKind kind, string name, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(SourceResult.NotFound<GlueResource>(name));
    }
}
