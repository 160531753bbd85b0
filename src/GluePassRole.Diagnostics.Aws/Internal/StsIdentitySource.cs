using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>The caller identity from <c>sts:GetCallerIdentity</c> (which needs no permission), read once per cache period.</summary>
internal sealed class StsIdentitySource(Lazy<IAmazonSecurityTokenService> sts, ILogger<StsIdentitySource> logger) : IAccountIdentitySource
{
    public async ValueTask<SourceResult<CallerIdentity>> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
    {
        const string Permission = "sts:GetCallerIdentity";
        const string Subject = "the caller identity";
        try
        {
            var response = await sts.Value.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            return SourceResult.Found(new CallerIdentity(response.Account, response.Arn) { UserId = response.UserId });
        }
        catch (AmazonServiceException ex)
        {
            Log.ReadFailed(logger, Subject, Permission, ex.ErrorCode, ex);
            return AwsFailures.ToResult<CallerIdentity>(ex, Permission, Subject);
        }
        catch (AmazonClientException ex)
        {
            Log.ReadFailed(logger, Subject, Permission, null, ex);
            return AwsFailures.ToResult<CallerIdentity>(ex, Permission, Subject);
        }
        catch (HttpRequestException ex)
        {
            Log.ReadFailed(logger, Subject, Permission, null, ex);
            return AwsFailures.ToResult<CallerIdentity>(ex, Permission, Subject);
        }
    }
}
