namespace GluePassRole.Diagnostics.Sources;

/// <summary>
/// Where an account sits in AWS Organizations, as the organization's policies reveal it: the organization's ID and the
/// account's path of entity IDs, the values of <c>aws:PrincipalOrgID</c> and <c>aws:PrincipalOrgPaths</c>
/// (<c>o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/</c>).
/// </summary>
/// <param name="OrganizationId">The organization's ID (<c>o-...</c>), or <see langword="null"/> when the account is in none.</param>
/// <param name="Path">The path from the organization through the root and OUs, ending with <c>/</c>; <see langword="null"/> when unknown or when in none.</param>
public sealed record OrganizationMembership(string? OrganizationId, string? Path)
{
    private readonly bool _memberWithoutId;

    /// <summary>An account outside every organization: requests carry no organization keys.</summary>
    public static OrganizationMembership None { get; } = new(null, null);

    /// <summary>
    /// Whether the account is in an organization: whenever its ID is known, and also when the organization's policies were
    /// read but none named its ID (<see cref="FromLevels"/>), which makes the organization keys unknown rather than absent.
    /// </summary>
    public bool IsMember
    {
        get => _memberWithoutId || OrganizationId is not null;
        init => _memberWithoutId = value;
    }

    /// <summary>
    /// Reads the membership from the SCP levels of an account's path (root first): the organization ID from the policy
    /// ARNs (<c>arn:aws:organizations::MGMT:policy/o-.../service_control_policy/p-...</c>), the path from the root and OU
    /// levels. The ID is <see langword="null"/> when no ARN names it (policies saved as bare documents).
    /// </summary>
    /// <param name="levels">The levels, root first.</param>
    /// <returns>
    /// The membership; its ID is unknown (<see langword="null"/>, still <see cref="IsMember"/>) when no policy ARN names the
    /// organization; <see cref="None"/> when there are no levels.
    /// </returns>
    public static OrganizationMembership FromLevels(IReadOnlyList<OrganizationLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var organizationId = levels.SelectMany(level => level.Policies)
            .Select(policy => OrganizationIdOf(policy.Arn))
            .FirstOrDefault(id => id is not null);
        if (organizationId is null)
        {
            // The account has SCP levels, so it is in an organization: only the ID (and so the path) is not known. A bare
            // (null, null) would equal None, and the request would lose the keys instead of making them circumstances.
            return levels.Count == 0 ? None : new OrganizationMembership(null, null) { IsMember = true };
        }

        var entities = levels.Where(level => level.Kind != OrganizationTargetKind.Account).Select(level => level.TargetId);
        return new OrganizationMembership(organizationId, $"{organizationId}/{string.Concat(entities.Select(id => id + "/"))}");
    }

    private static string? OrganizationIdOf(string? policyArn)
    {
        const string Marker = ":policy/";
        var at = policyArn?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var rest = policyArn![(at + Marker.Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var id = slash < 0 ? rest : rest[..slash];
        return id.StartsWith("o-", StringComparison.Ordinal) ? id : null;
    }
}
