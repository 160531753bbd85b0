namespace GluePassRole.Diagnostics.Sources;

/// <summary>The principal whose policies were resolved, and the IAM identity it maps to.</summary>
/// <param name="Kind">User, role, role session or federated-user session.</param>
/// <param name="Arn">The ARN as given (for a session, the <c>sts</c> ARN).</param>
/// <param name="AccountId">The principal's account.</param>
/// <param name="Name">
/// The user or role name; for a federated-user session, the IAM user that called <c>GetFederationToken</c> when known,
/// else the session's name.
/// </param>
public sealed record ResolvedPrincipal(PrincipalKind Kind, string Arn, string AccountId, string Name)
{
    /// <summary>The IAM user or role ARN with its path, once read from the source; <see langword="null"/> when it could not be read.</summary>
    public string? IamArn { get; init; }

    /// <summary>The session name of a role session or the name of a federated-user session, or <see langword="null"/>.</summary>
    public string? SessionName { get; init; }

    /// <summary>Whether the role is an IAM Identity Center (SSO) permission-set role (<c>AWSReservedSSO_*</c>).</summary>
    public bool IsIdentityCenterRole => Kind is PrincipalKind.IamRole or PrincipalKind.AssumedRole && Name.StartsWith("AWSReservedSSO_", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => IamArn is null || IamArn == Arn ? Arn : $"{Arn} ({IamArn})";
}
