namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>The files of an offline account snapshot, named explicitly instead of found in a folder.</summary>
internal sealed record AccountSnapshotFiles
{
    /// <summary>The snapshot folder the files were found in, when they were (for messages that name it).</summary>
    public string? Directory { get; init; }

    /// <summary>Outputs of <c>aws iam get-account-authorization-details</c>: one file, or one per page. At least one is required.</summary>
    public IReadOnlyList<string> AuthorizationDetails { get; init; } = [];

    /// <summary>Outputs of <c>aws glue get-job</c> (or <c>get-jobs</c>, <c>get-crawler</c>, <c>get-session</c>, <c>get-dev-endpoint</c>, <c>get-ml-transform</c>).</summary>
    public IReadOnlyList<string> GlueResources { get; init; } = [];

    /// <summary>The output of <c>aws sts get-caller-identity</c>, or <see langword="null"/>.</summary>
    public string? CallerIdentity { get; init; }

    /// <summary>
    /// The folder of SCPs by organization level (see <see cref="AccountSnapshot"/>), or <see langword="null"/> when the
    /// SCPs are unknown.
    /// </summary>
    public string? OrganizationsDirectory { get; init; }

    /// <summary>The output of <c>aws sso-admin list-instances</c>, or <see langword="null"/> when Identity Center is unknown.</summary>
    public string? SsoAdminInstances { get; init; }

    /// <summary>Outputs of <c>aws sso-admin list-permission-sets</c> (optional: they make a name missing from <see cref="SsoAdminPermissionSets"/> "not found").</summary>
    public IReadOnlyList<string> SsoAdminPermissionSetLists { get; init; } = [];

    /// <summary>Outputs of <c>aws sso-admin describe-permission-set</c>, one per permission set.</summary>
    public IReadOnlyList<string> SsoAdminPermissionSets { get; init; } = [];
}
