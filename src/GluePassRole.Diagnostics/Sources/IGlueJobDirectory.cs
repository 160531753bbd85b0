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
}
