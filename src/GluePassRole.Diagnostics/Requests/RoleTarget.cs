using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Requests;

/// <summary>The role a request passes or assumes, with what the account data says about it.</summary>
/// <param name="Arn">The role's ARN.</param>
public sealed record RoleTarget(string Arn)
{
    /// <summary>The role's tags, or <see langword="null"/> when they were not read.</summary>
    public IReadOnlyList<IamTag>? Tags { get; init; }

    /// <summary>Creates the target from a role the source read.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The target with the role's tags.</returns>
    public static RoleTarget From(IamRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return new RoleTarget(role.Arn) { Tags = role.Tags };
    }
}
