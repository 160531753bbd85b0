using Amazon.Runtime.Endpoints;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Aws.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Aws.Tests.Internal.Protocol;

[Collection(ProcessEnvironment.Name)]
public sealed class LiteEndpointProviderTests
{
    private static Endpoint Resolve(ServiceDescription service, string? region, bool fips = false, string? endpoint = null)
    {
        var parameters = new EndpointParameters();
        parameters["Region"] = region;
        parameters["UseFIPS"] = fips;
        parameters["UseDualStack"] = false;
        parameters["Endpoint"] = endpoint;
        return new LiteEndpointProvider(service).ResolveEndpoint(parameters);
    }

    [Theory]
    [InlineData("us-east-1", false, "https://iam.amazonaws.com", "us-east-1")]
    [InlineData("eu-west-1", false, "https://iam.amazonaws.com", "us-east-1")]
    [InlineData("us-east-1", true, "https://iam-fips.amazonaws.com", "us-east-1")]
    [InlineData("cn-north-1", false, "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1")]
    [InlineData("cn-northwest-1", false, "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1")]
    [InlineData("us-gov-west-1", false, "https://iam.us-gov.amazonaws.com", "us-gov-west-1")]
    public void ResolveEndpoint_Iam_UsesPartitionGlobalEndpoint(string region, bool fips, string url, string signingRegion)
    {
        Assert.Equal(url, Resolve(ServiceDescription.Iam, region, fips).URL);
        Assert.Equal((url, signingRegion), new LiteEndpointProvider(ServiceDescription.Iam).Resolve(region, fips, dualStack: false, overridden: null));
    }

    [Theory]
    [InlineData("eu-west-1", false, "https://glue.eu-west-1.amazonaws.com")]
    [InlineData("us-east-2", true, "https://glue-fips.us-east-2.amazonaws.com")]
    [InlineData("cn-north-1", false, "https://glue.cn-north-1.amazonaws.com.cn")]
    public void ResolveEndpoint_Glue_IsRegional(string region, bool fips, string url) =>
        Assert.Equal(url, Resolve(ServiceDescription.Glue, region, fips).URL);

    [Theory]
    [InlineData("eu-central-1", "https://organizations.us-east-1.amazonaws.com")]
    [InlineData("cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com")]
    public void ResolveEndpoint_Organizations_UsesPartitionHome(string region, string url) =>
        Assert.Equal(url, Resolve(ServiceDescription.Organizations, region).URL);

    [Fact]
    public void ResolveEndpoint_Override_WinsOverRegion() =>
        Assert.Equal("http://127.0.0.1:4566/", Resolve(ServiceDescription.Iam, "eu-west-1", endpoint: "http://127.0.0.1:4566/").URL);

    [Fact]
    public async Task IamClient_AwsEndpointUrlIam_IsHonoured()
    {
        using var server = new TestUtilities.LoopbackAwsServer(r => TestUtilities.FakeIamAccount.Ok(r.Operation, "<Role><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/r</Arn></Role>"));
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_IAM", server.Url);
        try
        {
            using var client = new IamClient(new Amazon.Runtime.BasicAWSCredentials(TestUtilities.LoopbackAwsServer.AccessKey, TestUtilities.LoopbackAwsServer.SecretKey), new IamClientConfig { RegionEndpoint = Amazon.RegionEndpoint.EUWest1 });

            await client.CallAsync(new QueryRequest("GetRole").With("RoleName", "r"), CancellationToken.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_IAM", null);
        }

        var request = Assert.Single(server.Requests);
        Assert.True(request.SignatureValid, request.SignatureProblem);
    }
}
