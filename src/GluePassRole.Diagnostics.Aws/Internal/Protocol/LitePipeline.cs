using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal.Auth;

namespace GluePassRole.Diagnostics.Aws.Internal.Protocol;

/// <summary>Feeds region, FIPS, dual-stack and endpoint override into <see cref="LiteEndpointProvider"/>.</summary>
internal sealed class LiteEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
    {
        ArgumentNullException.ThrowIfNull(requestContext);
        var config = requestContext.ClientConfig;
        var parameters = new EndpointParameters();
        parameters["Region"] = requestContext.Request.AlternateEndpoint?.SystemName ?? config.RegionEndpoint?.SystemName;
        parameters["UseFIPS"] = config.UseFIPSEndpoint;
        parameters["UseDualStack"] = config.UseDualstackEndpoint;
        parameters["Endpoint"] = config.ServiceURL;
        return parameters;
    }
}

/// <summary>Every request is signed with SigV4.</summary>
internal sealed class SigV4AuthResolver : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => AuthSchemeOption.DEFAULT_SIGV4;
}
