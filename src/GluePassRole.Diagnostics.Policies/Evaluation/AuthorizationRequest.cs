namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>One request to evaluate: who does what to which resource, in which context.</summary>
/// <remarks>
/// The evaluator uses exactly what is given: it derives no context keys from the principal. Supply
/// <c>iam:PassedToService</c>, <c>aws:MultiFactorAuthPresent</c>, <c>aws:username</c>, <c>aws:PrincipalArn</c> and so on
/// in <see cref="Context"/> as the real request would carry them.
/// </remarks>
public sealed record AuthorizationRequest
{
    /// <summary>The principal's ARN (user, role, assumed-role session, federated user, root), or a service principal such as <c>glue.amazonaws.com</c>.</summary>
    public required string Principal { get; init; }

    /// <summary>The action, e.g. <c>iam:PassRole</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The resource ARN, e.g. <c>arn:aws:iam::123456789012:role/etl-runtime</c>, or <c>*</c>.</summary>
    public required string Resource { get; init; }

    /// <summary>
    /// The account that owns the resource. When <see langword="null"/>, it is read from the resource ARN; when that has no
    /// account either (S3 buckets), the request is treated as same-account.
    /// </summary>
    public string? ResourceAccount { get; init; }

    /// <summary>The request's condition keys and values.</summary>
    public RequestContext Context { get; init; } = RequestContext.Empty;

    /// <summary>Creates the request that passes <paramref name="roleArn"/> to <paramref name="service"/>.</summary>
    /// <param name="principal">Who passes the role.</param>
    /// <param name="roleArn">The role passed.</param>
    /// <param name="service">The service principal the role is passed to, e.g. <c>glue.amazonaws.com</c>.</param>
    /// <returns>An <c>iam:PassRole</c> request with <c>iam:PassedToService</c> set.</returns>
    public static AuthorizationRequest PassRole(string principal, string roleArn, string service = "glue.amazonaws.com")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        ArgumentException.ThrowIfNullOrWhiteSpace(roleArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        return new AuthorizationRequest
        {
            Principal = principal,
            Action = "iam:PassRole",
            Resource = roleArn,
            Context = RequestContext.Empty.With("iam:PassedToService", service),
        };
    }

    /// <inheritdoc />
    public override string ToString() => $"{Principal} -> {Action} on {Resource} [{Context}]";
}
