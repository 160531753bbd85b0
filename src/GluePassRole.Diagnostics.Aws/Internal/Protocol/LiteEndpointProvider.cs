using System.Globalization;
using Amazon.Runtime.Endpoints;

namespace GluePassRole.Diagnostics.Aws.Internal.Protocol;

/// <summary>
/// Endpoints for IAM, Glue and Organizations in the commercial, China and GovCloud partitions, with FIPS and dual-stack
/// variants and endpoint overrides (<c>ServiceURL</c>, <c>AWS_ENDPOINT_URL_*</c>).
/// </summary>
/// <remarks>
/// Global services sign for the partition's home region: IAM at <c>iam.amazonaws.com</c> (us-east-1),
/// <c>iam.cn-north-1.amazonaws.com.cn</c> (cn-north-1) and <c>iam.us-gov.amazonaws.com</c> (us-gov-west-1);
/// Organizations at <c>organizations.us-east-1.amazonaws.com</c>, <c>organizations.cn-northwest-1.amazonaws.com.cn</c>
/// and <c>organizations.us-gov-west-1.amazonaws.com</c>. Regional services use <c>{prefix}.{region}.{dnsSuffix}</c>.
/// </remarks>
internal sealed class LiteEndpointProvider(ServiceDescription service) : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (url, signingRegion) = Resolve(
            parameters["Region"] as string, parameters["UseFIPS"] as bool? ?? false, parameters["UseDualStack"] as bool? ?? false, parameters["Endpoint"] as string);
        return new Endpoint(
            url,
            string.Create(CultureInfo.InvariantCulture, $$"""{"authSchemes":[{"name":"sigv4","signingName":"{{service.SigningName}}","signingRegion":"{{signingRegion}}"}]}"""),
            null);
    }

    /// <summary>The URL and the SigV4 signing region.</summary>
    internal (string Url, string SigningRegion) Resolve(string? region, bool fips, bool dualStack, string? overridden)
    {
        if (!string.IsNullOrEmpty(overridden))
        {
            return (overridden, string.IsNullOrEmpty(region) ? "us-east-1" : region);
        }

        if (string.IsNullOrEmpty(region))
        {
            throw new Amazon.Runtime.AmazonClientException($"No AWS region is configured for {service.ServiceId}: set AWS_REGION, a profile region or AWSOptions.Region.");
        }

        var partition = Partition(region);
        var dnsSuffix = dualStack ? partition.DualStackSuffix : partition.DnsSuffix;
        var prefix = fips ? service.EndpointPrefix + "-fips" : service.EndpointPrefix;
        if (!service.Global)
        {
            return ($"https://{prefix}.{region}.{dnsSuffix}", region);
        }

        var home = service.SigningName == "iam" ? partition.IamHome : partition.OrganizationsHome;
        var host = (service.SigningName, partition.Name) switch
        {
            ("iam", "aws") when !dualStack => fips ? "iam-fips.amazonaws.com" : "iam.amazonaws.com",
            ("iam", "aws-us-gov") when !dualStack => "iam.us-gov.amazonaws.com",
            _ => $"{prefix}.{home}.{dnsSuffix}",
        };
        return ($"https://{host}", home);
    }

    private static PartitionInfo Partition(string region)
    {
        if (region.StartsWith("cn-", StringComparison.Ordinal))
        {
            return new("aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", "cn-north-1", "cn-northwest-1");
        }

        if (region.StartsWith("us-gov-", StringComparison.Ordinal))
        {
            return new("aws-us-gov", "amazonaws.com", "api.aws", "us-gov-west-1", "us-gov-west-1");
        }

        return new("aws", "amazonaws.com", "api.aws", "us-east-1", "us-east-1");
    }

    private sealed record PartitionInfo(string Name, string DnsSuffix, string DualStackSuffix, string IamHome, string OrganizationsHome);
}
