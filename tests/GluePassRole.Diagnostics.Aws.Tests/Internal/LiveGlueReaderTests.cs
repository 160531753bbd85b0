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
}
