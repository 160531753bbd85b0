using System.CommandLine;
using GluePassRole.Diagnostics.Iac;
using GluePassRole.Diagnostics.Policies.Internal;
using GluePassRole.Diagnostics.Policies.Reporting;
using GluePassRole.Diagnostics.Reporting;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>
/// <c>glue-passrole check</c>: reads CloudFormation templates, a CDK cloud assembly or Terraform plans (optionally on a
/// snapshot) and checks every Glue resource they define before deploy. Exit codes: 0 passed (also when some checks pass
/// only under conditions, which the output names), 1 a check failed, 2 bad input (a broken template names file, line
/// and path), 3 no failure but something could not be decided.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var iac = new IacArguments();
        var snapshot = new Option<DirectoryInfo?>("--snapshot") { Description = "An account snapshot the IaC is deployed into: users, groups and policies it does not define are read from it." };
        var principals = new Option<string[]>("--principal") { Description = "A principal ARN that must be able to pass each Glue role to Glue (repeatable)." };
        var groups = new Option<string[]>("--group") { Description = "A group whose members must be able to pass each Glue role to Glue (repeatable; name, logical ID or address)." };
        var parameterFiles = new Option<FileInfo[]>("--parameters-file") { Description = "Template parameters: the AWS CLI's [{ParameterKey, ParameterValue}] list or a {\"KEY\": \"VALUE\"} map (repeatable)." };
        var account = new Option<string?>("--account-id") { Description = $"The account deployed to (default: the snapshot's, else {IacSourceOptions.DefaultAccountId})." };
        var region = new Option<string?>("--region") { Description = $"The Region deployed to (default: {IacSourceOptions.DefaultRegion})." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        CliOptions.AcceptOnly(format, "text", "markdown", "json", "sarif");
        var output = new Option<FileInfo?>("--output") { Description = "Write the result to this file instead of standard output." };
        var sarifRoot = CliOptions.SarifRoot();

        var command = new Command(
            "check",
            "Before deploy: check every Glue job, crawler, dev endpoint and ML transform that CloudFormation/CDK/Terraform defines: its role exists and trusts Glue, the named principals and groups can pass it to Glue, nobody can pass it to other services. Exit codes: 0 passed (also a conditional pass, whose conditions are named), 1 a check failed, 2 bad input, 3 undecided (unknown before deploy). Example: glue-passrole check --template stack.yaml --group GlueDevelopers")
        {
            snapshot, principals, groups, parameterFiles, account, region, format, output, sarifRoot,
        };
        foreach (var option in iac.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = iac.Read(parse, parse.GetValue(snapshot)?.FullName, parse.GetValue(region), out var iacError);
            if (iacError is not null)
            {
                await stderr.WriteLineAsync(iacError).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (options is null)
            {
                await stderr.WriteLineAsync("Name what to check: --template FILE, --cdk-out DIR or --terraform-plan FILE.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            options = options with
            {
                ParameterFiles = [.. (parse.GetValue(parameterFiles) ?? []).Select(f => f.FullName)],
                AccountId = parse.GetValue(account),
            };
            var root = CliOptions.SarifRootPath(parse.GetValue(sarifRoot), out var badRoot);
            if (badRoot is not null)
            {
                await stderr.WriteLineAsync(badRoot).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var chosenFormat = parse.GetValue(format);
            IacCheckResult result;
            try
            {
                var loaded = IacAccount.Load(options, cancellationToken);
                result = await IacCheck.RunAsync(loaded, parse.GetValue(principals) ?? [], parse.GetValue(groups) ?? [], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IacTemplateException or IOException or UnauthorizedAccessException or Sources.Snapshot.AccountSnapshotException or ArgumentException)
            {
                await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);

                // A pull request's SARIF upload still shows why: the log names the file that could not be read.
                if (chosenFormat == "sarif")
                {
                    var log = Sarif(new IacCheckResult([]), options, root) with { Unreadable = [SarifInput.Unread(ex, InputLocation(options))] };
                    await CliFiles.WriteOutputAsync(ReportSarif.Write(log), parse.GetValue(output), stdout, stderr, cancellationToken).ConfigureAwait(false);
                }

                return ExitCodes.BadInput;
            }

            var text = chosenFormat switch
            {
                "json" => CheckJson.Write(result),
                "sarif" => ReportSarif.Write(Sarif(result, options, root)),
                "markdown" => Markdown(result),
                _ => Text(result),
            };
            if (!await CliFiles.WriteOutputAsync(text, parse.GetValue(output), stdout, stderr, cancellationToken).ConfigureAwait(false))
            {
                return ExitCodes.BadInput;
            }

            return result.HasErrors ? ExitCodes.CheckFailed : result.HasUnknowns ? ExitCodes.Incomplete : ExitCodes.Success;
        });
        return command;
    }

    internal static string Text(IacCheckResult result)
    {
        var text = new StringWriter();
        foreach (var finding in result.Findings)
        {
            text.WriteLine($"{Label(finding.Severity)} {finding.RuleId} {(finding.Origin is null ? string.Empty : finding.Origin + ": ")}{finding.Message}");
        }

        text.WriteLine(Summary(result));
        return text.ToString();
    }

    private static string Markdown(IacCheckResult result)
    {
        var text = new StringWriter();
        text.WriteLine("| Severity | Rule | Where | Finding |");
        text.WriteLine("| --- | --- | --- | --- |");
        foreach (var f in result.Findings)
        {
            text.WriteLine($"| {Label(f.Severity)} | {f.RuleId} | {Cell(f.Origin?.ToString() ?? string.Empty)} | {Cell(f.Message)} |");
        }

        text.WriteLine();
        text.WriteLine(Summary(result));
        return text.ToString();
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    /// <summary>
    /// SARIF 2.1.0 through the one mapping every command uses (<see cref="ReportSarif"/>). A finding the IaC gives no place
    /// (a principal named on the command line, a loader's note) is located at the first input file.
    /// </summary>
    internal static SarifReport Sarif(IacCheckResult result, IacSourceOptions options, string sourceRoot) =>
        new([.. IacCheckReport.Rules], [.. result.Findings.Select(f => f.ToReportFinding())])
        {
            SourceRoot = sourceRoot,
            DefaultLocation = InputLocation(options),
            InputFiles = [.. options.Templates, .. options.TerraformPlans, .. options.ParameterFiles, .. options.CdkOutDirectory is { } cdk ? [cdk] : Array.Empty<string>(), .. options.SnapshotDirectory is { } snapshot ? [snapshot] : Array.Empty<string>()],
        };

    /// <summary>The input a finding without a place of its own is reported at: the first template or plan, else the CDK assembly's manifest.</summary>
    private static ReportLocation InputLocation(IacSourceOptions options) => new()
    {
        File = options.Templates.Concat(options.TerraformPlans).FirstOrDefault()
            ?? (options.CdkOutDirectory is { } cdk ? Path.Combine(cdk, "manifest.json") : null),
    };

    private static string Label(IacCheckSeverity severity) => severity switch
    {
        IacCheckSeverity.Error => "FAIL",
        IacCheckSeverity.Warning => "WARN",
        IacCheckSeverity.Unknown => "UNKNOWN",
        IacCheckSeverity.Conditional => "CONDITIONAL",
        _ => "note",
    };

    private static string Summary(IacCheckResult result)
    {
        int Count(IacCheckSeverity s) => result.Findings.Count(f => f.Severity == s);
        var head = result.HasErrors ? "FAILED" : result.HasUnknowns ? "UNDECIDED" : result.HasConditions ? "PASSED CONDITIONALLY" : "PASSED";
        var conditional = Count(IacCheckSeverity.Conditional) is var c and > 0 ? $", {c} conditional (passes only under the conditions named)" : string.Empty;
        return $"{result.Scope}{Environment.NewLine}{head}: {Count(IacCheckSeverity.Error)} failed, {Plural.Count(Count(IacCheckSeverity.Warning), "warning")}{conditional}, {Count(IacCheckSeverity.Unknown)} unknown before deploy.";
    }
}
