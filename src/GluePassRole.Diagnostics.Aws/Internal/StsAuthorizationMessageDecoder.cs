using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// <c>sts:DecodeAuthorizationMessage</c> (AWS STS API Reference, "DecodeAuthorizationMessage"): the response's
/// <c>DecodedMessage</c> is the JSON document of the denied request. The caller needs the permission.
/// </summary>
internal sealed class StsAuthorizationMessageDecoder(
    Lazy<IAmazonSecurityTokenService> sts, PassRoleDiagnosticsAwsOptions options, TimeProvider time, ILogger<StsAuthorizationMessageDecoder> logger, EndpointCircuits? circuits = null)
    : IAuthorizationMessageDecoder
{
    /// <summary>The permission the call needs.</summary>
    public const string Action = "sts:DecodeAuthorizationMessage";

    private readonly EndpointCircuits _circuits = circuits ?? EndpointCircuits.Standalone();

    public async ValueTask<SourceResult<string>> DecodeAsync(string encodedMessage, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encodedMessage);
        return await AwsRead.GuardAsync(Action, "the encoded authorization message", async () =>
        {
            var request = new DecodeAuthorizationMessageRequest { EncodedMessage = encodedMessage.Trim() };
            var response = await AwsCall.InvokeAsync(
                Action,
                ct => sts.Value.DecodeAuthorizationMessageAsync(request, ct),
                options.CallTimeout,
                time,
                () => _circuits.For(sts.Value, request),
                cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(response.DecodedMessage))
            {
                throw new MalformedResponseException("The DecodeAuthorizationMessage response has no DecodedMessage.");
            }

            return SourceResult.Found(response.DecodedMessage);
        }, logger).ConfigureAwait(false);
    }
}
