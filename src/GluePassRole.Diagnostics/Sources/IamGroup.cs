namespace GluePassRole.Diagnostics.Sources;

/// <summary>An IAM group (its policies are read separately).</summary>
/// <param name="Name">The group name.</param>
/// <param name="Arn">The group ARN, including its path.</param>
public sealed record IamGroup(string Name, string Arn)
{
    /// <summary>The path, <c>/</c> by default.</summary>
    public string Path { get; init; } = "/";

    /// <summary>The unique ID (<c>AGPA...</c>), when known.</summary>
    public string? Id { get; init; }
}
