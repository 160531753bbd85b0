namespace GluePassRole.Diagnostics.Sources;

/// <summary>Who the credentials belong to, as <c>sts:GetCallerIdentity</c> reports it.</summary>
/// <param name="Account">The 12-digit account ID.</param>
/// <param name="Arn">The caller's ARN (a user, an assumed-role session or a federated user).</param>
public sealed record CallerIdentity(string Account, string Arn)
{
    /// <summary>The unique ID (<c>AIDA...</c>, or <c>AROA...:session</c> for a role session), when known.</summary>
    public string? UserId { get; init; }
}
