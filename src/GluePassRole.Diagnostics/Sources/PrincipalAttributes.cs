namespace GluePassRole.Diagnostics.Sources;

/// <summary>
/// What the account data says about a principal beyond its policies: the values AWS puts in every request it makes
/// (<c>aws:userid</c>, <c>aws:PrincipalTag/*</c>, <c>aws:PrincipalOrgID</c>, <c>aws:PrincipalOrgPaths</c>).
/// </summary>
public sealed record PrincipalAttributes
{
    /// <summary>Nothing is known beyond the ARN.</summary>
    public static PrincipalAttributes Unknown { get; } = new();

    /// <summary>The IAM user's or role's unique ID (<c>AIDA...</c>, <c>AROA...</c>), or <see langword="null"/> when not read.</summary>
    public string? UniqueId { get; init; }

    /// <summary>The user's or role's tags, or <see langword="null"/> when they could not be read.</summary>
    public IReadOnlyList<IamTag>? Tags { get; init; }

    /// <summary>The account's place in AWS Organizations, or <see langword="null"/> when unknown (the SCPs were not read).</summary>
    public OrganizationMembership? Organization { get; init; }
}
