using System.Text.Json;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Preflight;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// Reads a Glue job's resources live: the job, its security configuration and connections through the library's Glue
/// client (<c>glue:GetJob</c>, <c>GetSecurityConfiguration</c>, <c>GetConnection</c>), a bucket's policy through
/// AWSSDK.S3 (<c>s3:GetBucketPolicy</c>) and a key's policy through AWSSDK.KeyManagementService (<c>kms:GetKeyPolicy</c>).
/// The S3 and KMS clients are read-only by construction: <see cref="ReadOnlyHttpClientFactory"/> refuses any other request.
/// A read that fails is unreadable with the permission it needed, never an empty policy.
/// </summary>
internal sealed class LiveGlueJobResources(
    AwsCallGate<GlueClient> glue, Lazy<IAmazonS3> s3, Lazy<IAmazonKeyManagementService> kms, ILogger<LiveGlueJobResources> logger) : IGlueJobResourceReader
{
    public ValueTask<SourceResult<GlueJobDefinition>> GetJobDefinitionAsync(string name, CancellationToken cancellationToken = default) =>
        GlueAsync("GetJob", "JobName", name, "Job", $"Glue job {name}", element => GlueJobJson.ReadJob(element, $"glue:GetJob {name}"), cancellationToken);

    public ValueTask<SourceResult<GlueSecurityConfiguration>> GetSecurityConfigurationAsync(string name, CancellationToken cancellationToken = default) =>
        GlueAsync("GetSecurityConfiguration", "Name", name, "SecurityConfiguration", $"security configuration {name}", element => GlueJobJson.ReadSecurityConfiguration(element, name), cancellationToken);

    public ValueTask<SourceResult<GlueConnection>> GetConnectionAsync(string name, CancellationToken cancellationToken = default) =>
        GlueAsync("GetConnection", "Name", name, "Connection", $"connection {name}", element => GlueJobJson.ReadConnection(element, name), cancellationToken);

    public async ValueTask<SourceResult<ResourcePolicy>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        const string Action = "s3:GetBucketPolicy";
        var subject = $"the bucket policy of {bucket}";
        try
        {
            var response = await s3.Value.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            if (response.Policy is { } body && body.TrimStart().StartsWith('<'))
            {
                // The S3 client hands an error body over as the policy when the status is not an exception (moto's 404).
                return body.Contains("<Code>NoSuchBucketPolicy</Code>", StringComparison.Ordinal)
                    ? SourceResult.Found(new ResourcePolicy(null) { Location = $"{Action} {bucket}" })
                    : SourceResult.Unreadable<ResourcePolicy>(new SourceError($"Reading {subject} failed: {Action} returned {AwsFailures.OneLine(body)}") { ErrorCode = "UnexpectedResponse" });
            }

            return string.IsNullOrWhiteSpace(response.Policy)
                ? SourceResult.Found(new ResourcePolicy(null) { Location = Action })
                : SourceResult.Found(new ResourcePolicy(PolicyDocument.Parse(response.Policy, PolicyType.ResourceBased)) { Location = $"{Action} {bucket}" });
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucketPolicy")
        {
            // The bucket has no policy: it neither allows nor denies.
            return SourceResult.Found(new ResourcePolicy(null) { Location = $"{Action} {bucket}" });
        }
        catch (Exception ex) when (ex is not OperationCanceledException && AwsFailures.Classify(ex, Action, Timeout.InfiniteTimeSpan, timedOut: false) is { } failure)
        {
            Log.ReadFailed(logger, subject, failure.Action, failure.Kind, failure.ErrorCode, ex);
            return Unread<ResourcePolicy>(failure, subject);
        }
    }

    public async ValueTask<SourceResult<ResourcePolicy>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyArn);
        const string Action = "kms:GetKeyPolicy";
        var subject = $"the key policy of {keyArn}";
        try
        {
            var response = await kms.Value.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = keyArn, PolicyName = "default" }, cancellationToken).ConfigureAwait(false);
            return SourceResult.Found(new ResourcePolicy(PolicyDocument.Parse(response.Policy, PolicyType.ResourceBased)) { Location = $"{Action} {keyArn}" });
        }
        catch (Exception ex) when (ex is not OperationCanceledException && AwsFailures.Classify(ex, Action, Timeout.InfiniteTimeSpan, timedOut: false) is { } failure)
        {
            Log.ReadFailed(logger, subject, failure.Action, failure.Kind, failure.ErrorCode, ex);
            return Unread<ResourcePolicy>(failure, subject);
        }
    }

    /// <summary>A resource policy or part that was not read is unread, also when AWS says it does not exist (the key or bucket is gone).</summary>
    private static SourceResult<T> Unread<T>(AwsFailure failure, string subject)
        where T : notnull
    {
        var result = failure.ToResult<T>(subject);
        return result.Status == SourceResultStatus.NotFound
            ? SourceResult.Unreadable<T>(new SourceError($"{subject} could not be read: {failure.Action} says it does not exist."))
            : result;
    }

    private async ValueTask<SourceResult<T>> GlueAsync<T>(string operation, string parameter, string name, string element, string subject, Func<JsonElement, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return await AwsRead.GuardAsync("glue:" + operation, subject, async () =>
        {
            var request = JsonRequest.Create(operation, new Dictionary<string, string?> { [parameter] = name });
            var response = await glue.RunAsync(operation, (client, ct) => client.CallAsync(request, ct), r => r, cancellationToken).ConfigureAwait(false);
            using (response.Document)
            {
                if (response.Root.ValueKind != JsonValueKind.Object || !response.Root.TryGetProperty(element, out var found) || read(found) is not { } value)
                {
                    throw new MalformedResponseException($"The {operation} response has no {element}.");
                }

                return SourceResult.Found(value);
            }
        }, logger).ConfigureAwait(false);
    }
}

/// <summary>
/// The HTTP client of the S3 and KMS clients: it sends only <c>GetBucketPolicy</c> (<c>GET /?policy</c>) and
/// <c>GetKeyPolicy</c> (<c>TrentService.GetKeyPolicy</c>) and refuses every other request before it leaves the process.
/// </summary>
internal sealed class ReadOnlyHttpClientFactory : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new ReadOnlyHandler(new HttpClientHandler()));

    /// <summary>Whether <paramref name="request"/> is one of the two reads this library sends to S3 or KMS.</summary>
    internal static bool IsAllowed(HttpRequestMessage request)
    {
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
        {
            return request.Method == HttpMethod.Post && targets.SingleOrDefault() == "TrentService.GetKeyPolicy";
        }

        var query = request.RequestUri?.Query.TrimStart('?') ?? string.Empty;
        return request.Method == HttpMethod.Get && query.Split('&').Any(part => part == "policy" || part.StartsWith("policy=", StringComparison.Ordinal));
    }

    private sealed class ReadOnlyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!IsAllowed(request))
            {
                throw new InvalidOperationException(
                    $"{request.Method} {request.RequestUri} is not one of the read-only requests this library may send to S3 or KMS (GetBucketPolicy, GetKeyPolicy).");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
