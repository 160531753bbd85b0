using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Investigation.Steps;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GluePassRole.Diagnostics.DependencyInjection;

/// <summary>Registers the iam:PassRole investigation in a service collection.</summary>
public static class PassRoleDiagnosticsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPassRoleInvestigator"/> with the built-in steps in their default order. Calling it again
    /// changes nothing but the options; a host's own registrations of the ports win.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>A builder to add, remove, replace and order steps and to choose the account source.</returns>
    public static IPassRoleDiagnosticsBuilder AddPassRoleDiagnostics(this IServiceCollection services, Action<PassRoleDiagnosticsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PassRoleDiagnosticsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.FirstOrDefault(d => d.ServiceType == typeof(InvestigationPipeline))?.ImplementationInstance is InvestigationPipeline existing)
        {
            return new PassRoleDiagnosticsBuilder(services, existing);
        }

        options
            .Validate(o => o.SnapshotDirectory is null || Directory.Exists(o.SnapshotDirectory), "PassRoleDiagnosticsOptions.SnapshotDirectory must name an existing folder.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "PassRoleDiagnosticsOptions.Timeout must be positive.")
            .ValidateOnStart();

        var pipeline = new InvestigationPipeline();
        services.AddSingleton(pipeline);
        services.TryAddSingleton<IPassRoleInvestigator, PassRoleInvestigator>();
        services.TryAddScoped<InvestigationRun>();
        services.TryAddSingleton<Audit.IPassRoleAuditor>(Audit.Internal.PassRoleAuditor.Create);
        services.TryAddSingleton<Preflight.IGlueJobPreflight, Preflight.GlueJobPreflight>();
        services.TryAddSingleton<Preflight.IGlueJobResourceReader, Preflight.NoGlueJobResources>();

        // The account source: a snapshot folder from the options, else nothing (every read reports why).
        services.TryAddSingleton<IAccountSnapshotHolder, OptionsSnapshotHolder>();
        services.TryAddSingleton<IAccountIdentitySource>(sp => sp.GetRequiredService<IAccountSnapshotHolder>().Source);
        services.TryAddSingleton<IIamReader>(sp => sp.GetRequiredService<IAccountSnapshotHolder>().Source);
        services.TryAddSingleton<IGlueReader>(sp => sp.GetRequiredService<IAccountSnapshotHolder>().Source);
        services.TryAddSingleton<IOrganizationsReader>(sp => sp.GetRequiredService<IAccountSnapshotHolder>().Source);
        services.TryAddSingleton<IGlueJobDirectory>(sp => sp.GetRequiredService<IAccountSnapshotHolder>().Source);
        services.TryAddSingleton(sp => NoIdentityCenterReader.For(sp.GetRequiredService<IAccountSnapshotHolder>().Source));

        var builder = new PassRoleDiagnosticsBuilder(services, pipeline);
        AddBuiltIn<ParseErrorStep>(builder, InvestigationSteps.ParseError);
        AddBuiltIn<ConfirmAccountStep>(builder, InvestigationSteps.ConfirmAccount);
        AddBuiltIn<ReadGlueJobStep>(builder, InvestigationSteps.ReadGlueJob);
        AddBuiltIn<ReadRoleStep>(builder, InvestigationSteps.ReadRole);
        AddBuiltIn<ResolvePoliciesStep>(builder, InvestigationSteps.ResolvePolicies);
        AddBuiltIn<EvaluatePassRoleStep>(builder, InvestigationSteps.EvaluatePassRole);
        AddBuiltIn<ClassifyCauseStep>(builder, InvestigationSteps.ClassifyCause);
        AddBuiltIn<PlanFixStep>(builder, InvestigationSteps.PlanFix);
        AddBuiltIn<VerifyFixStep>(builder, InvestigationSteps.VerifyFix);
        return builder;
    }

    private static void AddBuiltIn<TStep>(PassRoleDiagnosticsBuilder builder, string name)
        where TStep : class, IInvestigationStep
    {
        builder.Pipeline.Add(name, typeof(TStep));
        PassRoleDiagnosticsBuilderExtensions.Register(builder, typeof(TStep), ServiceLifetime.Transient);
    }

    private sealed class OptionsSnapshotHolder(IOptions<PassRoleDiagnosticsOptions> options) : IAccountSnapshotHolder
    {
        private readonly Lazy<IAccountSource> _source = new(() => options.Value.SnapshotDirectory is { } directory
            ? AccountSnapshot.LoadFromDirectory(directory)
            : new NoAccountSource());

        public IAccountSource Source => _source.Value;
    }
}
