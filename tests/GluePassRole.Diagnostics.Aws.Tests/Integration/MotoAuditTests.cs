using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Aws.Tests.Integration;

/// <summary>The account-wide audit, live against moto (ListUsers/ListRoles and the targeted reads), equals the audit of the AWS CLI snapshot of the same account.</summary>
public sealed class MotoAuditTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static async Task<PassRoleAuditReport> AuditAsync(Action<IPassRoleDiagnosticsBuilder> source)
    {
        var services = new ServiceCollection();
        source(services.AddPassRoleDiagnostics());
        using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleAuditor>().AuditAsync();
    }

    [SkippableFact]
    public async Task AuditAsync_LiveAndSnapshotOfSameAccount_SameReport()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials("AKIDMOTOFIELDNOTE", "moto-secret") };
        aws.DefaultClientConfig.ServiceURL = moto.Endpoint;
        aws.DefaultClientConfig.MaxErrorRetry = 1;

        var live = await AuditAsync(b => b.UseAws(o => o.Aws = aws));
        var offline = await AuditAsync(b => b.UseSnapshot(moto.SnapshotDirectory));

        // dana: AWSGlueConsoleFullAccess passes only AWSGlueServiceRole* roles; etl-runtime trusts Glue and nobody can pass it.
        // The job nightly-orders-etl runs as etl-runtime: the snapshot holds it and the live source lists it (glue:GetJobs),
        // so the role is in use, not dead, either way.
        Assert.Equal("123456789012", live.Account);
        Assert.Empty(live.Grants);
        Assert.DoesNotContain(live.Findings, f => f.Code == AuditFindingCodes.DeadRole && f.Roles.Contains("arn:aws:iam::123456789012:role/etl-runtime"));
        Assert.DoesNotContain(offline.Findings, f => f.Code == AuditFindingCodes.DeadRole && f.Roles.Contains("arn:aws:iam::123456789012:role/etl-runtime"));
        Assert.Equal(offline.PrincipalCount, live.PrincipalCount);
        Assert.Equal(offline.TargetCount, live.TargetCount);
        Assert.Equal(Body(PassRoleAuditRenderer.ToJson(offline)), Body(PassRoleAuditRenderer.ToJson(live)));
    }

    /// <summary>The report without its unknowns: moto may answer some Organizations reads differently live than the CLI captured them.</summary>
    private static string Body(string json) => json[..json.IndexOf("\"unknowns\"", StringComparison.Ordinal)];
}
