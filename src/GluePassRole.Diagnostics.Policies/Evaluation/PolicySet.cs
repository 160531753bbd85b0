namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>
/// Every policy AWS would consider for one principal's request, by type. Immutable; build one with object
/// initializers and compile it once with the evaluator to evaluate many requests.
/// </summary>
public sealed record PolicySet
{
    /// <summary>The principal's identity-based policies (user, group and role; inline and managed).</summary>
    public IReadOnlyList<SourcedPolicy> IdentityPolicies { get; init; } = [];

    /// <summary>The principal's permissions boundary, or <see langword="null"/> when it has none.</summary>
    public SourcedPolicy? PermissionsBoundary { get; init; }

    /// <summary>The session policy of an assumed-role or federated-user session, or <see langword="null"/>.</summary>
    public SourcedPolicy? SessionPolicy { get; init; }

    /// <summary>
    /// The resource's policy (a bucket policy, a role's trust policy, ...), or <see langword="null"/>. Every statement
    /// must have <c>Principal</c> or <c>NotPrincipal</c>: compiling a set whose resource policy lacks one throws
    /// <see cref="PolicyDocumentException"/>.
    /// </summary>
    public SourcedPolicy? ResourcePolicy { get; init; }

    /// <summary>
    /// Service control policies by organization level, root first; every level must allow. <see langword="null"/> when
    /// the account is not in an organization (no SCPs apply); an empty list of levels is treated the same way.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<SourcedPolicy>>? ServiceControlPolicies { get; init; }

    /// <summary>Resource control policies by organization level, root first, or <see langword="null"/>.</summary>
    public IReadOnlyList<IReadOnlyList<SourcedPolicy>>? ResourceControlPolicies { get; init; }
}
