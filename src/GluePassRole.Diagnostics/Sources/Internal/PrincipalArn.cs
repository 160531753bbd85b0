namespace GluePassRole.Diagnostics.Sources.Internal;

/// <summary>Splits the principal ARNs that appear in AccessDenied messages into their parts.</summary>
internal static class PrincipalArn
{
    /// <summary>Parses a user, role or assumed-role session ARN.</summary>
    /// <returns>The principal, or <see langword="null"/> with a reason when the ARN is not one of those.</returns>
    public static ResolvedPrincipal? TryParse(string arn, out string? reason)
    {
        reason = null;
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1].Length == 0)
        {
            reason = $"\"{arn}\" is not an ARN.";
            return null;
        }

        var (service, account, resource) = (parts[2], parts[4], parts[5]);
        if (account.Length != 12 || !account.All(char.IsAsciiDigit))
        {
            reason = $"\"{arn}\" has no 12-digit account ID.";
            return null;
        }

        if (service == "iam" && (resource.StartsWith("user/", StringComparison.Ordinal) || resource.StartsWith("role/", StringComparison.Ordinal)))
        {
            var name = resource[(resource.LastIndexOf('/') + 1)..];
            if (name.Length == 0)
            {
                reason = $"\"{arn}\" has no name after its path.";
                return null;
            }

            var kind = resource[0] == 'u' ? PrincipalKind.IamUser : PrincipalKind.IamRole;
            return new ResolvedPrincipal(kind, arn, account, name);
        }

        if (service == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            // arn:aws:sts::ACCT:assumed-role/ROLE-NAME/SESSION-NAME: the role's path is not in the session ARN (IAM User Guide,
            // "IAM identifiers", section on role session ARNs).
            var rest = resource["assumed-role/".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == rest.Length - 1)
            {
                reason = $"\"{arn}\" is not of the form arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION.";
                return null;
            }

            return new ResolvedPrincipal(PrincipalKind.AssumedRole, arn, account, rest[..slash]) { SessionName = rest[(slash + 1)..] };
        }

        reason = $"\"{arn}\" is not an IAM user, IAM role or assumed-role session ARN; federated users and service principals are not supported.";
        return null;
    }

    /// <summary>The account ID field of an ARN, or <see langword="null"/>.</summary>
    public static string? AccountOf(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 ? parts[4] : null;
    }
}
