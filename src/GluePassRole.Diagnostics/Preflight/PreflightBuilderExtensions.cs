using GluePassRole.Diagnostics.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GluePassRole.Diagnostics.Preflight;

/// <summary>Chooses where <see cref="IGlueJobPreflight"/> reads a job's definition and its resource policies.</summary>
public static class PreflightBuilderExtensions
{
    /// <summary>Reads the job resources from <paramref name="reader"/> (replacing any other source of them).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="reader">The reader, e.g. <see cref="Sources.Snapshot.GlueJobResourceSnapshot"/>.</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder UseGlueJobResources(this IPassRoleDiagnosticsBuilder builder, IGlueJobResourceReader reader)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(reader);
        builder.Services.Replace(ServiceDescriptor.Singleton(reader));
        return builder;
    }
}
