namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>A policy document with its provenance.</summary>
/// <param name="Document">The document.</param>
/// <param name="Source">Where it came from.</param>
public sealed record SourcedPolicy(PolicyDocument Document, PolicySource Source)
{
    /// <inheritdoc />
    public override string ToString() => Source.ToString();
}
