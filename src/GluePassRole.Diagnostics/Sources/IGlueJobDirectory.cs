namespace GluePassRole.Diagnostics.Sources;

/// <summary>
/// The Glue jobs a source holds, for a request that names no job: an offline snapshot knows the jobs saved into it. A
/// source that cannot list its jobs cheaply (a live account) need not implement it; the job check then asks for a name.
/// </summary>
public interface IGlueJobDirectory
{
    /// <summary>Lists the Glue jobs the source holds.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The jobs, or why they could not be listed.</returns>
    ValueTask<SourceResult<IReadOnlyList<GlueResource>>> ListJobsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every Glue resource the source holds that runs as a role: jobs, crawlers, interactive sessions, dev endpoints
    /// and ML transforms. Each was saved by a call that passed its role, so the role is in use (the audit does not call it
    /// dead). A source that knows only its jobs need not implement it: its jobs are listed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The resources, or why they could not be listed.</returns>
    ValueTask<SourceResult<IReadOnlyList<GlueResource>>> ListResourcesAsync(CancellationToken cancellationToken = default) => ListJobsAsync(cancellationToken);

    /// <summary>
    /// The kinds of Glue resource that <see cref="ListResourcesAsync"/> does not list although the source may hold them
    /// (a live account whose listing skips a kind). The audit then reports a role dead only beside an unknown naming these
    /// kinds. Empty (the default) when the listing is the source's whole content.
    /// </summary>
    IReadOnlyCollection<GlueResourceKind> UnlistedKinds => [];
}
