using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>A service control policy.</summary>
/// <param name="Name">The policy name (e.g. <c>FullAWSAccess</c>).</param>
/// <param name="Document">The policy document.</param>
public sealed record ServiceControlPolicy(string Name, PolicyDocument Document)
{
    /// <summary>The policy ID (<c>p-...</c>), when known.</summary>
    public string? Id { get; init; }

    /// <summary>The policy ARN, when known.</summary>
    public string? Arn { get; init; }
}
