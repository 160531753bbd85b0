using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GluePassRole.Diagnostics.DependencyInjection;

/// <summary>Adds, removes, replaces and orders investigation steps, and chooses the account source.</summary>
public static class PassRoleDiagnosticsBuilderExtensions
{
    /// <summary>Adds a step at the end (after the fix is verified). Adding the same step type twice changes nothing.</summary>
    /// <typeparam name="TStep">The step; resolved from the container, so it can take services in its constructor.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder AddStep<TStep>(this IPassRoleDiagnosticsBuilder builder)
        where TStep : class, IInvestigationStep
    {
        var registry = Registry(builder);
        builder.Services.TryAddTransient<TStep>();
        registry.Add(null, typeof(TStep));
        return builder;
    }

    /// <summary>Inserts a step before a built-in step (see <see cref="InvestigationSteps"/>), or at the end when there is none of that name.</summary>
    /// <typeparam name="TStep">The step.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="stepName">The built-in step to insert before.</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder InsertStepBefore<TStep>(this IPassRoleDiagnosticsBuilder builder, string stepName)
        where TStep : class, IInvestigationStep
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        builder.Services.TryAddTransient<TStep>();
        Registry(builder).Insert(stepName, null, typeof(TStep));
        return builder;
    }

    /// <summary>Inserts a step after a built-in step (see <see cref="InvestigationSteps"/>), or at the end when there is none of that name.</summary>
    /// <typeparam name="TStep">The step.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="stepName">The built-in step to insert after.</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder InsertStepAfter<TStep>(this IPassRoleDiagnosticsBuilder builder, string stepName)
        where TStep : class, IInvestigationStep
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        builder.Services.TryAddTransient<TStep>();
        Registry(builder).InsertAfter(stepName, null, typeof(TStep));
        return builder;
    }

    /// <summary>Replaces a built-in step with your own, in the same position.</summary>
    /// <typeparam name="TStep">The replacement.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="stepName">The built-in step to replace (see <see cref="InvestigationSteps"/>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">No step has that name.</exception>
    public static IPassRoleDiagnosticsBuilder ReplaceStep<TStep>(this IPassRoleDiagnosticsBuilder builder, string stepName)
        where TStep : class, IInvestigationStep
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        builder.Services.TryAddTransient<TStep>();
        if (!Registry(builder).Replace(stepName, typeof(TStep)))
        {
            throw new ArgumentException($"No investigation step is named '{stepName}'.", nameof(stepName));
        }

        return builder;
    }

    /// <summary>Removes a built-in step.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="stepName">The step to remove (see <see cref="InvestigationSteps"/>).</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder RemoveStep(this IPassRoleDiagnosticsBuilder builder, string stepName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        Registry(builder).Remove(stepName);
        return builder;
    }

    /// <summary>Removes a step you added, by type.</summary>
    /// <typeparam name="TStep">The step type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder RemoveStep<TStep>(this IPassRoleDiagnosticsBuilder builder)
        where TStep : class, IInvestigationStep
    {
        Registry(builder).RemoveType(typeof(TStep));
        return builder;
    }

    /// <summary>Reads the account from an offline snapshot folder (replacing any other account source).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="directory">The snapshot folder (see the README's snapshot layout).</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder UseSnapshot(this IPassRoleDiagnosticsBuilder builder, string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var snapshot = new Lazy<AccountSnapshot>(() => AccountSnapshot.LoadFromDirectory(directory));
        return builder.UseSnapshot(snapshot);
    }

    /// <summary>Reads the account from a loaded snapshot (replacing any other account source).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder UseSnapshot(this IPassRoleDiagnosticsBuilder builder, AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return builder.UseSnapshot(new Lazy<AccountSnapshot>(snapshot));
    }

    private static IPassRoleDiagnosticsBuilder UseSnapshot(this IPassRoleDiagnosticsBuilder builder, Lazy<AccountSnapshot> snapshot)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IAccountIdentitySource>(_ => snapshot.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IIamReader>(_ => snapshot.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IGlueReader>(_ => snapshot.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IOrganizationsReader>(_ => snapshot.Value));
        return builder;
    }

    private static InvestigationStepRegistry Registry(IPassRoleDiagnosticsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.FirstOrDefault(d => d.ServiceType == typeof(InvestigationStepRegistry))?.ImplementationInstance as InvestigationStepRegistry
            ?? throw new InvalidOperationException("Call AddPassRoleDiagnostics() before configuring its steps.");
    }
}
