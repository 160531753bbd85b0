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
        var region = parameters["Region"] as string;
        var fips = parameters["UseFIPS"] as bool? ?? false;
        var dualStack = parameters["UseDualStack"] as bool? ?? false;
        var overridden = parameters["Endpoint"] as string;

        if (!string.IsNullOrEmpty(overridden))
        {
            return Create(overridden, string.IsNullOrEmpty(region) ? "us-east-1" : region);
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
            return Create($"https://{prefix}.{region}.{dnsSuffix}", region);
        }

        var home = service.SigningName == "iam" ? partition.IamHome : partition.OrganizationsHome;
        var host = (service.SigningName, partition.Name) switch
        {
            ("iam", "aws") when !dualStack => fips ? "iam-fips.amazonaws.com" : "iam.amazonaws.com",
            ("iam", "aws-us-gov") when !dualStack => "iam.us-gov.amazonaws.com",
            _ => $"{prefix}.{home}.{dnsSuffix}",
        };
        return Create($"https://{host}", home);
    }

    private Endpoint Create(string url, string signingRegion) => new(
        url,
        string.Create(CultureInfo.InvariantCulture, $$"""{"authSchemes":[{"name":"sigv4","signingName":"{{service.SigningName}}","signingRegion":"{{signingRegion}}"}]}"""),
        null);

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
