using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluePassRole.Diagnostics.Aws.Tests.Internal;

public sealed class LiveGlueReaderTests
{
    [Theory]
    [InlineData(GlueResourceKind.Job, "GetJob", "JobName", """{"Job":{"Name":"nightly orders","Role":"etl-runtime"}}""", "etl-runtime")]
    [InlineData(GlueResourceKind.Crawler, "GetCrawler", "Name", """{"Crawler":{"Name":"nightly orders","Role":"arn:aws:iam::111122223333:role/service-role/crawl"}}""", "arn:aws:iam::111122223333:role/service-role/crawl")]
    [InlineData(GlueResourceKind.Session, "GetSession", "Id", """{"Session":{"Id":"nightly orders","Role":"arn:aws:iam::111122223333:role/s"}}""", "arn:aws:iam::111122223333:role/s")]
    [InlineData(GlueResourceKind.DevEndpoint, "GetDevEndpoint", "EndpointName", """{"DevEndpoint":{"EndpointName":"nightly orders","RoleArn":"arn:aws:iam::111122223333:role/d"}}""", "arn:aws:iam::111122223333:role/d")]
    [InlineData(GlueResourceKind.MLTransform, "GetMLTransform", "TransformId", """{"TransformId":"tfm-1","Name":"nightly orders","Role":"ml"}""", "ml")]
    public async Task GetResourceAsync_EachKind_ReturnsStoredRole(GlueResourceKind kind, string operation, string parameter, string body, string role)
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.Json(body));
        var reader = new LiveGlueReader(server.GlueGate(), NullLogger<LiveGlueReader>.Instance);

        var resource = await reader.GetResourceAsync(kind, "nightly orders");

        Assert.True(resource.IsFound, resource.ToString());
        Assert.Equal(role, resource.Value!.Role);
        var request = Assert.Single(server.Requests);
        Assert.Equal(operation, request.Operation);
        Assert.Contains($"\"{parameter}\":\"nightly orders\"", request.Body, StringComparison.Ordinal);
        Assert.True(request.SignatureValid, request.SignatureProblem);
    }

    [Fact]
    public async Task GetResourceAsync_EntityNotFound_ReturnsNotFound()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.JsonError(400, "com.amazonaws.glue#EntityNotFoundException", "Job not found"));

        var job = await new LiveGlueReader(server.GlueGate(), NullLogger<LiveGlueReader>.Instance).GetResourceAsync(GlueResourceKind.Job, "missing");

        Assert.Equal(SourceResultStatus.NotFound, job.Status);
    }

    [Fact]
    public async Task GetResourceAsync_AccessDenied_ReturnsUnreadableNamingGetJob()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.JsonError(400, "AccessDeniedException", "User is not authorized to perform: glue:GetJob"));

        var job = await new LiveGlueReader(server.GlueGate(), NullLogger<LiveGlueReader>.Instance).GetResourceAsync(GlueResourceKind.Job, "nightly");

        Assert.Equal(SourceResultStatus.Unreadable, job.Status);
        Assert.Equal("glue:GetJob", job.Error!.MissingPermission);
        Assert.Equal("AccessDeniedException", job.Error.ErrorCode);
    }

    [Fact]
    public async Task GetResourceAsync_NotJson_ReturnsUnreadable()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.Json("<html>proxy error</html>"));

        var job = await new LiveGlueReader(server.GlueGate(), NullLogger<LiveGlueReader>.Instance).GetResourceAsync(GlueResourceKind.Job, "nightly");

        Assert.Equal(SourceResultStatus.Unreadable, job.Status);
    }

    private static LoopbackResponse Listing(LoopbackRequest request) => request.Operation switch
    {
        // Two pages of jobs: the second is asked for with the first page's NextToken.
        "GetJobs" when !request.Body.Contains("\"NextToken\":\"page-2\"", StringComparison.Ordinal) =>
            LoopbackResponse.Json("""{"Jobs":[{"Name":"a","Role":"etl-runtime"}],"NextToken":"page-2"}"""),
        "GetJobs" => LoopbackResponse.Json("""{"Jobs":[{"Name":"b","Role":"arn:aws:iam::111122223333:role/other"}]}"""),
        "GetCrawlers" => LoopbackResponse.Json("""{"Crawlers":[{"Name":"c","Role":"crawl"}]}"""),
        "GetDevEndpoints" => LoopbackResponse.Json("""{"DevEndpoints":[{"EndpointName":"d","RoleArn":"arn:aws:iam::111122223333:role/d"}],"NextToken":null}"""),
        "ListSessions" => LoopbackResponse.Json("""{"Ids":["s"],"Sessions":[{"Id":"s","Role":"arn:aws:iam::111122223333:role/s"}]}"""),
        _ => LoopbackResponse.JsonError(400, "InvalidInputException", "unexpected " + request.Operation),
    };

    [Fact]
    public async Task ListResourcesAsync_EveryPageOfEachListedKind_ReturnsTheirRoles()
    {
        using var server = new LoopbackAwsServer(Listing);
        var reader = new LiveGlueReader(server.GlueGate(), NullLogger<LiveGlueReader>.Instance);

        var listed = await reader.ListResourcesAsync();

        Assert.True(listed.IsFound, listed.ToString());
        Assert.Equal(
            ["Job a etl-runtime", "Job b arn:aws:iam::111122223333:role/other", "Crawler c crawl", "DevEndpoint d arn:aws:iam::111122223333:role/d", "Session s arn:aws:iam::111122223333:role/s"],
            listed.Value!.Select(r => $"{r.Kind} {r.Name} {r.Role}"));
        Assert.Equal(["GetJobs", "GetJobs", "GetCrawlers", "GetDevEndpoints", "ListSessions"], server.Operations);
        Assert.All(server.Requests, r => Assert.True(r.SignatureValid, r.SignatureProblem));
        Assert.Equal([GlueResourceKind.MLTransform], ((IGlueJobDirectory)reader).UnlistedKinds);
    }

    [Fact]
    public async Task ListJobsAsync_ListsOnlyJobs()
    {
        using var server = new LoopbackAwsServer(Listing);

        var jobs = await new LiveGlueReader(server.GlueGate(), NullLogger<LiveGlueReader>.Instance).ListJobsAsync();

        Assert.Equal(["a", "b"], jobs.Value!.Select(j => j.Name));
        Assert.Equal(["GetJobs", "GetJobs"], server.Operations);
    }

    [Fact]
    public async Task ListResourcesAsync_MorePagesThanTheBound_ReturnsUnreadableNotShorter()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.Json("""{"Jobs":[{"Name":"a","Role":"r"}],"NextToken":"again"}"""));

        var listed = await new LiveGlueReader(server.GlueGate(), NullLogger<LiveGlueReader>.Instance, maxPages: 3).ListResourcesAsync();

        Assert.Equal(SourceResultStatus.Unreadable, listed.Status);
        Assert.Equal("TooManyPages", listed.Error!.ErrorCode);
        Assert.Contains("3 pages of glue:GetJobs", listed.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task ListResourcesAsync_CrawlersDenied_ReturnsUnreadableNamingGetCrawlers()
    {
        using var server = new LoopbackAwsServer(request => request.Operation == "GetCrawlers"
            ? LoopbackResponse.JsonError(400, "AccessDeniedException", "User is not authorized to perform: glue:GetCrawlers")
            : Listing(request));

        var listed = await new LiveGlueReader(server.GlueGate(), NullLogger<LiveGlueReader>.Instance).ListResourcesAsync();

        Assert.Equal(SourceResultStatus.Unreadable, listed.Status);
        Assert.Equal("glue:GetCrawlers", listed.Error!.MissingPermission);
    }

    [Fact]
    public async Task ListResourcesAsync_ItemWithoutRole_ReturnsUnreadable()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.Json("""{"Jobs":[{"Name":"a"}]}"""));

        var listed = await new LiveGlueReader(server.GlueGate(), NullLogger<LiveGlueReader>.Instance).ListResourcesAsync();

        Assert.Equal(SourceResultStatus.Unreadable, listed.Status);
    }
}
