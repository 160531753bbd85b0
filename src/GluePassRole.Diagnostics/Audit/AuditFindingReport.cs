using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GluePassRole.Diagnostics.Policies.Reporting;

namespace GluePassRole.Diagnostics.Audit;

/// <summary>
/// The audit's findings and rules in the form every report shares (<see cref="ReportFinding"/>, <see cref="ReportRule"/>),
/// from which its SARIF is written like every other command's.
/// </summary>
public static class AuditFindingReport
{
    /// <summary>The rule of an audit finding code (<see cref="AuditFindingCodes"/>), with its one-sentence description.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The rule.</returns>
    public static ReportRule Rule(string code) => new(code, code switch
    {
        AuditFindingCodes.Escalation => "A principal can make Glue run its code as a role that holds permissions the principal lacks.",
        AuditFindingCodes.PassAnyRole => "A principal can pass any role of the account to Glue.",
        AuditFindingCodes.PassRoleWithoutPassedToService => "iam:PassRole is granted without an iam:PassedToService condition.",
        AuditFindingCodes.DeadRole => "A role trusts Glue but nobody can pass it to Glue.",
        AuditFindingCodes.PassableRoleNotTrustingGlue => "A principal can pass a role to Glue that does not trust Glue.",
        UnreadableDataCode => "Data could not be read, so what it decides is unknown (never counted as denied).",
        _ => code,
    });

    /// <summary>An audit severity on the shared scale (info is a note).</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The shared severity.</returns>
    public static ReportSeverity ToReportSeverity(this AuditSeverity severity) => severity switch
    {
        AuditSeverity.Error => ReportSeverity.Error,
        AuditSeverity.Warning => ReportSeverity.Warning,
        _ => ReportSeverity.Note,
    };

    /// <summary>
    /// The finding in the shared form: a problem about its principal, else its role, else its statement's policy, else the
    /// account; the account, the principal and role (or how many), the policy and statement, the escalation path, the
    /// granting statements and the supporting facts as evidence; a fingerprint that stays while principals join or leave a
    /// finding grouped by cause. It has no file: the report that writes it names where the account was read.
    /// </summary>
    /// <param name="finding">The finding.</param>
    /// <returns>The shared finding.</returns>
    public static ReportFinding ToReportFinding(this AuditFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new ReportFinding(finding.Code, finding.Severity.ToReportSeverity(), finding.Principal ?? finding.Role ?? finding.Policy ?? finding.Account, finding.Message)
        {
            Evidence = [.. Facts(finding)],
            Fingerprint = Fingerprint(finding),
        };
    }

    /// <summary>The code of an audit's unknown in the shared form, as the investigation's (<see cref="Investigation.FindingCodes.UnreadableData"/>).</summary>
    public const string UnreadableDataCode = Investigation.FindingCodes.UnreadableData;

    /// <summary>
    /// What the audit could not read, in the shared form: undecided (never a deny), about what could not be read, with the
    /// principal and role it leaves undecided, the permission that would read it and the roles the policies that were read
    /// would let the principal pass as facts.
    /// </summary>
    /// <param name="unknown">The unknown.</param>
    /// <returns>The shared finding.</returns>
    public static ReportFinding ToReportFinding(this AuditUnknown unknown)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        List<ReportFact> facts = [new("account", unknown.Account), new("reason", unknown.Reason)];
        if (unknown.Principal is { } principal)
        {
            facts.Add(new("principal", principal));
        }

        if (unknown.Role is { } role)
        {
            facts.Add(new("role", role));
        }

        if (unknown.MissingPermission is { } permission)
        {
            facts.Add(new("missingPermission", permission));
        }

        facts.AddRange(unknown.AllowedByReadPolicies.Select(r => new ReportFact("allowedByReadPolicies", r)));
        return new ReportFinding(UnreadableDataCode, ReportSeverity.Warning, unknown.Principal ?? unknown.Role ?? unknown.Subject, $"{unknown.Subject}: {unknown.Reason}")
        {
            Outcome = ReportOutcome.Undecided,
            Evidence = facts,
            Fingerprint = string.Join("|", unknown.Account, UnreadableDataCode, unknown.Subject),
        };
    }

    /// <summary>A finding grouped by cause is identified by its cause, not by who it concerns; 0.1's fingerprint otherwise.</summary>
    private static string Fingerprint(AuditFinding finding) => finding.Cause is { } cause
        ? string.Join("|", finding.Account, finding.Code, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cause)))[..32])
        : string.Join("|", finding.Account, finding.Code, finding.Principal, finding.Role, finding.Policy, finding.Statement);

    private static IEnumerable<ReportFact> Facts(AuditFinding finding)
    {
        yield return new("account", finding.Account);
        if (finding.Principal is { } principal)
        {
            yield return new("principal", principal);
        }
        else if (finding.Principals.Count > 0)
        {
            yield return new("principalCount", finding.Principals.Count.ToString(CultureInfo.InvariantCulture));
        }

        if (finding.Role is { } role)
        {
            yield return new("role", role);
        }
        else if (finding.Roles.Count > 0)
        {
            yield return new("roleCount", finding.Roles.Count.ToString(CultureInfo.InvariantCulture));
        }

        if (finding.Policy is { } policy)
        {
            yield return new("policy", policy);
        }

        if (finding.Statement is { } statement)
        {
            yield return new("statement", statement);
        }

        if (finding.Path is { } path)
        {
            yield return new("path", path);
        }

        foreach (var source in finding.GrantedBy)
        {
            yield return new("grantedBy", $"{source.Statement} of {source.Policy} ({source.Via})");
        }
    }
}
