namespace GluePassRole.Diagnostics.Sources;

/// <summary>How reports name each <see cref="GlueResourceKind"/>.</summary>
internal static class GlueResourceKindText
{
    /// <summary>The kind in words: <c>job</c>, <c>crawler</c>, <c>interactive session</c>, <c>dev endpoint</c>, <c>ML transform</c>.</summary>
    public static string Word(this GlueResourceKind kind) => kind switch
    {
        GlueResourceKind.Crawler => "crawler",
        GlueResourceKind.Session => "interactive session",
        GlueResourceKind.DevEndpoint => "dev endpoint",
        GlueResourceKind.MLTransform => "ML transform",
        _ => "job",
    };
}
