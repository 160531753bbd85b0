using System.Security;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Aws.Tests.Internal;

/// <summary>
/// <c>sts:DecodeAuthorizationMessage</c> through the registered <see cref="IAuthorizationMessageDecoder"/>, against the
/// loopback server: moto does not serve the operation (it answers HTTP 500).
/// </summary>
/// <remarks>
/// The canned answers follow AWS STS API Reference, "DecodeAuthorizationMessage"
/// (https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html): request parameter
/// <c>EncodedMessage</c>, response element <c>DecodedMessage</c> (a string holding the JSON document), and the caller needs
/// <c>sts:DecodeAuthorizationMessage</c>. The JSON's shape is the one <see cref="DecodedAuthorizationMessage"/> documents.
/// </remarks>
public sealed class StsAuthorizationMessageDecoderTests
{
    private const string Encoded = "EXAMPLEblob-12_abcXYZ";

    private const string Decoded = """
        {"allowed":false,"explicitDeny":false,"matchedStatements":{"items":[]},"failures":{"items":[]},
        "context":{"principal":{"id":"AIDAEXAMPLEDANA","arn":"arn:aws:iam::111122223333:user/dana"},"action":"iam:PassRole",
        "resource":"arn:aws:iam::111122223333:role/etl-runtime","conditions":{"items":[
        {"key":"iam:PassedToService","values":{"items":[{"value":"glue.amazonaws.com"}]}},
        {"key":"aws:MultiFactorAuthPresent","values":{"items":[{"value":"true"}]}}]}}}
        """;

    private static ServiceProvider Provider(LoopbackAwsServer server)
    {
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials(LoopbackAwsServer.AccessKey, LoopbackAwsServer.SecretKey) };
        aws.DefaultClientConfig.ServiceURL = server.Url;
        aws.DefaultClientConfig.MaxErrorRetry = 0;
        return new ServiceCollection().AddPassRoleDiagnosticsAws(o => o.Aws = aws).BuildServiceProvider();
    }

    [Fact]
    public async Task DecodeAsync_StsAnswers_ReturnsTheDecodedJsonTheParserReads()
    {
        using var server = new LoopbackAwsServer(r => r.Operation == "DecodeAuthorizationMessage"
            ? LoopbackResponse.Xml($"""
                <DecodeAuthorizationMessageResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><DecodeAuthorizationMessageResult>
                <DecodedMessage>{SecurityElement.Escape(Decoded)}</DecodedMessage>
                </DecodeAuthorizationMessageResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DecodeAuthorizationMessageResponse>
                """)
            : LoopbackResponse.IamError(400, "InvalidAction", "unexpected"));
        using var provider = Provider(server);

        var result = await provider.GetRequiredService<IAuthorizationMessageDecoder>().DecodeAsync(Encoded);

        Assert.True(result.IsFound, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal(Encoded, request.Parameters["EncodedMessage"]);
        Assert.True(request.SignatureValid, request.SignatureProblem);
        var message = AccessDeniedMessage.Parse(result.Value!);
        Assert.Equal("arn:aws:iam::111122223333:user/dana", message.Principal);
        Assert.Equal("arn:aws:iam::111122223333:role/etl-runtime", message.PassedRoleArn);
        Assert.NotNull(message.Decoded);
    }

    [Fact]
    public async Task DecodeAsync_Denied_UnreadableNamingThePermission()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.IamError(
            403, "AccessDenied", "User: arn:aws:iam::111122223333:user/dana is not authorized to perform: sts:DecodeAuthorizationMessage"));
        using var provider = Provider(server);

        var result = await provider.GetRequiredService<IAuthorizationMessageDecoder>().DecodeAsync(Encoded);

        Assert.Equal(SourceResultStatus.Unreadable, result.Status);
        Assert.Equal("sts:DecodeAuthorizationMessage", result.Error!.MissingPermission);
        Assert.Contains("lack sts:DecodeAuthorizationMessage", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecodeAsync_ExpiredMessage_UnreadableWithAwsErrorCode()
    {
        using var server = new LoopbackAwsServer(_ => LoopbackResponse.IamError(400, "InvalidAuthorizationMessageException", "The message has expired."));
        using var provider = Provider(server);

        var result = await provider.GetRequiredService<IAuthorizationMessageDecoder>().DecodeAsync(Encoded);

        Assert.Equal(SourceResultStatus.Unreadable, result.Status);
        Assert.Equal("InvalidAuthorizationMessageException", result.Error!.ErrorCode);
        Assert.Null(result.Error.MissingPermission);
    }
}
