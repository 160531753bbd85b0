using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.DependencyInjection;

/// <summary>Configures the investigation registered by <see cref="PassRoleDiagnosticsServiceCollectionExtensions.AddPassRoleDiagnostics"/>.</summary>
public interface IPassRoleDiagnosticsBuilder
{
    /// <summary>The service collection the investigation is registered in.</summary>
    IServiceCollection Services { get; }
}
