using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Aws.Tests.Integration;

/// <summary>The live audit lists the account's Glue jobs and crawlers (GetJobs, GetCrawlers), so a role one of them runs as is not dead.</summary>
public sealed class MotoGlueListingTests(MotoGlueUsersFixture moto) : IClassFixture<MotoGlueUsersFixture>
{
    private const string Account = "arn:aws:iam::123456789012:role/";

    [SkippableFact]
    public async Task AuditAsync_Live_RoleOfAJobOrACrawlerIsNotDead_IdleRoleIsDeadBesideTheUnlistedKindsUnknown()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials("AKIDMOTOFIELDNOTE", "moto-secret") };
        aws.DefaultClientConfig.ServiceURL = moto.Endpoint;
        aws.DefaultClientConfig.MaxErrorRetry = 1;
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseAws(o => o.Aws = aws);
        using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IPassRoleAuditor>().AuditAsync();

        // Creating the job or crawler passed its role (iam:PassRole), so the role is in use although nobody can pass it now.
        var dead = report.Findings.Where(f => f.Code == AuditFindingCodes.DeadRole).SelectMany(f => f.Roles).ToList();
        Assert.DoesNotContain(Account + "job-only-runtime", dead);
        Assert.DoesNotContain(Account + "crawler-only-runtime", dead);
        Assert.Contains(Account + "idle-runtime", dead);

        // ML transforms are not listed live: the dead role carries that unknown; the listing itself was read.
        var unknown = Assert.Single(report.Unknowns, u => u.Subject.Contains("Glue", StringComparison.Ordinal));
        Assert.Contains("MLTransform", unknown.Reason, StringComparison.Ordinal);
    }
}
