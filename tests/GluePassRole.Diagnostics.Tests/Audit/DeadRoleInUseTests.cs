using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Audit.Internal;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using static GluePassRole.Diagnostics.Tests.Audit.AuditAccountBuilder;

namespace GluePassRole.Diagnostics.Tests.Audit;

/// <summary>
/// A role that trusts Glue and that no principal can pass is not dead when a Glue resource of the source runs as it:
/// the resource was saved by a call that passed the role (CreateJob, CreateCrawler, ... need iam:PassRole on it,
/// https://docs.aws.amazon.com/glue/latest/dg/attach-policy-iam-user.html), so the role is in use (issue 18 review).
/// </summary>
public sealed class DeadRoleInUseTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static AuditAccountBuilder Account() => new AuditAccountBuilder()
        .User("nobody", Doc(Allow("s3:GetObject", "*")))
        .Role("job-runtime", TrustService("glue.amazonaws.com"))
        .Role("crawler-runtime", TrustService("glue.amazonaws.com"), path: "/service-role/")
        .Role("endpoint-runtime", TrustService("glue.amazonaws.com"))
        .Role("unused-runtime", TrustService("glue.amazonaws.com"));

    [Fact]
    public async Task AuditAsync_RolesTheSnapshotsJobCrawlerAndDevEndpointRunAs_AreNotDead()
    {
        var snapshot = WriteWithGlue(
            ("glue-get-job-nightly.json", """{"Job":{"Name":"nightly","Role":"job-runtime"}}"""),
            ("glue-get-crawler-raw.json", $$$"""{"Crawler":{"Name":"raw","Role":"{{{Arn("role", "service-role/crawler-runtime")}}}"}}"""),
            ("glue-get-dev-endpoint-dev.json", """{"DevEndpoint":{"EndpointName":"dev","RoleArn":"arn:aws:iam::111122223333:role/ENDPOINT-runtime"}}"""));

        var report = await AuditAsync(snapshot);

        var dead = Assert.Single(report.Findings, f => f.Code == AuditFindingCodes.DeadRole);
        Assert.Equal([Arn("role", "unused-runtime")], dead.Roles);
        Assert.DoesNotContain(report.Unknowns, u => u.Subject.Contains("Glue resources", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditAsync_JobRoleInAnotherAccount_DoesNotKeepTheSameNamedRoleAlive()
    {
        var snapshot = WriteWithGlue(("glue-get-job-nightly.json", """{"Job":{"Name":"nightly","Role":"arn:aws:iam::444455556666:role/job-runtime"}}"""));

        var report = await AuditAsync(snapshot);

        Assert.Contains(Arn("role", "job-runtime"), Assert.Single(report.Findings, f => f.Code == AuditFindingCodes.DeadRole).Roles);
    }

    [Fact]
    public async Task AuditAsync_GlueFileUnreadable_DeadRolesStillNamedAndTheListingIsUnknown()
    {
        var snapshot = WriteWithGlue(("glue-get-job-broken.json", "{ not json"));

        var report = await AuditAsync(snapshot);

        Assert.Equal(4, Assert.Single(report.Findings, f => f.Code == AuditFindingCodes.DeadRole).Roles.Count);
        var unknown = Assert.Single(report.Unknowns, u => u.Subject == "the source's Glue resources");
        Assert.Contains("glue-get-job-broken.json", unknown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditAsync_ListingSkipsSomeKinds_DeadRoleCarriesAnUnknownNamingThem()
    {
        var snapshot = WriteWithGlue(("glue-get-job-nightly.json", """{"Job":{"Name":"nightly","Role":"job-runtime"}}"""));
        var partial = new PartialDirectory(snapshot, [Diagnostics.Sources.GlueResourceKind.MLTransform, Diagnostics.Sources.GlueResourceKind.Session]);

        var report = await new PassRoleAuditor(snapshot, snapshot, snapshot, snapshot, new PassRoleAuditOptions(), partial).AuditAsync();

        Assert.DoesNotContain(Arn("role", "job-runtime"), Assert.Single(report.Findings, f => f.Code == AuditFindingCodes.DeadRole).Roles);
        var unknown = Assert.Single(report.Unknowns, u => u.Subject.Contains("Glue resources", StringComparison.Ordinal));
        Assert.Equal("the source's Glue resources of kind Session, MLTransform", unknown.Subject);
        Assert.Contains("A role reported dead may be the role of one of them.", unknown.Reason, StringComparison.Ordinal);
    }

    /// <summary>The snapshot's listing, said to skip <paramref name="unlisted"/> (as the live source skips ML transforms).</summary>
    private sealed class PartialDirectory(Diagnostics.Sources.IGlueJobDirectory inner, Diagnostics.Sources.GlueResourceKind[] unlisted) : Diagnostics.Sources.IGlueJobDirectory
    {
        public IReadOnlyCollection<Diagnostics.Sources.GlueResourceKind> UnlistedKinds => unlisted;

        public ValueTask<Diagnostics.Sources.SourceResult<IReadOnlyList<Diagnostics.Sources.GlueResource>>> ListJobsAsync(CancellationToken cancellationToken = default) =>
            inner.ListJobsAsync(cancellationToken);

        public ValueTask<Diagnostics.Sources.SourceResult<IReadOnlyList<Diagnostics.Sources.GlueResource>>> ListResourcesAsync(CancellationToken cancellationToken = default) =>
            inner.ListResourcesAsync(cancellationToken);
    }

    private Diagnostics.Sources.Snapshot.AccountSnapshot WriteWithGlue(params (string File, string Json)[] files)
    {
        foreach (var (file, json) in files)
        {
            _folder.Write(file, json);
        }

        return Account().Write(_folder);
    }
}
