using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Sources;
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
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IAccountIdentitySource>(_ => account.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IIamReader>(_ => account.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IGlueReader>(_ => account.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IOrganizationsReader>(_ => account.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IGlueJobDirectory>(_ => account.Value));
        return builder;
    }
}
