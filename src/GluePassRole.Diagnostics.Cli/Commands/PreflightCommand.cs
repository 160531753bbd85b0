using System.CommandLine;
using Amazon;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime.CredentialManagement;
using GluePassRole.Diagnostics.Aws;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Preflight;
using GluePassRole.Diagnostics.Sources.Snapshot;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary><c>glue-passrole preflight</c>: will this Glue job work? A checklist of the job's needs, each decided.</summary>
internal static class PreflightCommand
{
    /// <summary>The bundled sample of a job whose role cannot read its script nor use its temporary directory.</summary>
    internal static string BundledAccount => Path.Combine(AppContext.BaseDirectory, "accounts", "glue-preflight");

    /// <summary>The bundled sample's job and Region.</summary>
    private const string BundledJob = "nightly-etl";
    private const string BundledRegion = "ap-northeast-1";

    internal const string BundledNotice =
        "This is the bundled sample account (glue-preflight), not yours: give --job NAME with --snapshot DIR, --template FILE or --live to check your own job.";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var job = new Option<string?>("--job") { Description = "The Glue job to check." };
        var principal = new Option<string?>("--principal") { Description = "Who saves and runs the job (an IAM user or role ARN, or a role session ARN); the caller when omitted." };
        var region = new Option<string?>("--region") { Description = "The job's AWS Region: it names the job's ARN, log groups and connections (with --live, also where the job is read)." };
        var snapshot = new Option<DirectoryInfo?>("--snapshot") { Description = "An offline account snapshot folder, with the job's resource files (s3api-get-bucket-policy-*, kms-get-key-policy-*, glue-get-security-configuration-*, glue-get-connection-*)." };
        var live = new Option<bool>("--live") { Description = "Read the account live from AWS with the SDK's default credentials (read-only calls)." };
        var profile = new Option<string?>("--profile") { Description = "Read the account live from AWS with this named profile (implies --live)." };
        var at = new Option<string?>("--at") { Description = "Evaluate the requests at this moment (ISO 8601) instead of now." };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        CliOptions.AcceptOnly(format, "text", "markdown", "json");
        var output = new Option<FileInfo?>("--output") { Description = "Write the report to this file instead of standard output." };
        var iac = new IacArguments();
        var command = new Command(
            "preflight",
            "Will this Glue job work? Decides, as a checklist, whether the principal can save and run the job and pass its role, whether Glue can assume the role, and whether the role can do what the job definition says (script, temporary directory, logs, metrics, connections, keys), with bucket and key policies where they can be read. Never changes an account. Example: glue-passrole preflight --snapshot DIR --job nightly-etl --region eu-west-1")
        {
            job, principal, region, snapshot, live, profile, at, format, output,
        };
        foreach (var option in iac.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(principal) is { } principalArn && !principalArn.StartsWith("arn:", StringComparison.Ordinal))
            {
                await stderr.WriteLineAsync($"--principal must be an ARN such as arn:aws:iam::123456789012:user/dana, not '{principalArn}'.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var profileName = parse.GetValue(profile);
            var snapshotDirectory = parse.GetValue(snapshot)?.FullName;
            var iacOptions = iac.Read(parse, snapshotDirectory, parse.GetValue(region), out var iacError);
            if (iacError is not null)
            {
                await stderr.WriteLineAsync(iacError).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var isLive = parse.GetValue(live) || profileName is not null;
            if (isLive && (snapshotDirectory is not null || iacOptions is not null))
            {
                await stderr.WriteLineAsync("Choose one source: --snapshot DIR (with or without --template, --cdk-out, --terraform-plan), or --live / --profile NAME.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var jobName = parse.GetValue(job);
            var usingBundled = !isLive && snapshotDirectory is null && iacOptions is null;
            if (usingBundled && jobName is not null)
            {
                await stderr.WriteLineAsync("--job needs a source: --snapshot DIR, --template FILE (or --cdk-out, --terraform-plan), or --live / --profile NAME.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (!usingBundled && jobName is null)
            {
                await stderr.WriteLineAsync("Give the Glue job to check: --job NAME.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (profileName is not null && !new CredentialProfileStoreChain().TryGetProfile(profileName, out _))
            {
                await stderr.WriteLineAsync($"AWS profile '{profileName}' was not found in the AWS config or credentials files.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            snapshotDirectory ??= usingBundled ? BundledAccount : null;
            if (!isLive && iacOptions is null && OfflineSource.CheckFolder(snapshotDirectory!) is { } missingFolder)
            {
                await stderr.WriteLineAsync(missingFolder).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (!RequestArguments.TryParse(null, parse.GetValue(at), out _, out var moment, out var badArgument))
            {
                await stderr.WriteLineAsync(badArgument).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var services = new ServiceCollection();
            var diagnostics = services.AddPassRoleDiagnostics();
            var regionName = parse.GetValue(region) ?? (usingBundled ? BundledRegion : null);
            if (isLive)
            {
                diagnostics.UseAws(o => o.Aws = new AWSOptions
                {
                    Profile = profileName,
                    Region = regionName is null ? null : RegionEndpoint.GetBySystemName(regionName),
                });
            }
            else
            {
                if (await OfflineSource.UseAsync(diagnostics, iacOptions, snapshotDirectory ?? string.Empty, stderr, "nothing was checked", OfflineReading.InvestigationParts, cancellationToken).ConfigureAwait(false) is { } exitCode)
                {
                    return exitCode;
                }

                if (iacOptions is null && snapshotDirectory is not null)
                {
                    // With IaC, the account it would create serves the job resources (and the snapshot's below them).
                    diagnostics.UseGlueJobResources(GlueJobResourceSnapshot.FromDirectory(snapshotDirectory));
                }
            }

            using var provider = services.BuildServiceProvider();
            GlueJobPreflightReport report;
            try
            {
                report = await provider.GetRequiredService<IGlueJobPreflight>().RunAsync(
                    new GlueJobPreflightRequest { JobName = jobName ?? BundledJob, Principal = parse.GetValue(principal), Region = regionName, At = moment },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await stderr.WriteLineAsync("Cancelled while checking the job; no checklist was written.").ConfigureAwait(false);
                return ExitCodes.Cancelled;
            }

            var rendered = parse.GetValue(format) switch
            {
                "json" => PreflightReportRenderer.ToJson(report),
                "markdown" => (usingBundled ? "> " + BundledNotice + "\n\n" : string.Empty) + PreflightReportRenderer.ToMarkdown(report),
                _ => (usingBundled ? BundledNotice + "\n\n" : string.Empty) + PreflightReportRenderer.ToText(report),
            };
            if (usingBundled && parse.GetValue(format) == "json")
            {
                await stderr.WriteLineAsync(BundledNotice).ConfigureAwait(false);
            }

            if (!await CliFiles.WriteOutputAsync(rendered, parse.GetValue(output), stdout, stderr, cancellationToken).ConfigureAwait(false))
            {
                return ExitCodes.BadInput;
            }

            // A denied need is a failed check (1); otherwise a need whose data could not be read makes it incomplete (3).
            return report.Needs.Any(n => n.Decision is NeedDecision.ImplicitDeny or NeedDecision.ExplicitDeny) ? ExitCodes.CheckFailed
                : report.IsIncomplete ? ExitCodes.Incomplete
                : ExitCodes.Success;
        });
        return command;
    }
}
