using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>A managed policy with the document of its default version.</summary>
/// <param name="Name">The policy name.</param>
/// <param name="Arn">The policy ARN (<c>arn:aws:iam::aws:policy/...</c> for AWS managed policies).</param>
/// <param name="Document">The default version's document.</param>
public sealed record ManagedPolicy(string Name, string Arn, PolicyDocument Document)
{
    /// <summary>The default version's ID (e.g. <c>v14</c>), when known.</summary>
    public string? VersionId { get; init; }

    /// <summary>
    /// Whether the document is the library's bundled copy of an AWS managed policy because the source did not hold it.
    /// AWS can publish newer versions; <see cref="VersionId"/> says which one the copy is.
    /// </summary>
    public bool IsBundledCopy { get; init; }

    /// <summary>
    /// The statements of the default version that are not known in full (a value known only at deploy, a statement the
    /// reader cannot read), each with what is known of it; <see cref="Document"/> holds the others. Empty when the whole
    /// document is known.
    /// </summary>
    public IReadOnlyList<UnknownStatement> UnknownStatements { get; init; } = [];

    /// <summary>Whether this is an AWS managed policy.</summary>
    public bool IsAwsManaged => Arn.Contains(":iam::aws:policy/", StringComparison.Ordinal);
}
