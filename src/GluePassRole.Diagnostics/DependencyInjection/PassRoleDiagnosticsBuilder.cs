using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.DependencyInjection;

internal sealed class PassRoleDiagnosticsBuilder(IServiceCollection services, InvestigationPipeline pipeline) : IPassRoleDiagnosticsBuilder
{
    public IServiceCollection Services { get; } = services;

    internal InvestigationPipeline Pipeline { get; } = pipeline;
}

/// <summary>Holds the account snapshot (or, without one, the source that explains there is none) serving the ports by default.</summary>
internal interface IAccountSnapshotHolder
{
    IAccountSource Source { get; }
}
