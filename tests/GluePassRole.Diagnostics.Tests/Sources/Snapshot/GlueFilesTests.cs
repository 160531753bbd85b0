using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Tests.Sources.Snapshot;

// The Glue resources that carry a role: jobs, crawlers, interactive sessions, dev endpoints and ML transforms
// (Glue API reference: GetJob, GetCrawler, GetSession, GetDevEndpoint, GetMLTransform responses).
public sealed class GlueFilesTests
{
    [Fact]
    public async Task LoadFromDirectory_EveryRoleCarryingResourceKind_IsServed()
    {
        using var temp = new TempFolder();
        temp.CopyFrom("FieldNote", "get-account-authorization-details.json");
        temp.Write("glue-get-jobs.json", """{"Jobs":[{"Name":"a","Role":"r1"},{"Name":"b","Role":"r2"}]}""");
        temp.Write("glue-get-session-1.json", """{"Session":{"Id":"sess-1","Role":"arn:aws:iam::111122223333:role/etl-orders-runtime"}}""");
        temp.Write("glue-get-dev-endpoint-x.json", """{"DevEndpoint":{"EndpointName":"x","RoleArn":"arn:aws:iam::111122223333:role/etl-orders-runtime"}}""");
        temp.Write("glue-get-ml-transform-t.json", """{"TransformId":"tfm-0123","Name":"dedupe","Role":"etl-orders-runtime"}""");

        var snapshot = AccountSnapshot.LoadFromDirectory(temp.Path);

        Assert.Empty(snapshot.Problems);
        Assert.Equal("r2", (await snapshot.GetResourceAsync(GlueResourceKind.Job, "b")).Value!.Role);
        Assert.True((await snapshot.GetResourceAsync(GlueResourceKind.Session, "sess-1")).IsFound);
        Assert.True((await snapshot.GetResourceAsync(GlueResourceKind.DevEndpoint, "x")).IsFound);
        Assert.Equal("etl-orders-runtime", (await snapshot.GetResourceAsync(GlueResourceKind.MLTransform, "tfm-0123")).Value!.Role);
        Assert.True((await snapshot.GetResourceAsync(GlueResourceKind.MLTransform, "dedupe")).IsFound);
    }

    [Fact]
    public void LoadFromDirectory_JobWithoutRole_IsReportedWithPath()
    {
        using var temp = new TempFolder();
        temp.CopyFrom("FieldNote", "get-account-authorization-details.json");
        var file = temp.Write("glue-get-jobs.json", """{"Jobs":[{"Name":"a","Role":"r1"},{"Name":"b"}]}""");

        var problem = Assert.Single(AccountSnapshot.LoadFromDirectory(temp.Path).Problems);

        Assert.Equal((file, "$.Jobs[1]"), (problem.Location, problem.JsonPath));
    }

    [Fact]
    public void LoadFromDirectory_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => AccountSnapshot.LoadFromDirectory(TestSnapshots.Folder("FieldNote"), cancelled.Token));
    }

    [Fact]
    public async Task GetResourceAsync_EmptyGlueGetJobFile_UnreadableNamingTheEmptyFile()
    {
        // An interrupted "aws glue get-job ... > glue-get-job-nightly.json" leaves a 0-byte file: not "not in the snapshot".
        using var temp = new TempFolder();
        temp.CopyFrom("FieldNote", "get-account-authorization-details.json");
        var file = temp.Write("glue-get-job-nightly.json", string.Empty);

        var job = await AccountSnapshot.LoadFromDirectory(temp.Path).GetResourceAsync(GlueResourceKind.Job, "nightly");

        Assert.Equal(SourceResultStatus.Unreadable, job.Status);
        Assert.StartsWith("glue-get-job-nightly.json is empty (0 bytes)", job.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not in the snapshot", job.Error.Message, StringComparison.Ordinal);
        Assert.Equal(file, job.Error.Location);
    }

    [Fact]
    public async Task GetResourceAsync_BrokenGlueFile_NamesFileLineAndColumnWithoutParserInternals()
    {
        using var temp = new TempFolder();
        temp.CopyFrom("FieldNote", "get-account-authorization-details.json");
        temp.Write("glue-get-job-nightly.json", "{\n  \"Job\": {\"Name\": \"nightly\",");

        var job = await AccountSnapshot.LoadFromDirectory(temp.Path).GetResourceAsync(GlueResourceKind.Job, "nightly");

        Assert.Equal(SourceResultStatus.Unreadable, job.Status);
        Assert.StartsWith("glue-get-job-nightly.json: not valid JSON at line 2, column ", job.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", job.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", job.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("isFinalBlock", job.Error.Message, StringComparison.Ordinal);
    }
}
