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
    /// Writes the SARIF log of a run that could not read its input (to <paramref name="output"/>, else standard output),
    /// so a pull request's upload shows why: a notification and a result naming the file.
    /// </summary>
    public static async Task WriteUnreadAsync(UnreadInput unread, string sourceRoot, FileInfo? output, TextWriter stdout, CancellationToken cancellationToken)
    {
        var log = ReportSarif.Write(new SarifReport([], []) { SourceRoot = sourceRoot, Unreadable = [unread] });
        if (output is null)
        {
            await stdout.WriteAsync(log).ConfigureAwait(false);
        }
        else
        {
            // The run already fails as bad input; a log that cannot be written adds nothing to say.
            _ = await CliFiles.TryWriteAsync(output, log, cancellationToken).ConfigureAwait(false);
        }
    }

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
