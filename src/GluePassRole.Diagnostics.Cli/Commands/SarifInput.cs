using GluePassRole.Diagnostics.Iac;
using GluePassRole.Diagnostics.Policies.Reporting;
using GluePassRole.Diagnostics.Reporting;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>What the commands that write SARIF share about input they could not read.</summary>
internal static class SarifInput
{
    /// <summary>
    /// Where SARIF results about the account are: the file the account was read from (the first template or plan, the CDK
    /// assembly's manifest, the snapshot's first page of authorization details); <see langword="null"/> for a live account,
    /// which has no file: each result is then at its subject (the principal, role or policy) as a logical location.
    /// </summary>
    public static ReportLocation? AccountLocation(bool isLive, IacSourceOptions? iac, string snapshotDirectory) =>
        isLive ? null
        : iac is not null ? new ReportLocation { File = iac.Templates.Concat(iac.TerraformPlans).FirstOrDefault() ?? Path.Combine(iac.CdkOutDirectory ?? snapshotDirectory, "manifest.json") }
        : new ReportLocation
        {
            File = (Directory.Exists(snapshotDirectory) ? Directory.EnumerateFiles(snapshotDirectory, "get-account-authorization-details*.json").Order(StringComparer.Ordinal).FirstOrDefault() : null)
                ?? Path.Combine(snapshotDirectory, "get-account-authorization-details.json"),
        };

    /// <summary>
    /// The input that could not be read, for the SARIF log: a template's file, line and document path when the error names
    /// them, else <paramref name="fallback"/> (the input the command was given).
    /// </summary>
    public static UnreadInput Unread(Exception error, ReportLocation fallback) => new(
        error.Message,
        error is IacTemplateException { File: not "(unknown)" } bad
            ? new ReportLocation { File = bad.File, Line = bad.Line, LogicalName = bad.DocumentPath, LogicalKind = bad.DocumentPath is null ? null : "element" }
            : fallback);
}
