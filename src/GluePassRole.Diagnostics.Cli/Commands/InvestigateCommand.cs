using System.CommandLine;
using Amazon;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime.CredentialManagement;
using GluePassRole.Diagnostics.Aws;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Policies.Reporting;
using GluePassRole.Diagnostics.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary><c>glue-passrole investigate</c>: composes the library through DI, runs the investigation, renders the report.</summary>
internal static class InvestigateCommand
{
    /// <summary>The bundled sample account of the field note, shown when nothing is asked.</summary>
    internal static string BundledAccount => Path.Combine(AppContext.BaseDirectory, "accounts", "field-note");

    /// <summary>The first line of the bare demo's report: this is not the user's account.</summary>
    internal const string BundledNotice =
        "This is the bundled sample account (the field note's incident), not yours: give --error-file FILE with --snapshot DIR, --live or --profile NAME to investigate your own.";

    public static Command Create(TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var error = new Option<string?>("--error") { Description = "The AccessDenied text (as pasted from the console, CLI or SDK)." };
        var errorFile = new Option<FileInfo?>("--error-file") { Description = "A file holding the AccessDenied text ('-' reads standard input)." };
        var principal = new Option<string?>("--principal") { Description = "The principal ARN that passes the role (instead of an error text)." };
        var role = new Option<string?>("--role") { Description = "The role ARN or name being passed." };
        var job = new Option<string?>("--job") { Description = "The Glue job whose save failed (or a crawler, interactive session or dev endpoint of that name; with IaC, a name or logical ID); its role is read and compared." };
        var service = new Option<string>("--service") { Description = "The service the role is passed to.", DefaultValueFactory = _ => PassRoleInvestigationRequest.GlueServicePrincipal };
        var region = new Option<string?>("--region") { Description = "The AWS Region of the Glue job (implies a live read)." };
        var mfa = CliOptions.TrueOrFalse("--mfa", "Whether the failed request carried MFA (aws:MultiFactorAuthPresent): true or false; inferred from the error when omitted.", "whether the failed request carried MFA");
        var snapshot = new Option<DirectoryInfo?>("--snapshot") { Description = "An offline account snapshot folder. Without a source, an error, principal or job is investigated live; with nothing at all, the bundled sample account is shown." };
        var live = new Option<bool>("--live") { Description = "Read the account live from AWS with the SDK's default credentials (read-only calls); the default when an error, principal or job is given without --snapshot." };
        var profile = new Option<string?>("--profile") { Description = "Read the account live from AWS with this named profile (implies --live)." };
        var contextKeys = new Option<string[]>("--context")
        {
            Description = "Pin a condition key of the failed request, KEY=VALUE (repeatable; a key given twice keeps both values), e.g. --context aws:SourceIp=10.1.2.3. Without it, circumstances such as the source IP are decided per class of values.",
            AllowMultipleArgumentsPerToken = false,
        };
        var at = new Option<string?>("--at") { Description = "Evaluate the request at this moment (ISO 8601, e.g. 2026-12-01T09:00:00Z) instead of now: aws:CurrentTime and aws:EpochTime." };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        CliOptions.AcceptOnly(format, "text", "markdown", "json", "sarif");
        var sarifRoot = CliOptions.SarifRoot();
        var output = new Option<FileInfo?>("--output") { Description = "Write the report to this file instead of standard output." };
        var iac = new IacArguments();

        var command = new Command(
            "investigate",
            "Explain why passing a role to Glue is denied and propose the least-privilege fix. Reads an offline snapshot (default: the bundled field-note account) or, with --live or --profile, the account itself; never changes an account. Example: glue-passrole investigate --snapshot DIR --error-file error.txt --job nightly-etl")
        {
            error, errorFile, principal, role, job, service, region, mfa, contextKeys, at, snapshot, live, profile, format, output, sarifRoot,
        };
        foreach (var option in iac.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var errorText = parse.GetValue(error);
            if (errorText is not null && parse.GetValue(errorFile) is not null)
            {
                await stderr.WriteLineAsync("Give the AccessDenied text once: --error TEXT or --error-file FILE, not both.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (errorText is not null && string.IsNullOrWhiteSpace(errorText))
            {
                await stderr.WriteLineAsync("--error is empty; give the AccessDenied text.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var errorSource = "--error";
            if (parse.GetValue(errorFile) is { } file)
            {
                errorSource = file.Name == "-" ? "standard input" : file.ToString();
                string? unreadableError;
                try
                {
                    (errorText, unreadableError) = await CliFiles.TryReadTextAsync(file, "the AccessDenied text", stdin, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await stderr.WriteLineAsync($"Cancelled while reading the AccessDenied text from {(file.Name == "-" ? "standard input" : file.ToString())}; nothing was investigated.").ConfigureAwait(false);
                    return ExitCodes.Cancelled;
                }

                if (unreadableError is not null)
                {
                    await stderr.WriteLineAsync(unreadableError).ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }
            }

            if (parse.GetValue(principal) is { } principalArn && !principalArn.StartsWith("arn:", StringComparison.Ordinal))
            {
                await stderr.WriteLineAsync($"--principal must be an ARN such as arn:aws:iam::123456789012:user/dana, not '{principalArn}'.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var profileName = parse.GetValue(profile);
            var snapshotDirectory = parse.GetValue(snapshot)?.FullName;
            var asked = errorText is not null || parse.GetValue(principal) is not null || parse.GetValue(job) is not null;
            var iacOptions = iac.Read(parse, snapshotDirectory, parse.GetValue(region), out var iacError);
            if (iacError is not null)
            {
                await stderr.WriteLineAsync(iacError).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            // The bundled account is for the bare demo only: a user's own error, principal or job is read from their
            // account, live, as the AWS CLI would (profile and region also mean live).
            // IaC (alone or on a snapshot) is an offline source too: the account a template or plan would create.
            var isLive = parse.GetValue(live) || profileName is not null
                || (iacOptions is null && (parse.GetValue(region) is not null || (snapshotDirectory is null && asked)));
            if (isLive && (snapshotDirectory is not null || iacOptions is not null))
            {
                await stderr.WriteLineAsync(parse.GetValue(live) || profileName is not null
                    ? "Choose one source: --snapshot DIR (with or without --template, --cdk-out, --terraform-plan), or --live / --profile NAME."
                    : "--region reads the Glue job from your account live, so it does not go with --snapshot DIR: leave out --region to read the snapshot, or --snapshot to read the account live.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (profileName is not null && !new CredentialProfileStoreChain().TryGetProfile(profileName, out _))
            {
                await stderr.WriteLineAsync($"AWS profile '{profileName}' was not found in the AWS config or credentials files.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var root = CliOptions.SarifRootPath(parse.GetValue(sarifRoot), out var badRoot);
            if (badRoot is not null)
            {
                await stderr.WriteLineAsync(badRoot).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var usingBundled = snapshotDirectory is null && !isLive && iacOptions is null;
            snapshotDirectory ??= BundledAccount;
            if (!isLive && iacOptions is null && OfflineSource.CheckFolder(snapshotDirectory) is { } missingFolder)
            {
                await stderr.WriteLineAsync(missingFolder).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (errorText is not null && ErrorInput.NotAnAccessDeniedMessage(errorText) is { } notAccessDenied)
            {
                // Nothing failed to read: the input is not what the tool reads, so say what was expected (2, not 3).
                await stderr.WriteLineAsync($"{errorSource}: {notAccessDenied}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (isLive && profileName is null && !HasDefaultCredentials())
            {
                await stderr.WriteLineAsync("No AWS credentials were found to read your account: give --profile NAME, or --live with credentials in the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID), or --snapshot DIR to read an offline snapshot.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (usingBundled)
            {
                // The README's first command: the bundled account's own error.
                errorText = await File.ReadAllTextAsync(Path.Combine(snapshotDirectory, "error.txt"), cancellationToken).ConfigureAwait(false);
            }

            if (!RequestArguments.TryParse(parse.GetValue(contextKeys), parse.GetValue(at), out var context, out var moment, out var badArgument))
            {
                await stderr.WriteLineAsync(badArgument).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(mfa) is { } carriedMfa)
            {
                context = context.With("aws:MultiFactorAuthPresent", carriedMfa);
            }

            var request = new PassRoleInvestigationRequest
            {
                ErrorText = errorText,
                Principal = parse.GetValue(principal),
                Role = parse.GetValue(role),
                GlueJobName = parse.GetValue(job),
                Service = parse.GetValue(service)!,
                Region = parse.GetValue(region),
                Context = context,
                At = moment,
            };
            if (request.ErrorText is null && (request.Principal is null ? request.GlueJobName is null : request.Role is null && request.GlueJobName is null))
            {
                await stderr.WriteLineAsync("Give the AccessDenied text (--error, --error-file), --principal with --role or --job, or --job alone to investigate yourself (the caller).").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            UnreadInput? unreadInput = null;
            void unread(Exception ex) => unreadInput = SarifInput.Unread(ex, SarifInput.AccountLocation(isLive, iacOptions, snapshotDirectory) ?? new ReportLocation { File = snapshotDirectory });

            var services = new ServiceCollection();
            var diagnostics = services.AddPassRoleDiagnostics();
            var trail = new StepTrail();
            diagnostics.AddObserver(trail);
            if (isLive && Terminal.ShowProgress(stderr))
            {
                // Live reads take seconds: show each step as it starts and completes.
                diagnostics.AddObserver(new StepProgress(stderr));
            }

            if (isLive)
            {
                var regionName = parse.GetValue(region);
                diagnostics.UseAws(o => o.Aws = new AWSOptions
                {
                    Profile = profileName,
                    Region = regionName is null ? null : RegionEndpoint.GetBySystemName(regionName),
                });
            }
            else if (await OfflineSource.UseAsync(diagnostics, iacOptions, snapshotDirectory, stderr, "no verdict was reached", OfflineReading.InvestigationParts, cancellationToken, unread).ConfigureAwait(false) is { } exitCode)
            {
                // A pull request's SARIF upload still shows why: the log names the file that could not be read.
                if (unreadInput is not null && parse.GetValue(format) == "sarif")
                {
                    await SarifInput.WriteUnreadAsync(unreadInput, root, parse.GetValue(output), stdout, cancellationToken).ConfigureAwait(false);
                }

                return exitCode;
            }

            using var provider = services.BuildServiceProvider();
            if (request.ErrorText is null && request.Principal is null)
            {
                // --job alone: the principal is whoever runs the tool, as sts:GetCallerIdentity (or the snapshot's copy) says.
                var caller = await provider.GetRequiredService<Sources.IAccountIdentitySource>().GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
                if (!caller.TryGetValue(out var identity))
                {
                    await stderr.WriteLineAsync($"--job without --principal investigates the caller, but the caller identity (sts:GetCallerIdentity) could not be read: {caller.Error?.Message ?? caller.ToString()} Give --principal ARN.").ConfigureAwait(false);
                    return ExitCodes.Incomplete;
                }

                request = request with { Principal = identity.Arn };
            }

            if (isLive && request.ErrorText is { } pasted
                && await EncodedMessage.TryDecodeAsync(pasted, provider.GetRequiredService<IAuthorizationMessageDecoder>(), stderr, cancellationToken).ConfigureAwait(false) is { } decoded)
            {
                // Investigated as if the user had pasted the decoded JSON.
                request = request with { ErrorText = decoded };
            }

            PassRoleReport report;
            try
            {
                report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await stderr.WriteLineAsync(trail.Cancelled()).ConfigureAwait(false);
                return ExitCodes.Cancelled;
            }

            var colour = parse.GetValue(output) is null && Terminal.UseColour(stdout);
            var rendered = parse.GetValue(format) switch
            {
                "json" => PassRoleReportRenderer.ToJson(report),
                "sarif" => ReportSarif.Write(InvestigationSarif.Create(
                    report,
                    parse.GetValue(errorFile) is { Name: not "-" } errorInput ? new ReportLocation { File = errorInput.FullName } : SarifInput.AccountLocation(isLive, iacOptions, snapshotDirectory),
                    root)),
                "markdown" => (usingBundled ? "> " + BundledNotice + "\n\n" : string.Empty) + PassRoleReportRenderer.ToMarkdown(report),
                _ => (usingBundled ? BundledNotice + "\n\n" : string.Empty) + PassRoleReportRenderer.ToText(report, colour ? Terminal.Verdict : static (line, _) => line),
            };
            if (usingBundled && parse.GetValue(format) is "json" or "sarif")
            {
                await stderr.WriteLineAsync(BundledNotice).ConfigureAwait(false);
            }

            // --verbose: the request evaluated, every key with its source (the JSON report always carries it).
            if (parse.GetValue<bool>("--verbose") && parse.GetValue(format) is not ("json" or "sarif") && report.Request is { } built)
            {
                rendered += Environment.NewLine + "Request evaluated (each key and where it came from):" + Environment.NewLine
                    + string.Join(Environment.NewLine, built.Describe().Select(line => "  " + line)) + Environment.NewLine;
            }

            if (!await CliFiles.WriteOutputAsync(rendered, parse.GetValue(output), stdout, stderr, cancellationToken).ConfigureAwait(false))
            {
                return ExitCodes.BadInput;
            }

            // A verdict from readable data is a verdict (SCPs a member account cannot read are noted, not fatal).
            return report.Decision == Policies.Evaluation.Decision.Unknown ? ExitCodes.Incomplete : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Whether the SDK's default credential chain finds credentials (environment, profile, SSO, container, instance).</summary>
    private static bool HasDefaultCredentials()
    {
        try
        {
            return Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(null) is not null;
        }
        catch (Amazon.Runtime.AmazonClientException)
        {
            return false;
        }
    }
}
