using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Iac.Internal.Fixes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GluePassRole.Diagnostics.Iac;

/// <summary>Chooses infrastructure-as-code as the investigation's account source.</summary>
public static class PassRoleDiagnosticsBuilderIacExtensions
{
    /// <summary>Reads the account from IaC (replacing any other account source), on top of the snapshot the options name, if any.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">What to read; loaded on first use.</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder UseIac(this IPassRoleDiagnosticsBuilder builder, IacSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return builder.UseIac(new Lazy<IacAccount>(() => IacAccount.Load(options)));
    }

    /// <summary>Reads the account from loaded IaC (replacing any other account source).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="account">The account.</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder UseIac(this IPassRoleDiagnosticsBuilder builder, IacAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return builder.UseIac(new Lazy<IacAccount>(account));
    }

    private static IPassRoleDiagnosticsBuilder UseIac(this IPassRoleDiagnosticsBuilder builder, Lazy<IacAccount> account)
    {
        builder.UseAccountSource(account);

        // A fix whose target the IaC defines is written as a change to the IaC, not as a command on the account.
        builder.Services.Replace(ServiceDescriptor.Singleton<ITemplateChangeWriter>(_ => new TemplateChanges(account.Value)));

        // The job definitions, buckets, keys, security configurations and connections the IaC defines, for preflight.
        builder.Services.Replace(ServiceDescriptor.Singleton<Preflight.IGlueJobResourceReader>(_ => account.Value));
        return builder;
    }
}
