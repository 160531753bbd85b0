namespace GluePassRole.Diagnostics.Sources;

/// <summary>An inline policy that could not be read.</summary>
/// <param name="Name">The policy's name; <see langword="null"/> when the source does not give one (the error's JSON path says where it is).</param>
/// <param name="Error">Why it could not be read.</param>
public sealed record UnreadInlinePolicy(string? Name, SourceError Error);
