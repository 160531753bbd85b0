using System.CommandLine;
using System.Globalization;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime.CredentialManagement;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Aws;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Policies.Reporting;
using GluePassRole.Diagnostics.Reporting;
using GluePassRole.Diagnostics.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary><c>glue-passrole audit</c>: who can pass which role to Glue, who can run code as it, where that escalates.</summary>
internal static class AuditCommand
{
    /// <summary>The bundled sample account with a few escalation paths, audited when no source is given.</summary>
    internal static string BundledAccount => Path.Combine(AppContext.BaseDirectory, "accounts", "audit-escalation");

    /// <summary>The first line of the bundled audit's report (and, for JSON and SARIF, of standard error): this is not the user's account.</summary>
    internal const string BundledNotice =
        "This is the bundled sample account (audit-escalation), not yours: give --snapshot DIR, --live or --profile NAME to audit your own.";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var snapshot = new Option<DirectoryInfo?>("--snapshot") { Description = "An offline account snapshot folder (default: the bundled audit-escalation sample account)." };
        var live = new Option<bool>("--live") { Description = "Read the account live from AWS with the SDK's default credentials (read-only calls)." };
        var profile = new Option<string?>("--profile") { Description = "Read the account live from AWS with this named profile (implies --live)." };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        CliOptions.AcceptOnly(format, "text", "markdown", "json", "sarif");
        var output = new Option<FileInfo?>("--output") { Description = "Write the report to this file instead of standard output." };
        var pairs = new Option<bool>("--pairs")
        {
            Description = "List every principal × role pair: a grant and a finding per pair, as 0.1 did. By default grants are grouped by what grants them and findings by cause, each with its principals and roles (counts and the first few; every name in JSON).",
        };
        var contextKeys = new Option<string[]>("--context")
        {
            Description = "Pin a condition key of every request, KEY=VALUE (repeatable), e.g. --context aws:SourceIp=10.1.2.3. Without it, circumstances such as the source IP are decided per class of values.",
        };
        var at = new Option<string?>("--at") { Description = "Audit as of this moment (ISO 8601, e.g. 2026-12-01T09:00:00Z) instead of now: aws:CurrentTime and aws:EpochTime." };
        var sarifRoot = CliOptions.SarifRoot();
        var iac = new IacArguments();

        var command = new Command(
            "audit",
            "Audit the whole account: every user and role (as a session) against every role that trusts Glue. Reports who can pass which role to Glue (with or without MFA), who can also run code as it (jobs, sessions, dev endpoints) and where that escalates privilege. Reads an offline snapshot (default: the bundled audit-escalation account) or, with --live or --profile, the account itself; never changes an account. Exit 3 when principals or roles could not be read.")
        {
            snapshot, live, profile, format, output, pairs, contextKeys, at, sarifRoot,
        };
        foreach (var option in iac.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var profileName = parse.GetValue(profile);
            var isLive = parse.GetValue(live) || profileName is not null;
            var iacOptions = iac.Read(parse, parse.GetValue(snapshot)?.FullName, region: null, out var iacError);
            if (iacError is not null)
            {
                await stderr.WriteLineAsync(iacError).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (isLive && (parse.GetValue(snapshot) is not null || iacOptions is not null))
            {
                await stderr.WriteLineAsync("Choose one source: --snapshot DIR (with or without --template, --cdk-out, --terraform-plan), or --live / --profile NAME.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (profileName is not null && !new CredentialProfileStoreChain().TryGetProfile(profileName, out _))
            {
                await stderr.WriteLineAsync($"AWS profile '{profileName}' was not found in the AWS config or credentials files.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var snapshotDirectory = parse.GetValue(snapshot)?.FullName ?? BundledAccount;
            if (!isLive && iacOptions is null && OfflineSource.CheckFolder(snapshotDirectory) is { } missingFolder)
            {
                await stderr.WriteLineAsync(missingFolder).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var root = CliOptions.SarifRootPath(parse.GetValue(sarifRoot), out var badRoot);
            if (badRoot is not null)
            {
                await stderr.WriteLineAsync(badRoot).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (!RequestArguments.TryParse(parse.GetValue(contextKeys), parse.GetValue(at), out var pinned, out var moment, out var badArgument))
            {
                await stderr.WriteLineAsync(badArgument).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            UnreadInput? unreadInput = null;
            void unread(Exception ex) => unreadInput = SarifInput.Unread(ex, SarifInput.AccountLocation(isLive, iacOptions, snapshotDirectory) ?? new ReportLocation { File = snapshotDirectory });

            var services = new ServiceCollection();
            var diagnostics = services.AddPassRoleDiagnostics();
            var perPair = parse.GetValue(pairs);
            services.Configure<PassRoleAuditOptions>(o =>
            {
                o.Request = new RequestOptions { At = moment, Pinned = pinned };
                o.PerPair = perPair;
            });
            if (isLive)
            {
                diagnostics.UseAws(o => o.Aws = new AWSOptions { Profile = profileName });
            }
            else if (await OfflineSource.UseAsync(diagnostics, iacOptions, snapshotDirectory, stderr, "no audit was made", OfflineReading.AuditParts, cancellationToken, unread).ConfigureAwait(false) is { } exitCode)
            {
                // A pull request's SARIF upload still shows why: the log names the file that could not be read.
                if (unreadInput is not null && parse.GetValue(format) == "sarif")
                {
                    await SarifInput.WriteUnreadAsync(unreadInput, root, parse.GetValue(output), stdout, cancellationToken).ConfigureAwait(false);
                }

                return exitCode;
            }

            using var provider = services.BuildServiceProvider();
            var progress = Terminal.ShowProgress(stderr) ? new Progress(stderr) : null;
            var report = await provider.GetRequiredService<IPassRoleAuditor>().AuditAsync(progress, cancellationToken).ConfigureAwait(false);
            progress?.Done();

            // The source is stated in every format, so the bundled sample's made-up findings are never taken for the user's.
            var usingBundled = !isLive && iacOptions is null && parse.GetValue(snapshot) is null;
            report = report with
            {
                Source = isLive ? AuditSource.Live : iacOptions is not null ? AuditSource.InfrastructureAsCode : usingBundled ? AuditSource.BundledSample : AuditSource.Snapshot,
            };
            var chosenFormat = parse.GetValue(format);
            // The JSON is streamed (a --pairs report of a large account runs to hundreds of MB); the others are small.
            var rendered = chosenFormat switch
            {
                "json" => null,
                "markdown" => (usingBundled ? "> " + BundledNotice + "\n\n" : string.Empty) + PassRoleAuditRenderer.ToMarkdown(report),
                "sarif" => ReportSarif.Write(PassRoleAuditRenderer.Sarif(report, SarifInput.AccountLocation(isLive, iacOptions, snapshotDirectory), root) with
                {
                    InputFiles = iacOptions is null ? [snapshotDirectory] : [.. iacOptions.Templates, .. iacOptions.TerraformPlans, .. iacOptions.CdkOutDirectory is { } cdk ? [cdk] : Array.Empty<string>()],
                }),
                _ => (usingBundled ? BundledNotice + "\n\n" : string.Empty) + PassRoleAuditRenderer.ToText(report),
            };
            if (usingBundled && chosenFormat is "json" or "sarif")
            {
                await stderr.WriteLineAsync(BundledNotice).ConfigureAwait(false);
            }

            if (parse.GetValue(output) is { } outputFile)
            {
                var written = rendered is null
                    ? CliFiles.TryWriteAsync(outputFile, (stream, ct) => PassRoleAuditRenderer.WriteJsonAsync(report, stream, ct), cancellationToken)
                    : CliFiles.TryWriteAsync(outputFile, rendered, cancellationToken);
                if (await written.ConfigureAwait(false) is { } notWritten)
                {
                    await stderr.WriteLineAsync(notWritten).ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }
            }
            else if (rendered is null)
            {
                var stream = new TextWriterStream(stdout);
                await using (stream.ConfigureAwait(false))
                {
                    await PassRoleAuditRenderer.WriteJsonAsync(report, stream, cancellationToken).ConfigureAwait(false);
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await stdout.WriteAsync(rendered).ConfigureAwait(false);
            }

            // An account-level note (SCPs a member account cannot read) is not incomplete; unreadable principals or roles are.
            return report.Unknowns.Any(u => u.Principal is not null || u.Role is not null || u.Subject.StartsWith("the account's", StringComparison.Ordinal))
                ? ExitCodes.Incomplete
                : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>"audited 1,250 of 12,000 principals" on one terminal line, rewritten in place.</summary>
    private sealed class Progress(TextWriter writer) : IProgress<PassRoleAuditProgress>
    {
        public void Report(PassRoleAuditProgress value) =>
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"\raudited {value.PrincipalsDone:N0} of {value.PrincipalsTotal:N0} principals"));

        public void Done() => writer.Write("\r\x1b[K");
    }
}
