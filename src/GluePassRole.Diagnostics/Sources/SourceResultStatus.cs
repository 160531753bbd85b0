namespace GluePassRole.Diagnostics.Sources;

/// <summary>What a source could say about something it was asked for.</summary>
public enum SourceResultStatus
{
    /// <summary>The thing exists and was read.</summary>
    Found,

    /// <summary>The source knows that the thing does not exist.</summary>
    NotFound,

    /// <summary>The source could not tell: access was denied, the data is missing from a snapshot, or a file is broken.</summary>
    Unreadable,
}
