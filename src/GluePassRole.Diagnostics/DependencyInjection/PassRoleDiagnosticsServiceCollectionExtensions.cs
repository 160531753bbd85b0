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

        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(InvestigationStepRegistry))?.ImplementationInstance;
        if (existing is InvestigationStepRegistry registry)
        {
            return new PassRoleDiagnosticsBuilder(services, registry);
        }

        options.Validate(
            o => o.SnapshotDirectory is null || Directory.Exists(o.SnapshotDirectory),
            "PassRoleDiagnosticsOptions.SnapshotDirectory must name an existing folder.").ValidateOnStart();

        registry = new InvestigationStepRegistry();
        services.AddSingleton(registry);
        services.TryAddSingleton<IPassRoleInvestigator, PassRoleInvestigator>();
        services.TryAddSingleton<Audit.IPassRoleAuditor>(Audit.Internal.PassRoleAuditor.Create);

        // The account source: a snapshot folder from the options, else nothing (every read reports why).
        services.TryAddSingleton<IAccountSnapshotHolder, OptionsSnapshotHolder>();
        services.TryAddSingleton<IAccountIdentitySource>(sp => sp.GetRequiredService<IAccountSnapshotHolder>().Source);
        services.TryAddSingleton<IIamReader>(sp => sp.GetRequiredService<IAccountSnapshotHolder>().Source);
        services.TryAddSingleton<IGlueReader>(sp => sp.GetRequiredService<IAccountSnapshotHolder>().Source);
        services.TryAddSingleton<IOrganizationsReader>(sp => sp.GetRequiredService<IAccountSnapshotHolder>().Source);

        var builder = new PassRoleDiagnosticsBuilder(services, registry);
        builder.AddStep<ParseErrorStep>(InvestigationSteps.ParseError)
            .AddStep<ConfirmAccountStep>(InvestigationSteps.ConfirmAccount)
            .AddStep<ReadGlueJobStep>(InvestigationSteps.ReadGlueJob)
            .AddStep<ReadRoleStep>(InvestigationSteps.ReadRole)
            .AddStep<ResolvePoliciesStep>(InvestigationSteps.ResolvePolicies)
            .AddStep<EvaluatePassRoleStep>(InvestigationSteps.EvaluatePassRole)
            .AddStep<ClassifyCauseStep>(InvestigationSteps.ClassifyCause)
            .AddStep<PlanFixStep>(InvestigationSteps.PlanFix)
            .AddStep<VerifyFixStep>(InvestigationSteps.VerifyFix);
        return builder;
    }

    private sealed class OptionsSnapshotHolder(IOptions<PassRoleDiagnosticsOptions> options) : IAccountSnapshotHolder
    {
        private readonly Lazy<IAccountSource> _source = new(() => options.Value.SnapshotDirectory is { } directory
            ? AccountSnapshot.LoadFromDirectory(directory)
            : new NoAccountSource());

        public IAccountSource Source => _source.Value;
    }
}
