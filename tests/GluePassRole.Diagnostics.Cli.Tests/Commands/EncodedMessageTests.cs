using GluePassRole.Diagnostics.Aws;
using GluePassRole.Diagnostics.Cli.Commands;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>With --live, an error holding only an encoded authorization message is investigated as its decoded JSON.</summary>
public sealed class EncodedMessageTests
{
    private const string EncodedOnly = "An error occurred (UnauthorizedOperation) when calling the CreateJob operation: You are not authorized to perform this operation. Encoded authorization failure message: AbCd-12_xyz";

    private const string Decoded = """
        {"allowed":false,"explicitDeny":false,"matchedStatements":{"items":[]},"failures":{"items":[]},
        "context":{"principal":{"id":"AIDAEXAMPLEDANA","arn":"arn:aws:iam::123456789012:user/dana"},"action":"iam:PassRole",
        "resource":"arn:aws:iam::123456789012:role/etl-runtime","conditions":{"items":[]}}}
        """;

    [Fact]
    public async Task TryDecodeAsync_EncodedMessageOnly_ReturnsTheDecodedJson()
    {
        var decoder = new StubDecoder(SourceResult.Found(Decoded));
        using var stderr = new StringWriter();

        var decoded = await EncodedMessage.TryDecodeAsync(EncodedOnly, decoder, stderr, CancellationToken.None);

        Assert.Equal(Decoded, decoded);
        Assert.Equal(["AbCd-12_xyz"], decoder.Asked);
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public async Task TryDecodeAsync_PlainAccessDeniedText_DoesNotCallSts()
    {
        var decoder = new StubDecoder(SourceResult.Found(Decoded));
        using var stderr = new StringWriter();

        var decoded = await EncodedMessage.TryDecodeAsync(
            "User: arn:aws:iam::123456789012:user/dana is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/etl-runtime",
            decoder, stderr, CancellationToken.None);

        Assert.Null(decoded);
        Assert.Empty(decoder.Asked);
    }

    [Fact]
    public async Task TryDecodeAsync_Denied_NamesThePermissionAndPrintsTheCommand()
    {
        var decoder = new StubDecoder(SourceResult.Unreadable<string>(new SourceError(
            "Reading the encoded authorization message was denied: the investigating credentials lack sts:DecodeAuthorizationMessage.")
        { MissingPermission = "sts:DecodeAuthorizationMessage" }));
        using var stderr = new StringWriter();

        var decoded = await EncodedMessage.TryDecodeAsync(EncodedOnly, decoder, stderr, CancellationToken.None);

        Assert.Null(decoded);
        Assert.Contains("lack sts:DecodeAuthorizationMessage", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("run: aws sts decode-authorization-message --encoded-message AbCd-12_xyz --query DecodedMessage --output text", stderr.ToString(), StringComparison.Ordinal);
    }

    private sealed class StubDecoder(SourceResult<string> answer) : IAuthorizationMessageDecoder
    {
        public List<string> Asked { get; } = [];

        public ValueTask<SourceResult<string>> DecodeAsync(string encodedMessage, CancellationToken cancellationToken = default)
        {
            Asked.Add(encodedMessage);
            return ValueTask.FromResult(answer);
        }
    }
}
