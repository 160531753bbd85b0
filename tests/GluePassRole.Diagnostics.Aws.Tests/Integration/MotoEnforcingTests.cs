using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Aws.Tests.Integration;

/// <summary>Real AccessDenied answers from an emulator that checks SigV4 and IAM policies (moto with reset-auth).</summary>
public sealed class MotoEnforcingTests(MotoEnforcingFixture moto) : IClassFixture<MotoEnforcingFixture>
{
    private ServiceProvider Live(string accessKey, string secret)
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials(accessKey, secret) };
        aws.DefaultClientConfig.ServiceURL = moto.Endpoint;
        aws.DefaultClientConfig.MaxErrorRetry = 0;
        return new ServiceCollection().AddPassRoleDiagnosticsAws(o => o.Aws = aws).BuildServiceProvider();
    }

    [SkippableFact]
    public async Task ResolveAsync_AuditorWithoutListGroupsForUser_ReportsGapNamingPermission()
    {
        using var live = Live(moto.AccessKeyId, moto.SecretAccessKey);

        var result = await new EffectivePolicyResolver(live.GetRequiredService<IIamReader>(), live.GetService<IOrganizationsReader>()).ResolveAsync("arn:aws:iam::123456789012:user/dana");

        Assert.Equal(SourceResultStatus.Found, result.PrincipalStatus);
        var gap = Assert.Single(result.Gaps, g => g.PolicyType == PolicyType.IdentityBased);
        Assert.Equal(("AccessDenied", "iam:ListGroupsForUser"), (gap.Error.ErrorCode, gap.Error.MissingPermission));
        Assert.Empty(result.Policies.IdentityPolicies);
    }

    [SkippableFact]
    public async Task GetUserAsync_WrongSecret_IsUnreadableNotDenyOrNotFound()
    {
        using var live = Live(moto.AccessKeyId, "not-the-secret");

        var user = await live.GetRequiredService<IIamReader>().GetUserAsync("dana");

        Assert.Equal(SourceResultStatus.Unreadable, user.Status);
        Assert.Equal("SignatureDoesNotMatch", user.Error!.ErrorCode);
    }
}
