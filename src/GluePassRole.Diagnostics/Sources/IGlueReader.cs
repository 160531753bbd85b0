namespace GluePassRole.Diagnostics.Sources;

/// <summary>Reads the Glue resources that carry a role. Read-only.</summary>
public interface IGlueReader
{
    /// <summary>Gets a Glue resource and its role (<c>glue:GetJob</c>, <c>GetCrawler</c>, <c>GetSession</c>, <c>GetDevEndpoint</c>, <c>GetMLTransform</c>).</summary>
    /// <param name="kind">The kind of resource.</param>
    /// <param name="name">Its name (session and ML transform: ID or name).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The resource, or why not.</returns>
    ValueTask<SourceResult<GlueResource>> GetResourceAsync(GlueResourceKind kind, string name, CancellationToken cancellationToken = default);
}
