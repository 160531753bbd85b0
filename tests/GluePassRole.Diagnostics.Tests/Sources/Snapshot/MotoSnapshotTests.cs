using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Tests.Sources.Snapshot;

/// <summary>
/// TestData/Moto was produced by the real AWS CLI against moto_server on loopback
/// (<c>get-account-authorization-details --filter User Group Role LocalManagedPolicy</c>, <c>glue get-job</c>,
/// <c>sts get-caller-identity</c>): AWS managed policies are filtered out and moto omits <c>PolicyName</c> in <c>Policies</c>.
/// </summary>
public sealed class MotoSnapshotTests
{
    [Fact]
    public async Task ResolveAsync_CliOutputWithoutAwsManagedPolicies_FallsBackToBundledCopiesAndSaysSo()
    {
        var snapshot = AccountSnapshot.LoadFromDirectory(TestSnapshots.Folder("Moto"));

        var result = await new EffectivePolicyResolver(snapshot, snapshot).ResolveAsync("arn:aws:iam::123456789012:user/dana");

        Assert.Empty(snapshot.Problems);
        Assert.Equal(
            [
                (PolicySourceKind.GroupManaged, "AWSGlueConsoleFullAccess", "GlueAccess"),
                (PolicySourceKind.GroupInline, "developers-read-logs", "developers"),
                (PolicySourceKind.GroupManaged, "Force_MFA", "developers"),
            ],
            result.Policies.IdentityPolicies.Select(p => (p.Source.Kind, p.Source.Name, p.Source.AttachedTo)));
        Assert.Contains(result.Notes, n => n.Contains("AWSGlueConsoleFullAccess", StringComparison.Ordinal));
        Assert.Equal(PolicyType.ServiceControlPolicy, Assert.Single(result.Gaps).PolicyType);
    }

    [Fact]
    public async Task GetResourceAsync_JobWithBareRoleName_ResolvesToRoleArn()
    {
        var snapshot = AccountSnapshot.LoadFromDirectory(TestSnapshots.Folder("Moto"));

        var job = await snapshot.GetResourceAsync(GlueResourceKind.Job, "daily-orders-etl");
        var role = await new RoleReferenceResolver(snapshot).ResolveAsync(job.Value!.Role);

        Assert.Equal("arn:aws:iam::123456789012:role/etl-orders-runtime", role.Value!.Arn);
        Assert.Equal("glue.amazonaws.com", role.Value.TrustPolicy.Value!.Statements[0].Principal!.Entries[0].Values[0]);
    }
}
