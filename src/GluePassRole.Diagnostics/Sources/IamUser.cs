namespace GluePassRole.Diagnostics.Sources;

/// <summary>An IAM user as <c>iam:GetUser</c> describes it (its policies and groups are read separately).</summary>
/// <param name="Name">The user name.</param>
/// <param name="Arn">The user ARN, including its path.</param>
public sealed record IamUser(string Name, string Arn)
{
    /// <summary>The path, <c>/</c> by default.</summary>
    public string Path { get; init; } = "/";

    /// <summary>The unique ID (<c>AIDA...</c>), when known.</summary>
    public string? Id { get; init; }

    /// <summary>The ARN of the managed policy set as the user's permissions boundary, or <see langword="null"/>.</summary>
    public string? PermissionsBoundaryArn { get; init; }

    /// <summary>The user's tags.</summary>
    public IReadOnlyList<IamTag> Tags { get; init; } = [];
}
