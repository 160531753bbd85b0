using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;

namespace GluePassRole.Diagnostics.Aws.Tests.Internal;

/// <summary>The S3 and KMS clients send GetBucketPolicy and GetKeyPolicy and nothing else; Glue adds two reads for preflight.</summary>
public sealed class ReadOnlyHttpClientFactoryTests
{
    [Theory]
    [InlineData("GET", "https://example-etl-temp.s3.amazonaws.com/?policy", null, true)]
    [InlineData("GET", "http://127.0.0.1:5000/example-etl-temp?policy", null, true)]
    [InlineData("POST", "https://kms.us-east-1.amazonaws.com/", "TrentService.GetKeyPolicy", true)]
    [InlineData("PUT", "https://example-etl-temp.s3.amazonaws.com/?policy", null, false)]
    [InlineData("DELETE", "https://example-etl-temp.s3.amazonaws.com/?policy", null, false)]
    [InlineData("GET", "https://example-etl-temp.s3.amazonaws.com/nightly-etl.py", null, false)]
    [InlineData("POST", "https://kms.us-east-1.amazonaws.com/", "TrentService.PutKeyPolicy", false)]
    [InlineData("POST", "https://kms.us-east-1.amazonaws.com/", "TrentService.Decrypt", false)]
    public void IsAllowed_OnlyThePolicyReads(string method, string uri, string? target, bool allowed)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (target is not null)
        {
            request.Headers.Add("X-Amz-Target", target);
        }

        Assert.Equal(allowed, ReadOnlyHttpClientFactory.IsAllowed(request));
    }

    [Fact]
    public void Glue_ReadsTheSecurityConfigurationAndConnectionsButNoWrite()
    {
        Assert.Contains("GetSecurityConfiguration", (IReadOnlySet<string>)ReadOnlyOperations.Glue);
        Assert.Contains("GetConnection", (IReadOnlySet<string>)ReadOnlyOperations.Glue);
        Assert.DoesNotContain(ReadOnlyOperations.Glue, o => !o.StartsWith("Get", StringComparison.Ordinal) && !o.StartsWith("List", StringComparison.Ordinal));
    }
}
