using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>The caller identity from <c>sts:GetCallerIdentity</c> (which needs no permission).</summary>
internal sealed class StsIdentitySource(
    Lazy<IAmazonSecurityTokenService> sts, PassRoleDiagnosticsAwsOptions options, TimeProvider time, ILogger<StsIdentitySource> logger, EndpointCircuits? circuits = null)
    : IAccountIdentitySource
{
    private const string Action = "sts:GetCallerIdentity";

    private readonly EndpointCircuits _circuits = circuits ?? EndpointCircuits.Standalone();

    public async ValueTask<SourceResult<CallerIdentity>> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        await AwsRead.GuardAsync(Action, "the caller identity", async () =>
        {
            var request = new GetCallerIdentityRequest();
            var response = await AwsCall.InvokeAsync(
                Action, ct => sts.Value.GetCallerIdentityAsync(request, ct), options.CallTimeout, time, () => _circuits.For(sts.Value, request), cancellationToken)
                .ConfigureAwait(false);
            if (string.IsNullOrEmpty(response.Account) || string.IsNullOrEmpty(response.Arn))
            {
                throw new MalformedResponseException("The GetCallerIdentity response has no Account or Arn.");
            }

            return SourceResult.Found(new CallerIdentity(response.Account, response.Arn) { UserId = response.UserId });
        }, logger).ConfigureAwait(false);
}
