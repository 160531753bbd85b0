using Amazon.Extensions.NETCore.Setup;
using Amazon.SecurityToken;
using GluePassRole.Diagnostics.Aws.Internal;
using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using GluePassRole.Diagnostics.Aws.Simulation;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GluePassRole.Diagnostics.Aws;

/// <summary>Registers the live AWS sources.</summary>
public static class PassRoleDiagnosticsAwsServiceCollectionExtensions
{
    /// <summary>
    /// Registers live implementations of <see cref="IAccountIdentitySource"/> (STS), <see cref="IIamReader"/> (IAM),
    /// <see cref="IGlueReader"/> (Glue), <see cref="IOrganizationsReader"/> (Organizations),
    /// <see cref="IIdentityCenterReader"/> (IAM Identity Center, <c>sso-admin</c>),
    /// <see cref="IAuthorizationMessageDecoder"/> (STS) and IAM's policy simulator. All are read-only.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// <para>
    /// Every registration uses <c>TryAdd</c>: a source the host registered first (for example an offline
    /// <c>AccountSnapshot</c>) wins, and calling this twice changes nothing.
    /// </para>
    /// <para>
    /// Credentials and region follow the AWS SDK conventions: <see cref="PassRoleDiagnosticsAwsOptions.Aws"/>, else an
    /// <see cref="AWSOptions"/> registered in the container (<c>services.AddDefaultAWSOptions(...)</c>), else the SDK's
    /// default chain. An <see cref="IAmazonSecurityTokenService"/> registered in the container is used for STS. Clients
    /// are created on first use, so missing credentials surface as an unreadable answer naming the cause.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddPassRoleDiagnosticsAws(this IServiceCollection services, Action<PassRoleDiagnosticsAwsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PassRoleDiagnosticsAwsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.MaxConcurrentRequests is >= 1 and <= 64, "MaxConcurrentRequests must be between 1 and 64.")
            .Validate(o => o.CacheDuration > TimeSpan.Zero, "CacheDuration must be positive.")
            .Validate(o => o.CallTimeout > TimeSpan.Zero || o.CallTimeout == Timeout.InfiniteTimeSpan, "CallTimeout must be positive or Timeout.InfiniteTimeSpan.");

        services.TryAddSingleton(TimeProvider.System);

        // One circuit per endpoint per container (in the CLI, per run): not static, so two containers are independent.
        services.TryAddSingleton(sp => new EndpointCircuits(sp.GetRequiredService<TimeProvider>(), Logger<EndpointCircuits>(sp)));
        services.TryAddSingleton(sp => Gate(sp, static aws => aws.CreateServiceClient<IamClient>()));
        services.TryAddSingleton(sp => Gate(sp, static aws => aws.CreateServiceClient<GlueClient>()));
        services.TryAddSingleton(sp => Gate(sp, static aws => aws.CreateServiceClient<OrganizationsClient>()));
        services.TryAddSingleton(sp => Gate(sp, static aws => aws.CreateServiceClient<SsoAdminClient>()));

        services.TryAddSingleton<IAccountIdentitySource>(sp => new StsIdentitySource(
            Sts(sp), Options(sp), sp.GetRequiredService<TimeProvider>(), Logger<StsIdentitySource>(sp), sp.GetRequiredService<EndpointCircuits>()));
        services.TryAddSingleton<IAuthorizationMessageDecoder>(sp => new StsAuthorizationMessageDecoder(
            Sts(sp), Options(sp), sp.GetRequiredService<TimeProvider>(), Logger<StsAuthorizationMessageDecoder>(sp), sp.GetRequiredService<EndpointCircuits>()));
        services.TryAddSingleton<IIamReader>(sp => new LiveIamReader(
            sp.GetRequiredService<AwsCallGate<IamClient>>(), Options(sp), sp.GetRequiredService<TimeProvider>(), Logger<LiveIamReader>(sp)));
        services.TryAddSingleton<IIamInventoryReader>(sp => new LiveIamInventoryReader(sp.GetRequiredService<AwsCallGate<IamClient>>(), Logger<LiveIamInventoryReader>(sp)));
        services.TryAddSingleton<IGlueReader>(sp => new LiveGlueReader(sp.GetRequiredService<AwsCallGate<GlueClient>>(), Logger<LiveGlueReader>(sp)));
        services.TryAddSingleton<IOrganizationsReader>(sp => new LiveOrganizationsReader(
            sp.GetRequiredService<AwsCallGate<OrganizationsClient>>(), Logger<LiveOrganizationsReader>(sp)));
        services.TryAddSingleton<IIdentityCenterReader>(sp => new LiveIdentityCenterReader(
            sp.GetRequiredService<AwsCallGate<SsoAdminClient>>(), Logger<LiveIdentityCenterReader>(sp)));
        services.TryAddSingleton<Preflight.IGlueJobResourceReader>(sp => new LiveGlueJobResources(
            sp.GetRequiredService<AwsCallGate<GlueClient>>(),
            new(() => ReadOnly(sp.GetService<Amazon.S3.IAmazonS3>() ?? AwsOptions(sp).CreateServiceClient<Amazon.S3.IAmazonS3>())),
            new(() => ReadOnly(sp.GetService<Amazon.KeyManagementService.IAmazonKeyManagementService>() ?? AwsOptions(sp).CreateServiceClient<Amazon.KeyManagementService.IAmazonKeyManagementService>())),
            Logger<LiveGlueJobResources>(sp)));
        services.TryAddSingleton<IIamPolicySimulator>(sp => new IamPolicySimulator(sp.GetRequiredService<AwsCallGate<IamClient>>(), Logger<IamPolicySimulator>(sp)));
        return services;
    }

    /// <summary>An SDK client that can send only the reads this library makes (<see cref="ReadOnlyHttpClientFactory"/>).</summary>
    private static T ReadOnly<T>(T client)
        where T : Amazon.Runtime.IAmazonService
    {
        if (client.Config is Amazon.Runtime.ClientConfig config)
        {
            config.HttpClientFactory = new ReadOnlyHttpClientFactory();
        }

        return client;
    }

    private static PassRoleDiagnosticsAwsOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<PassRoleDiagnosticsAwsOptions>>().Value;

    /// <summary>The STS client, created on first use: the container's when registered, else one from the AWS options.</summary>
    private static Lazy<IAmazonSecurityTokenService> Sts(IServiceProvider services) =>
        new(() => services.GetService<IAmazonSecurityTokenService>() ?? AwsOptions(services).CreateServiceClient<IAmazonSecurityTokenService>());

    private static AWSOptions AwsOptions(IServiceProvider services) =>
        Options(services).Aws ?? services.GetService<AWSOptions>() ?? new AWSOptions();

    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;

    private static AwsCallGate<TClient> Gate<TClient>(IServiceProvider services, Func<AWSOptions, TClient> create)
        where TClient : LiteServiceClient, ILiteClient =>
        new(() => create(AwsOptions(services)), Options(services), services.GetRequiredService<TimeProvider>(), Logger<AwsCallGate<TClient>>(services), services.GetRequiredService<EndpointCircuits>());
}
