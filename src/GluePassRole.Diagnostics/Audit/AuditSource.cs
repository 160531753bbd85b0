namespace GluePassRole.Diagnostics.Audit;

/// <summary>
/// Where the audited account data came from, as the caller states it in <see cref="PassRoleAuditReport.Source"/>: the
/// report carries it (JSON <c>source</c>, a SARIF run property) so a report of the bundled sample is never taken for a
/// real account's.
/// </summary>
public enum AuditSource
{
    /// <summary>An offline account snapshot the caller gave (AWS CLI output in a folder).</summary>
    Snapshot,

    /// <summary>Infrastructure-as-code: CloudFormation, a CDK cloud assembly or a Terraform plan, alone or on a snapshot.</summary>
    InfrastructureAsCode,

    /// <summary>The account itself, read live from AWS.</summary>
    Live,

    /// <summary>A sample account bundled with the tool: made-up data, not the caller's account.</summary>
    BundledSample,
}
