using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace GluePassRole.Diagnostics.Aws.Internal.Protocol;

/// <summary>The SDK client configuration of one of the library's small clients (region, profile, retries, endpoint).</summary>
internal abstract class LiteClientConfig : ClientConfig
{
    private static readonly IDefaultConfiguration[] Defaults =
    [
        new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard },
        new DefaultConfiguration { Name = DefaultConfigurationMode.InRegion, RetryMode = RequestRetryMode.Standard },
        new DefaultConfiguration { Name = DefaultConfigurationMode.CrossRegion, RetryMode = RequestRetryMode.Standard },
        new DefaultConfiguration { Name = DefaultConfigurationMode.Mobile, RetryMode = RequestRetryMode.Standard },
        new DefaultConfiguration { Name = DefaultConfigurationMode.Auto, RetryMode = RequestRetryMode.Standard },
    ];

    protected LiteClientConfig(ServiceDescription service)
        : base(new DefaultConfigurationProvider(Defaults))
    {
        Service = service;
        ServiceId = service.ServiceId;
        AuthenticationServiceName = service.SigningName;
        EndpointProvider = new LiteEndpointProvider(service);
    }

    public ServiceDescription Service { get; }

    public override string RegionEndpointServiceName => Service.EndpointPrefix;

    public override string ServiceVersion => Service.ApiVersion;

    public override string UserAgent => "GluePassRole.Diagnostics";

    /// <summary>
    /// The URL a request to <paramref name="region"/> (else the client's Region) goes to, as the pipeline resolves it, or
    /// <see langword="null"/> when it cannot be resolved (no Region: the call then fails as not sent).
    /// </summary>
    public string? EndpointUrl(string? region)
    {
        try
        {
            return new LiteEndpointProvider(Service).Resolve(region ?? RegionEndpoint?.SystemName, UseFIPSEndpoint, UseDualstackEndpoint, ServiceURL).Url;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var endpointParameters = new EndpointParameters();
        endpointParameters["Region"] = parameters.AlternateEndpoint?.SystemName ?? RegionEndpoint?.SystemName;
        endpointParameters["UseFIPS"] = UseFIPSEndpoint;
        endpointParameters["UseDualStack"] = UseDualstackEndpoint;
        endpointParameters["Endpoint"] = ServiceURL;
        return EndpointProvider.ResolveEndpoint(endpointParameters);
    }
}

/// <summary>Configuration of the IAM client.</summary>
internal sealed class IamClientConfig() : LiteClientConfig(ServiceDescription.Iam);

/// <summary>Configuration of the Glue client.</summary>
internal sealed class GlueClientConfig() : LiteClientConfig(ServiceDescription.Glue);

/// <summary>Configuration of the Organizations client.</summary>
internal sealed class OrganizationsClientConfig() : LiteClientConfig(ServiceDescription.Organizations);

/// <summary>Configuration of the IAM Identity Center admin client.</summary>
internal sealed class SsoAdminClientConfig() : LiteClientConfig(ServiceDescription.SsoAdmin);
