using System.Diagnostics.CodeAnalysis;

namespace GluePassRole.Diagnostics;

/// <summary>
/// A principal's ARN, parsed once: an IAM user or role (with its path), an assumed-role session (including IAM Identity
/// Center's <c>AWSReservedSSO_*</c> roles), a federated user, or the account root. The investigation parses the principal
/// at the edge and passes this on, so no step parses the text again.
/// </summary>
/// <remarks>Formats: IAM User Guide, "IAM identifiers" (ARNs of users, roles, role sessions and federated users).</remarks>
public sealed record PrincipalArn
{
    private const string SsoPrefix = "AWSReservedSSO_";

    private PrincipalArn(string arn, string partition, string? account, PrincipalKind kind)
    {
        Arn = arn;
        Partition = partition;
        Account = account;
        Kind = kind;
    }

    /// <summary>The ARN as given.</summary>
    public string Arn { get; }

    /// <summary>The partition: <c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, ...</summary>
    public string Partition { get; }

    /// <summary>The account ID, when the ARN has one.</summary>
    public string? Account { get; }

    /// <summary>What kind of principal it is.</summary>
    public PrincipalKind Kind { get; }

    /// <summary>The IAM user name (users) or the federated user's name (federated users).</summary>
    public string? UserName { get; private init; }

    /// <summary>The role name, for roles and assumed-role sessions.</summary>
    public string? RoleName { get; private init; }

    /// <summary>The session name, for assumed-role sessions.</summary>
    public string? SessionName { get; private init; }

    /// <summary>The IAM path of a user or role (<c>/</c> by default); <see langword="null"/> for sessions, whose ARN carries none.</summary>
    public string? Path { get; private init; }

    /// <summary>The principal's name: the user, role or federated user name, or <c>root</c>.</summary>
    public string Name => UserName ?? RoleName ?? (Kind == PrincipalKind.Root ? "root" : Arn);

    /// <summary>The permission set name of an IAM Identity Center role (<c>AWSReservedSSO_{name}_{hex}</c>), else <see langword="null"/>.</summary>
    public string? PermissionSetName => Kind is PrincipalKind.IamRole or PrincipalKind.AssumedRole ? SsoPermissionSetName(RoleName) : null;

    /// <summary>Whether the principal is (a session of) an IAM Identity Center role: change its permission set, not the role.</summary>
    public bool IsIdentityCenterRole => PermissionSetName is not null;

    /// <summary>
    /// The role's ARN for a role or an assumed-role session. A session ARN carries no path, so the result has none; the
    /// role as read from the account has the full path.
    /// </summary>
    public string? RoleArn => Kind switch
    {
        PrincipalKind.IamRole => Arn,
        PrincipalKind.AssumedRole => $"arn:{Partition}:iam::{Account}:role/{RoleName}",
        _ => null,
    };

    /// <summary>Parses a principal ARN.</summary>
    /// <param name="arn">The ARN, e.g. <c>arn:aws:iam::123456789012:user/dana</c>.</param>
    /// <returns>The parsed ARN.</returns>
    /// <exception cref="FormatException">The text is not the ARN of an IAM user, role, role session, federated user or root.</exception>
    public static PrincipalArn Parse(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        return TryParse(arn, out var parsed)
            ? parsed
            : throw new FormatException($"'{arn}' is not the ARN of an IAM user, role, assumed-role session, federated user or root, e.g. arn:aws:iam::123456789012:user/dana.");
    }

    /// <summary>Parses a principal ARN without throwing.</summary>
    /// <param name="arn">The ARN.</param>
    /// <param name="principal">The parsed ARN, when it is one.</param>
    /// <returns><see langword="true"/> when <paramref name="arn"/> is a principal ARN.</returns>
    public static bool TryParse([NotNullWhen(true)] string? arn, [NotNullWhen(true)] out PrincipalArn? principal)
    {
        principal = arn is null ? null : Read(arn.Trim());
        if (principal?.Kind is null or PrincipalKind.Unknown)
        {
            principal = null;
            return false;
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Arn;

    /// <summary>Reads any text leniently: anything that is not a known principal ARN has <see cref="PrincipalKind.Unknown"/>.</summary>
    internal static PrincipalArn Read(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || !parts[0].Equals("arn", StringComparison.OrdinalIgnoreCase) || arn.Contains(' ', StringComparison.Ordinal))
        {
            return new PrincipalArn(arn, "aws", null, PrincipalKind.Unknown);
        }

        var partition = parts[1];
        var service = parts[2];
        var account = parts[4].Length == 0 ? null : parts[4];
        var resource = parts[5];
        if (service.Equals("iam", StringComparison.OrdinalIgnoreCase))
        {
            if (resource == "root")
            {
                return new PrincipalArn(arn, partition, account, PrincipalKind.Root);
            }

            if (resource.StartsWith("user/", StringComparison.Ordinal) && LastSegment(resource) is { Length: > 0 } user)
            {
                return new PrincipalArn(arn, partition, account, PrincipalKind.IamUser) { UserName = user, Path = PathOf(resource, "user/".Length) };
            }

            if (resource.StartsWith("role/", StringComparison.Ordinal) && LastSegment(resource) is { Length: > 0 } role)
            {
                return new PrincipalArn(arn, partition, account, PrincipalKind.IamRole) { RoleName = role, Path = PathOf(resource, "role/".Length) };
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
                    return new PrincipalArn(arn, partition, account, PrincipalKind.AssumedRole) { RoleName = rest[..slash], SessionName = rest[(slash + 1)..] };
                }
            }
            else if (resource.StartsWith(FederatedUser, StringComparison.Ordinal) && resource.Length > FederatedUser.Length)
            {
                return new PrincipalArn(arn, partition, account, PrincipalKind.FederatedUser) { UserName = resource[FederatedUser.Length..] };
            }
        }

        return new PrincipalArn(arn, partition, account, PrincipalKind.Unknown);
    }

    /// <summary>The permission set name in an Identity Center role name (<c>AWSReservedSSO_{name}_{hex}</c>).</summary>
    internal static string? SsoPermissionSetName(string? roleName)
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

    private static string PathOf(string resource, int prefixLength) => resource[prefixLength..(resource.LastIndexOf('/') + 1)] is { Length: > 0 } path ? "/" + path : "/";
}
