namespace GluePassRole.Diagnostics.Sources;

/// <summary>
/// Turns the role a Glue resource stores (a bare role name or a role ARN) into the IAM role, with its path and ARN.
/// </summary>
/// <remarks>
/// Role names are unique within an account, so a bare name identifies one role; its ARN carries the path, which
/// <c>iam:PassRole</c> resource patterns match against (IAM User Guide, "Grant a user permissions to pass a role to an
/// AWS service"). An ARN whose path or account differs from the role that has that name is not found.
/// </remarks>
internal sealed class RoleReferenceResolver
{
    private readonly IIamReader _iam;

    /// <summary>Creates a resolver reading from <paramref name="iam"/>.</summary>
    /// <param name="iam">The IAM reader of the account.</param>
    public RoleReferenceResolver(IIamReader iam)
    {
        ArgumentNullException.ThrowIfNull(iam);
        _iam = iam;
    }

    /// <summary>Resolves a role name or role ARN.</summary>
    /// <param name="roleNameOrArn">The role as stored, e.g. <c>Glue_DefaultRole</c> or <c>arn:aws:iam::111122223333:role/service-role/x</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The role, or why not.</returns>
    public async ValueTask<SourceResult<IamRole>> ResolveAsync(string roleNameOrArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleNameOrArn);
        var reference = roleNameOrArn.Trim();
        var isArn = reference.StartsWith("arn:", StringComparison.Ordinal);
        if (isArn && !reference.Contains(":role/", StringComparison.Ordinal))
        {
            return SourceResult.NotFound<IamRole>($"role {reference} (not a role ARN)");
        }

        var name = reference[(reference.LastIndexOf('/') + 1)..];
        var role = await _iam.GetRoleAsync(name, cancellationToken).ConfigureAwait(false);
        if (isArn && role.TryGetValue(out var found) && !string.Equals(found.Arn, reference, StringComparison.Ordinal))
        {
            return SourceResult.NotFound<IamRole>($"role {reference} (the role named {found.Name} is {found.Arn})");
        }

        return role;
    }
}
