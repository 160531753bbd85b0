namespace GluePassRole.Diagnostics.Internal;

/// <summary>The parts of a principal ARN: the one parser for error texts and account sources alike.</summary>
internal readonly record struct PrincipalArn(
    PrincipalKind Kind, string? Account, string? UserName, string? RoleName, string? SessionName)
{
    private const string SsoPrefix = "AWSReservedSSO_";

    /// <summary>Splits <c>arn:&lt;partition&gt;:&lt;service&gt;:&lt;region&gt;:&lt;account&gt;:&lt;resource&gt;</c>; anything else is <see cref="PrincipalKind.Unknown"/>.</summary>
    public static PrincipalArn Parse(string principal)
    {
        var parts = principal.Split(':', 6);
        if (parts.Length != 6 || !parts[0].Equals("arn", StringComparison.OrdinalIgnoreCase))
        {
            return default;
        }

        var service = parts[2];
        var account = parts[4].Length == 0 ? null : parts[4];
        var resource = parts[5];
        if (service.Equals("iam", StringComparison.OrdinalIgnoreCase))
        {
            if (resource == "root")
            {
                return new(PrincipalKind.Root, account, null, null, null);
            }

            if (resource.StartsWith("user/", StringComparison.Ordinal) && LastSegment(resource) is { Length: > 0 } user)
            {
                return new(PrincipalKind.IamUser, account, user, null, null);
            }

            if (resource.StartsWith("role/", StringComparison.Ordinal) && LastSegment(resource) is { Length: > 0 } role)
            {
                return new(PrincipalKind.IamRole, account, null, role, null);
            }
        }
        else if (service.Equals("sts", StringComparison.OrdinalIgnoreCase))
        {
            const string AssumedRole = "assumed-role/";
            const string FederatedUser = "federated-user/";
            if (resource.StartsWith(AssumedRole, StringComparison.Ordinal))
            {
                var rest = resource[AssumedRole.Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                if (slash > 0)
                {
                    return new(PrincipalKind.AssumedRole, account, null, rest[..slash], rest[(slash + 1)..]);
                }
            }
            else if (resource.StartsWith(FederatedUser, StringComparison.Ordinal) && resource.Length > FederatedUser.Length)
            {
                return new(PrincipalKind.FederatedUser, account, resource[FederatedUser.Length..], null, null);
            }
        }

        return new(PrincipalKind.Unknown, account, null, null, null);
    }

    /// <summary>The permission set of an IAM Identity Center role name <c>AWSReservedSSO_&lt;PermSet&gt;_&lt;hex&gt;</c>, or null.</summary>
    public static string? SsoPermissionSetName(string? roleName)
    {
        if (roleName is null || !roleName.StartsWith(SsoPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var last = roleName.LastIndexOf('_');
        if (last <= SsoPrefix.Length || last == roleName.Length - 1)
        {
            return null;
        }

        foreach (var c in roleName.AsSpan(last + 1))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return null;
            }
        }

        return roleName[SsoPrefix.Length..last];
    }

    private static string LastSegment(string resource) => resource[(resource.LastIndexOf('/') + 1)..];
}
