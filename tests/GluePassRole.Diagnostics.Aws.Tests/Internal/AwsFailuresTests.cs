using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Aws.Tests.Internal;

public sealed class AwsFailuresTests
{
    public static TheoryData<Exception> Bugs => [new InvalidOperationException("bug"), new ArgumentException("bug"), new KeyNotFoundException(), new NotSupportedException(), new FormatException("bug")];

    [Theory]
    [MemberData(nameof(Bugs))]
    public void Classify_ProgrammingError_IsNotAnAwsFailure(Exception bug)
    {
        Assert.Null(AwsFailures.Classify(bug, "iam:GetRole", TimeSpan.FromSeconds(10), timedOut: false));
    }

    [Fact]
    public void Classify_CallerCancelled_IsNotAnAwsFailure()
    {
        Assert.Null(AwsFailures.Classify(new TaskCanceledException(), "iam:GetRole", TimeSpan.FromSeconds(10), timedOut: false));
    }

    [Fact]
    public void Classify_CancelledByCallTimeout_IsTimeoutNamingTheCall()
    {
        var failure = AwsFailures.Classify(new TaskCanceledException(), "iam:GetRole", TimeSpan.FromSeconds(10), timedOut: true)!;

        Assert.Equal(AwsFailureKind.Timeout, failure.Kind);
        Assert.Equal("Reading role etl-runtime failed: iam:GetRole timed out after 10 s.", failure.ToResult<IamRole>("role etl-runtime").Error!.Message);
    }

    [Fact]
    public async Task ReadAsync_ReaderBug_Propagates()
    {
        var bug = new InvalidOperationException("a bug in the reader");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AwsRead.GuardAsync<IamRole>("iam:GetRole", "role etl-runtime", () => throw bug, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        Assert.Same(bug, thrown);
    }

    [Theory]
    [InlineData("Throttling", "Throttled")]
    [InlineData("ThrottlingException", "Throttled")]
    [InlineData("TooManyRequestsException", "Throttled")]
    [InlineData("AccessDenied", "AccessDenied")]
    [InlineData("AccessDeniedException", "AccessDenied")]
    [InlineData("NoSuchEntity", "NotFound")]
    [InlineData("EntityNotFoundException", "NotFound")]
    [InlineData("InvalidClientTokenId", "ServiceError")]
    public void Classify_AwsErrorCode_MapsToItsKind(string code, string kind)
    {
        var exception = new JsonServiceException("m", null, ErrorType.Sender, code, "r", HttpStatusCode.BadRequest);

        Assert.Equal(kind, AwsFailures.Classify(exception, "glue:GetJob", TimeSpan.FromSeconds(10), timedOut: false)!.Kind.ToString());
    }

    [Fact]
    public void Classify_ConnectionRefused_IsNetworkWithEndpoint()
    {
        var refused = new HttpRequestException("Connection refused (127.0.0.1:4566)", new SocketException((int)SocketError.ConnectionRefused));

        var failure = AwsFailures.Classify(refused, "iam:GetUser", TimeSpan.FromSeconds(10), timedOut: false)!;

        Assert.Equal((AwsFailureKind.Network, "Connection refused (127.0.0.1:4566)"), (failure.Kind, failure.Detail));
    }

    [Fact]
    public void Classify_NoCredentials_IsNotSentWithTheSdkReason()
    {
        var failure = AwsFailures.Classify(new AmazonClientException("Failed to resolve AWS credentials."), "iam:GetUser", TimeSpan.FromSeconds(10), timedOut: false)!;

        Assert.Equal(AwsFailureKind.NotSent, failure.Kind);
        Assert.Equal("Reading user dana failed: iam:GetUser was not sent: Failed to resolve AWS credentials.", failure.Sentence("user dana"));
    }

    [Theory]
    [InlineData("<!DOCTYPE html>\n<html><head>\n<title>500 Internal Server Error</title>\n</head><body><h1>Internal Server Error</h1><p>long text</p></body></html>", "an HTML page \"500 Internal Server Error\"")]
    [InlineData("<html><body><h1>Bad <b>Gateway</b></h1></body></html>", "an HTML page \"Bad Gateway\"")]
    [InlineData("<html><body>nothing</body></html>", "an HTML page")]
    [InlineData("first line\nsecond line", "first line")]
    [InlineData("  \u0001binary\u0002 junk ", "binary junk")]
    [InlineData("", "")]
    public void OneLine_Body_KeepsOneLineWithoutMarkup(string body, string expected)
    {
        Assert.Equal(expected, AwsFailures.OneLine(body));
    }

    [Fact]
    public void OneLine_LongLine_IsCutAt160Characters()
    {
        var line = AwsFailures.OneLine(new string('x', 1000));

        Assert.Equal(160, line.Length);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
    }
}
