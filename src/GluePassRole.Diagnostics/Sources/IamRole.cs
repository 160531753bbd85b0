using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>An IAM role as <c>iam:GetRole</c> describes it (its permission policies are read separately).</summary>
/// <param name="Name">The role name.</param>
/// <param name="Arn">The role ARN, including its path (e.g. <c>arn:aws:iam::111122223333:role/service-role/x</c>).</param>
/// <param name="TrustPolicy">The role's trust policy (<c>AssumeRolePolicyDocument</c>), or why it could not be read.</param>
public sealed record IamRole(string Name, string Arn, SourceResult<PolicyDocument> TrustPolicy)
{
    /// <summary>The path, <c>/</c> by default. IAM Identity Center roles live under <c>/aws-reserved/sso.amazonaws.com/</c>.</summary>
    public string Path { get; init; } = "/";

    /// <summary>The unique ID (<c>AROA...</c>), when known.</summary>
    public string? Id { get; init; }

    /// <summary>The ARN of the managed policy set as the role's permissions boundary, or <see langword="null"/>.</summary>
    public string? PermissionsBoundaryArn { get; init; }

    /// <summary>The role's tags.</summary>
    public IReadOnlyList<IamTag> Tags { get; init; } = [];
}
