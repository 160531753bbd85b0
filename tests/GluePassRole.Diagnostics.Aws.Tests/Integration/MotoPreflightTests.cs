using Amazon.Extensions.NETCore.Setup;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Preflight;
using GluePassRole.Diagnostics.Sources.Snapshot;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.Integration;

/// <summary>A moto of its own with a Glue job's account (IAM, S3, KMS, Glue) and an AWS CLI snapshot of it, for preflight.</summary>
public sealed class MotoPreflightFixture : MotoFixtureBase
{
    public string SnapshotDirectory { get; } = Path.Combine(Path.GetTempPath(), "passrole-moto-preflight-" + Guid.NewGuid().ToString("N"));

    public string KeyArn { get; private set; } = string.Empty;

    protected override bool SharesEndpoint => false; // it resets the server

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
        var (code, output, error) = await RunAsync("bash", [Path.Combine(Scripts, "build-preflight.sh"), endpoint, SnapshotDirectory]);
        if (code != 0)
        {
            SkipReason = $"Building the preflight account in moto failed (is the AWS CLI installed?): {error.Trim()}";
            return;
        }

        KeyArn = output.Trim();
    }
}

/// <summary>
/// preflight live (Glue through the library's client, S3 and KMS through AWSSDK.S3 and AWSSDK.KeyManagementService)
/// decides every need as preflight on the AWS CLI snapshot of the same account does; the S3 and KMS clients refuse writes.
/// </summary>
public sealed class MotoPreflightTests(MotoPreflightFixture moto, ITestOutputHelper output) : IClassFixture<MotoPreflightFixture>
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";

    private AWSOptions Aws()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials("AKIDMOTOPREFLIGHT", "moto-secret"), Region = Amazon.RegionEndpoint.USEast1 };
        aws.DefaultClientConfig.ServiceURL = moto.Endpoint;
        aws.DefaultClientConfig.MaxErrorRetry = 1;
        return aws;
    }

    private static async Task<GlueJobPreflightReport> RunAsync(Action<IPassRoleDiagnosticsBuilder> source)
    {
        var services = new ServiceCollection();
        source(services.AddPassRoleDiagnostics());
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IGlueJobPreflight>().RunAsync(new GlueJobPreflightRequest { JobName = "nightly-etl", Principal = Dana, Region = "us-east-1" });
    }

    [SkippableFact]
    public async Task Preflight_Live_DecidesEachNeedAsTheSnapshotOfTheSameAccount()
    {
        var aws = Aws();

        var live = await RunAsync(b => b.UseAws(o => o.Aws = aws));
        var offline = await RunAsync(b => b.UseSnapshot(moto.SnapshotDirectory).UseGlueJobResources(GlueJobResourceSnapshot.FromDirectory(moto.SnapshotDirectory)));

        output.WriteLine(PreflightReportRenderer.ToText(live));
        Assert.Equal(offline.Needs.Select(n => (n.Id, n.Decision)), live.Needs.Select(n => (n.Id, n.Decision)));
        Assert.Equal(NeedDecision.ImplicitDeny, live.Needs.Single(n => n.Id == "role.script.read").Decision);
        Assert.Empty(live.Needs.Single(n => n.Id == "role.script.read").Unread); // NoSuchBucketPolicy: read, no policy
        Assert.Equal(NeedDecision.Allowed, live.Needs.Single(n => n.Id == "role.tempdir.write").Decision);
        Assert.Equal(["explicit deny: statement NoDeletes of the bucket policy of example-etl-temp"], live.Needs.Single(n => n.Id == "role.tempdir.delete").Blockers);
        var key = live.Needs.Single(n => n.Id == "role.kms.s3.decrypt");
        Assert.Equal(moto.KeyArn, key.Resource);
        Assert.Equal(NeedDecision.ImplicitDeny, key.Decision);
        Assert.Empty(key.Unread); // the key policy was read live
        Assert.True(live.Fixes.Single(f => f.Target == "role etl-runtime").Verified);
    }

    [SkippableFact]
    public async Task Preflight_Live_BucketOfAnotherOwnerOrMissing_IsUnreadNotAssumed()
    {
        var aws = Aws();
        var reader = new ServiceCollection().AddPassRoleDiagnosticsAws(o => o.Aws = aws).BuildServiceProvider().GetRequiredService<IGlueJobResourceReader>();

        var missing = await reader.GetBucketPolicyAsync("no-such-bucket-here");

        Assert.Equal(Sources.SourceResultStatus.Unreadable, missing.Status);
    }

    [SkippableFact]
    public async Task ReadOnlyClients_RefuseWritesBeforeTheyLeaveTheProcess()
    {
        var aws = Aws();
        using var s3 = new AmazonS3Client(aws.Credentials, new AmazonS3Config { ServiceURL = moto.Endpoint, ForcePathStyle = true, MaxErrorRetry = 0, HttpClientFactory = new ReadOnlyHttpClientFactory() });
        using var kms = new AmazonKeyManagementServiceClient(aws.Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = moto.Endpoint, MaxErrorRetry = 0, HttpClientFactory = new ReadOnlyHttpClientFactory() });

        await Assert.ThrowsAnyAsync<Exception>(() => s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = "example-etl-temp", Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }));
        await Assert.ThrowsAnyAsync<Exception>(() => s3.DeleteBucketAsync("example-etl-scripts"));
        await Assert.ThrowsAnyAsync<Exception>(() => kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = moto.KeyArn, PendingWindowInDays = 7 }));

        // The reads still work, and nothing was changed.
        Assert.Contains("NoDeletes", (await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = "example-etl-temp" })).Policy, StringComparison.Ordinal);
        Assert.Contains("kms:*", (await kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = moto.KeyArn, PolicyName = "default" })).Policy, StringComparison.Ordinal);
        Assert.Equal(KeyState.Enabled, (await new AmazonKeyManagementServiceClient(aws.Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = moto.Endpoint }).DescribeKeyAsync(moto.KeyArn)).KeyMetadata.KeyState);
    }
}
