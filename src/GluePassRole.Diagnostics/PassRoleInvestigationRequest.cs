using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics;

/// <summary>
/// What to investigate: an AccessDenied text as a user pastes it, or an explicit principal with a role ARN (or a Glue
/// job name). Explicit values win over what the error text says.
/// </summary>
public sealed record PassRoleInvestigationRequest
{
    /// <summary>The service principal the role is passed to when none is given.</summary>
    public const string GlueServicePrincipal = "glue.amazonaws.com";

    /// <summary>The AccessDenied text, in any form the parser knows (console block, CLI, SDK wrappers).</summary>
    public string? ErrorText { get; init; }

    /// <summary>The principal that passes the role: an IAM user or role ARN, or an assumed-role session ARN.</summary>
    public string? Principal { get; init; }

    /// <summary>The role passed: its ARN, or its name (resolved to the ARN with its path).</summary>
    public string? Role { get; init; }

    /// <summary>The Glue job whose save or run failed; its role is read and compared with <see cref="Role"/>.</summary>
    public string? GlueJobName { get; init; }

    /// <summary>The service principal the role is passed to.</summary>
    /// <value>The default value is <c>glue.amazonaws.com</c>.</value>
    public string Service { get; init; } = GlueServicePrincipal;

    /// <summary>The AWS Region of the Glue job, for messages and live reads.</summary>
    public string? Region { get; init; }

    /// <summary>The moment to evaluate the request at (<c>aws:CurrentTime</c>, <c>aws:EpochTime</c>); now when <see langword="null"/>.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>
    /// Context keys known about the failed request (e.g. <c>aws:MultiFactorAuthPresent</c>). Keys not given are inferred
    /// where the error text allows, and their variants are evaluated.
    /// </summary>
    public RequestContext Context { get; init; } = RequestContext.Empty;

    /// <summary>The session policy of an assumed-role session, when the caller knows it.</summary>
    public PolicyDocument? SessionPolicy { get; init; }

    /// <summary>Creates a request from a pasted AccessDenied text.</summary>
    /// <param name="errorText">The text.</param>
    /// <returns>The request.</returns>
    public static PassRoleInvestigationRequest FromError(string errorText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorText);
        return new PassRoleInvestigationRequest { ErrorText = errorText };
    }

    /// <summary>Creates a request for a principal passing a role (ARN or name).</summary>
    /// <param name="principal">The principal ARN.</param>
    /// <param name="role">The role ARN or name.</param>
    /// <returns>The request.</returns>
    public static PassRoleInvestigationRequest ForRole(string principal, string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return new PassRoleInvestigationRequest { Principal = principal, Role = role };
    }

    /// <summary>Creates a request for a principal whose save of a Glue job failed; the job's role is read.</summary>
    /// <param name="principal">The principal ARN.</param>
    /// <param name="jobName">The Glue job name.</param>
    /// <returns>The request.</returns>
    public static PassRoleInvestigationRequest ForJob(string principal, string jobName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        return new PassRoleInvestigationRequest { Principal = principal, GlueJobName = jobName };
    }
}
