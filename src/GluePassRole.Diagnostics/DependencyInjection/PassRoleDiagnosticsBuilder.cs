using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GluePassRole.Diagnostics.DependencyInjection;

internal sealed class PassRoleDiagnosticsBuilder(IServiceCollection services, InvestigationStepRegistry registry) : IPassRoleDiagnosticsBuilder
{
    public IServiceCollection Services { get; } = services;

    internal InvestigationStepRegistry Registry { get; } = registry;

    internal PassRoleDiagnosticsBuilder AddStep<TStep>(string? name)
        where TStep : class, IInvestigationStep
    {
        Services.TryAddTransient<TStep>();
        Registry.Add(name, typeof(TStep));
        return this;
    }
}

/// <summary>Holds the account snapshot (or, without one, the source that explains there is none) serving the ports by default.</summary>
internal interface IAccountSnapshotHolder
{
    IAccountSource Source { get; }
}
