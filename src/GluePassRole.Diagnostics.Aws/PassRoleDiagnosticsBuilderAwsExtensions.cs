using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GluePassRole.Diagnostics.Aws;

/// <summary>Chooses the live AWS account as the investigation's source.</summary>
public static class PassRoleDiagnosticsBuilderAwsExtensions
{
    /// <summary>
    /// Reads the account live from AWS (STS, IAM, Glue, Organizations, IAM Identity Center), replacing any other account source such as a
    /// snapshot, and adds the step that asks IAM's policy simulator the same question (simulator-cross-check) after the built-in steps. Credentials and region follow the AWS SDK conventions (see
    /// <see cref="PassRoleDiagnosticsAwsServiceCollectionExtensions.AddPassRoleDiagnosticsAws"/>). Read-only.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPassRoleDiagnostics()</c>.</param>
    /// <param name="configure">Configures the AWS options (profile, region, read strategy).</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder UseAws(this IPassRoleDiagnosticsBuilder builder, Action<PassRoleDiagnosticsAwsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<IAccountIdentitySource>();
        builder.Services.RemoveAll<IIamReader>();
        builder.Services.RemoveAll<IGlueReader>();
        builder.Services.RemoveAll<IOrganizationsReader>();
        builder.Services.RemoveAll<IIdentityCenterReader>();
        builder.Services.RemoveAll<Preflight.IGlueJobResourceReader>();
        builder.Services.AddPassRoleDiagnosticsAws(configure);

        // The field note's last check, live only: IAM's own simulator beside the local verdict.
        return builder.AddStep<Investigation.SimulatorCrossCheckStep>();
    }
}
