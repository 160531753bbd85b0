using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace GluePassRole.Diagnostics.Aws.Internal.Protocol;

/// <summary>
/// A small client on the SDK's own pipeline: credentials, SigV4 (re-signed on every retry), retries, endpoint overrides and
/// error parsing all come from AWSSDK.Core; only marshalling is ours.
/// </summary>
internal abstract class LiteServiceClient : AmazonServiceClient
{
    private readonly LiteMetadata _metadata;

    protected LiteServiceClient(AWSCredentials? credentials, LiteClientConfig config)
        : base(credentials!, config)
    {
        _metadata = new LiteMetadata(config.Service.ServiceId);
    }

    protected override IServiceMetadata ServiceMetadata => _metadata;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new LiteEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthResolver());
    }

    protected Task<TResponse> SendAsync<TResponse>(AmazonWebServiceRequest request, IMarshaller<IRequest, AmazonWebServiceRequest> marshaller, ResponseUnmarshaller unmarshaller, CancellationToken cancellationToken)
        where TResponse : AmazonWebServiceResponse, new() =>
        InvokeAsync<TResponse>(request, new InvokeOptions { RequestMarshaller = marshaller, ResponseUnmarshaller = unmarshaller }, cancellationToken);

    private sealed class LiteMetadata(string serviceId) : IServiceMetadata
    {
        public string ServiceId => serviceId;

        public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
    }
}

/// <summary>A small client that knows its service before it exists (the gate names actions like <c>iam:GetRole</c> even when the client cannot be created).</summary>
internal interface ILiteClient
{
    static abstract ServiceDescription Service { get; }
}

/// <summary>IAM over the Query protocol, read-only.</summary>
internal sealed class IamClient : LiteServiceClient, IAmazonService, ILiteClient
{
    private static readonly QueryMarshaller Marshaller = new(ServiceDescription.Iam);

    public IamClient(AWSCredentials? credentials, IamClientConfig config)
        : base(credentials, config)
    {
    }

    public static ServiceDescription Service => ServiceDescription.Iam;

    public static ClientConfig CreateDefaultClientConfig() => new IamClientConfig();

    public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new IamClient(awsCredentials, (IamClientConfig)clientConfig);

    public Task<QueryResponse> CallAsync(QueryRequest request, CancellationToken cancellationToken) =>
        SendAsync<QueryResponse>(request, Marshaller, QueryUnmarshaller.Instance, cancellationToken);
}

/// <summary>Glue over JSON 1.1, read-only.</summary>
internal sealed class GlueClient : LiteServiceClient, IAmazonService, ILiteClient
{
    private static readonly JsonMarshaller Marshaller = new(ServiceDescription.Glue, "AWSGlue", ReadOnlyOperations.Glue);

    public GlueClient(AWSCredentials? credentials, GlueClientConfig config)
        : base(credentials, config)
    {
    }

    public static ServiceDescription Service => ServiceDescription.Glue;

    public static ClientConfig CreateDefaultClientConfig() => new GlueClientConfig();

    public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new GlueClient(awsCredentials, (GlueClientConfig)clientConfig);

    public Task<JsonResponse> CallAsync(JsonRequest request, CancellationToken cancellationToken) =>
        SendAsync<JsonResponse>(request, Marshaller, JsonUnmarshaller.Instance, cancellationToken);
}

/// <summary>Organizations over JSON 1.1, read-only.</summary>
internal sealed class OrganizationsClient : LiteServiceClient, IAmazonService, ILiteClient
{
    private static readonly JsonMarshaller Marshaller = new(ServiceDescription.Organizations, "AWSOrganizationsV20161128", ReadOnlyOperations.Organizations);

    public OrganizationsClient(AWSCredentials? credentials, OrganizationsClientConfig config)
        : base(credentials, config)
    {
    }

    public static ServiceDescription Service => ServiceDescription.Organizations;

    public static ClientConfig CreateDefaultClientConfig() => new OrganizationsClientConfig();

    public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new OrganizationsClient(awsCredentials, (OrganizationsClientConfig)clientConfig);

    public Task<JsonResponse> CallAsync(JsonRequest request, CancellationToken cancellationToken) =>
        SendAsync<JsonResponse>(request, Marshaller, JsonUnmarshaller.Instance, cancellationToken);
}

/// <summary>IAM Identity Center admin (sso-admin) over JSON 1.1, read-only; a request may name the Identity Center Region.</summary>
internal sealed class SsoAdminClient : LiteServiceClient, IAmazonService, ILiteClient
{
    private static readonly JsonMarshaller Marshaller = new(ServiceDescription.SsoAdmin, "SWBExternalService", ReadOnlyOperations.SsoAdmin);

    public SsoAdminClient(AWSCredentials? credentials, SsoAdminClientConfig config)
        : base(credentials, config)
    {
    }

    public static ServiceDescription Service => ServiceDescription.SsoAdmin;

    public static ClientConfig CreateDefaultClientConfig() => new SsoAdminClientConfig();

    public static IAmazonService CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new SsoAdminClient(awsCredentials, (SsoAdminClientConfig)clientConfig);

    public Task<JsonResponse> CallAsync(JsonRequest request, CancellationToken cancellationToken) =>
        SendAsync<JsonResponse>(request, Marshaller, JsonUnmarshaller.Instance, cancellationToken);
}
