namespace GluePassRole.Diagnostics.Audit;

/// <summary>
/// The account-wide audit: who can pass which role to AWS Glue, who can thereby run code as that role, and where that
/// gives a principal permissions it does not hold. Pure over the account sources, so it runs on a snapshot or live.
/// </summary>
/// <remarks>
/// Principals are every IAM user and every role (as a session of itself); targets are the roles whose trust policy lets
/// <c>glue.amazonaws.com</c> assume them, whatever the circumstances of Glue's request or under some (a condition on
/// <c>aws:SourceAccount</c>). Each principal's policies are compiled once and only the pairs an <c>iam:PassRole</c> allow
/// can reach are decided, on the requests <see cref="Requests.RequestBuilder"/> builds
/// (<see cref="PassRoleAuditOptions.Request"/>), for each class of the circumstances the policies tell apart; a grant
/// lists the ones it depends on (<see cref="PassRoleGrant.Conditions"/>). What could not be read is listed in
/// <see cref="PassRoleAuditReport.Unknowns"/>, never reported as denied.
/// </remarks>
public interface IPassRoleAuditor
{
    /// <summary>Audits the account the registered sources read.</summary>
    /// <param name="progress">Receives the number of principals done, for a progress display; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the audit.</param>
    /// <returns>The grants, findings and unknowns.</returns>
    ValueTask<PassRoleAuditReport> AuditAsync(IProgress<PassRoleAuditProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>How far an audit has got.</summary>
/// <param name="PrincipalsDone">Principals audited so far.</param>
/// <param name="PrincipalsTotal">Principals in the account.</param>
public sealed record PassRoleAuditProgress(int PrincipalsDone, int PrincipalsTotal);
