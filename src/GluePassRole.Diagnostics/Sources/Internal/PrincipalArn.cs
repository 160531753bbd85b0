using SharedPrincipalArn = GluePassRole.Diagnostics.PrincipalArn;

namespace GluePassRole.Diagnostics.Sources.Internal;

/// <summary>Turns a principal ARN into the <see cref="ResolvedPrincipal"/> the resolver starts from, saying why when it cannot.</summary>
internal static class PrincipalArnReader
{
    /// <summary>Parses a user, role or assumed-role session ARN.</summary>
    /// <returns>The principal, or <see langword="null"/> with a reason when the ARN is not one of those.</returns>
    public static ResolvedPrincipal? TryParse(string arn, out string? reason)
    {
        reason = null;
        var parsed = SharedPrincipalArn.Read(arn);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            reason = $"\"{arn}\" is not an ARN.";
            return null;
        }

        if (parsed.Account is not { Length: 12 } account || !account.All(char.IsAsciiDigit))
        {
            reason = $"\"{arn}\" has no 12-digit account ID.";
            return null;
        }

        switch (parsed.Kind)
        {
            case PrincipalKind.IamUser:
                return new ResolvedPrincipal(PrincipalKind.IamUser, arn, account, parsed.UserName!);
            case PrincipalKind.IamRole:
                return new ResolvedPrincipal(PrincipalKind.IamRole, arn, account, parsed.RoleName!);
            case PrincipalKind.AssumedRole when parsed.SessionName is { Length: > 0 }:
                // The session ARN carries no IAM path (IAM User Guide, "IAM identifiers": role session ARNs).
                return new ResolvedPrincipal(PrincipalKind.AssumedRole, arn, account, parsed.RoleName!) { SessionName = parsed.SessionName };
            default:
                reason = $"\"{arn}\" is not an IAM user, IAM role or assumed-role session ARN; federated users and service principals are not supported.";
                return null;
        }
    }

    /// <summary>The account ID field of an ARN, or <see langword="null"/>.</summary>
    public static string? AccountOf(string arn) => SharedPrincipalArn.Read(arn).Account;
}
