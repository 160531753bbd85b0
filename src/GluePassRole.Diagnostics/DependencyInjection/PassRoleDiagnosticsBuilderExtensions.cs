using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GluePassRole.Diagnostics.DependencyInjection;

/// <summary>
/// Adds, removes, replaces and orders investigation steps, adds observers, and chooses the account source. Steps are
/// registered as <see cref="IInvestigationStep"/> services (<c>TryAddEnumerable</c>) with any lifetime, and injected
/// once per investigation, which runs in its own scope. The steps cannot change once an investigator was created.
/// </summary>
public static class PassRoleDiagnosticsBuilderExtensions
{
    /// <summary>Adds a step at the end (after the fix is verified). Adding the same step type twice changes nothing.</summary>
    /// <typeparam name="TStep">The step; resolved from the container, so it can take services in its constructor.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="lifetime">The step's lifetime; scoped steps get new instances per investigation.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">An investigator was already created from the provider.</exception>
    public static IPassRoleDiagnosticsBuilder AddStep<TStep>(this IPassRoleDiagnosticsBuilder builder, ServiceLifetime lifetime = ServiceLifetime.Transient)
        where TStep : class, IInvestigationStep
    {
        Pipeline(builder).Add(null, typeof(TStep));
        Register(builder, typeof(TStep), lifetime);
        return builder;
    }

    /// <summary>Inserts a step before a built-in step (see <see cref="InvestigationSteps"/>), or at the end when there is none of that name.</summary>
    /// <typeparam name="TStep">The step.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="stepName">The built-in step to insert before.</param>
    /// <param name="lifetime">The step's lifetime.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">An investigator was already created from the provider.</exception>
    public static IPassRoleDiagnosticsBuilder InsertStepBefore<TStep>(this IPassRoleDiagnosticsBuilder builder, string stepName, ServiceLifetime lifetime = ServiceLifetime.Transient)
        where TStep : class, IInvestigationStep
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        Pipeline(builder).Insert(stepName, after: false, typeof(TStep));
        Register(builder, typeof(TStep), lifetime);
        return builder;
    }

    /// <summary>Inserts a step after a built-in step (see <see cref="InvestigationSteps"/>), or at the end when there is none of that name.</summary>
    /// <typeparam name="TStep">The step.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="stepName">The built-in step to insert after.</param>
    /// <param name="lifetime">The step's lifetime.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">An investigator was already created from the provider.</exception>
    public static IPassRoleDiagnosticsBuilder InsertStepAfter<TStep>(this IPassRoleDiagnosticsBuilder builder, string stepName, ServiceLifetime lifetime = ServiceLifetime.Transient)
        where TStep : class, IInvestigationStep
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        Pipeline(builder).Insert(stepName, after: true, typeof(TStep));
        Register(builder, typeof(TStep), lifetime);
        return builder;
    }

    /// <summary>Replaces a built-in step with your own, in the same position.</summary>
    /// <typeparam name="TStep">The replacement.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="stepName">The built-in step to replace (see <see cref="InvestigationSteps"/>).</param>
    /// <param name="lifetime">The replacement's lifetime.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">No step has that name.</exception>
    /// <exception cref="InvalidOperationException">An investigator was already created from the provider.</exception>
    public static IPassRoleDiagnosticsBuilder ReplaceStep<TStep>(this IPassRoleDiagnosticsBuilder builder, string stepName, ServiceLifetime lifetime = ServiceLifetime.Transient)
        where TStep : class, IInvestigationStep
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        var replaced = Pipeline(builder).Replace(stepName, typeof(TStep))
            ?? throw new ArgumentException($"No investigation step is named '{stepName}'.", nameof(stepName));
        Unregister(builder, replaced);
        Register(builder, typeof(TStep), lifetime);
        return builder;
    }

    /// <summary>Removes a built-in step.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="stepName">The step to remove (see <see cref="InvestigationSteps"/>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">An investigator was already created from the provider.</exception>
    public static IPassRoleDiagnosticsBuilder RemoveStep(this IPassRoleDiagnosticsBuilder builder, string stepName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        if (Pipeline(builder).Remove(stepName) is { } removed)
        {
            Unregister(builder, removed);
        }

        return builder;
    }

    /// <summary>Removes a step you added, by type.</summary>
    /// <typeparam name="TStep">The step type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">An investigator was already created from the provider.</exception>
    public static IPassRoleDiagnosticsBuilder RemoveStep<TStep>(this IPassRoleDiagnosticsBuilder builder)
        where TStep : class, IInvestigationStep
    {
        Pipeline(builder).RemoveType(typeof(TStep));
        Unregister(builder, typeof(TStep));
        return builder;
    }

    /// <summary>Adds an observer of the investigation's progress (e.g. a progress display). Adding the same type twice changes nothing.</summary>
    /// <typeparam name="TObserver">The observer.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder AddObserver<TObserver>(this IPassRoleDiagnosticsBuilder builder)
        where TObserver : class, IInvestigationObserver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IInvestigationObserver, TObserver>());
        return builder;
    }

    /// <summary>Adds an observer instance of the investigation's progress.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="observer">The observer.</param>
    /// <returns>The builder.</returns>
    public static IPassRoleDiagnosticsBuilder AddObserver(this IPassRoleDiagnosticsBuilder builder, IInvestigationObserver observer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(observer);
        builder.Services.AddSingleton(observer);
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

    private static IPassRoleDiagnosticsBuilder UseSnapshot(this IPassRoleDiagnosticsBuilder builder, Lazy<AccountSnapshot> snapshot) =>
        builder.UseAccountSource(snapshot);

    /// <summary>
    /// Serves every read-only port from one offline account (a snapshot, the account IaC would create), replacing any
    /// other source. Loaded on first use.
    /// </summary>
    internal static IPassRoleDiagnosticsBuilder UseAccountSource<TSource>(this IPassRoleDiagnosticsBuilder builder, Lazy<TSource> source)
        where TSource : class, IAccountIdentitySource, IIamReader, IGlueReader, IOrganizationsReader, IGlueJobDirectory
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IAccountIdentitySource>(_ => source.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IIamReader>(_ => source.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IGlueReader>(_ => source.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IOrganizationsReader>(_ => source.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IGlueJobDirectory>(_ => source.Value));
        builder.Services.Replace(ServiceDescriptor.Singleton(_ => NoIdentityCenterReader.For(source.Value)));

        // Fixes are written as template changes only for the IaC source, which registers its writer after this.
        builder.Services.RemoveAll<ITemplateChangeWriter>();
        return builder;
    }

    internal static void Register(IPassRoleDiagnosticsBuilder builder, Type step, ServiceLifetime lifetime) =>
        builder.Services.TryAddEnumerable(ServiceDescriptor.Describe(typeof(IInvestigationStep), step, lifetime));

    private static void Unregister(IPassRoleDiagnosticsBuilder builder, Type step)
    {
        var descriptors = builder.Services.Where(d => d.ServiceType == typeof(IInvestigationStep) && d.ImplementationType == step).ToList();
        foreach (var descriptor in descriptors)
        {
            builder.Services.Remove(descriptor);
        }
    }

    private static InvestigationPipeline Pipeline(IPassRoleDiagnosticsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder is PassRoleDiagnosticsBuilder known
            ? known.Pipeline
            : builder.Services.FirstOrDefault(d => d.ServiceType == typeof(InvestigationPipeline))?.ImplementationInstance as InvestigationPipeline
                ?? throw new InvalidOperationException("Call AddPassRoleDiagnostics() before configuring its steps.");
    }
}
