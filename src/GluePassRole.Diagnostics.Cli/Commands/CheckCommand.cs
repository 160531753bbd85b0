using System.CommandLine;
using GluePassRole.Diagnostics.Iac;
using GluePassRole.Diagnostics.Policies.Internal;
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

        var command = new Command(
            "check",
            "Before deploy: check every Glue job, crawler, dev endpoint and ML transform that CloudFormation/CDK/Terraform defines: its role exists and trusts Glue, the named principals and groups can pass it to Glue, nobody can pass it to other services. Exit codes: 0 passed (also a conditional pass, whose conditions are named), 1 a check failed, 2 bad input, 3 undecided (unknown before deploy). Example: glue-passrole check --template stack.yaml --group GlueDevelopers")
        {
            snapshot, principals, groups, parameterFiles, account, region, format, output,
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

            IacCheckResult result;
            try
            {
                var loaded = IacAccount.Load(options, cancellationToken);
                result = await IacCheck.RunAsync(loaded, parse.GetValue(principals) ?? [], parse.GetValue(groups) ?? [], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IacTemplateException or IOException or UnauthorizedAccessException or Sources.Snapshot.AccountSnapshotException or ArgumentException)
            {
                await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var text = parse.GetValue(format) switch
            {
                "json" => CheckJson.Write(result),
                "sarif" => Sarif(result),
                "markdown" => Markdown(result),
                _ => Text(result),
            };
            if (parse.GetValue(output) is { } file)
            {
                if (await CliFiles.TryWriteAsync(file, text, cancellationToken).ConfigureAwait(false) is { } notWritten)
                {
                    await stderr.WriteLineAsync(notWritten).ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }
            }
            else
            {
                await stdout.WriteAsync(text).ConfigureAwait(false);
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

    /// <summary>SARIF 2.1.0 (OASIS), the subset code scanning reads: rules, results with level, message and file/line regions.</summary>
    private static string Sarif(IacCheckResult result) => SarifWriter.Write(new SarifRun(
        [.. IacCheck.Rules.Select(rule => new SarifRule(rule.Key, rule.Value))],
        [.. result.Findings.Select(f => new SarifResult(f.RuleId, f.Severity switch
            {
                IacCheckSeverity.Error => "error",
                IacCheckSeverity.Warning or IacCheckSeverity.Unknown => "warning",
                _ => "note",
            }, f.Message)
        {
            Properties = [.. SarifProperties(f)],
            Locations = f.Origin is { } origin
                ? [new SarifLocation(RelativeUri(origin.File))
                {
                    StartLine = origin.Line,
                    LogicalNames = [origin.Property is null ? origin.Resource : $"{origin.Resource}.{origin.Property}"],
                }]
                : [],
        })]));

    /// <summary>The outcome of a conditional pass or an undecided finding, with what it depends on, and the fix (what it is made to, where, the policy, the premise).</summary>
    private static IEnumerable<SarifProperty> SarifProperties(IacCheckFinding f)
    {
        if (f.Severity == IacCheckSeverity.Conditional)
        {
            yield return SarifProperty.Of("outcome", "conditional pass");
            yield return SarifProperty.Of("conditions", string.Join("; ", f.Conditions));
        }

        if (f.Severity == IacCheckSeverity.Unknown)
        {
            yield return SarifProperty.Of("outcome", "undecided");
            yield return SarifProperty.Of("unknowns", string.Join("; ", f.Unknowns));
            if (f.DecidedBy is not null)
            {
                yield return SarifProperty.Of("decidedBy", f.DecidedBy);
            }
        }

        if (f.Fix is { } fix)
        {
            yield return SarifProperty.Of("fixTarget", fix.Target.ToString());
            if (fix.Where is { } where)
            {
                yield return SarifProperty.Of("fixWhere", where.ToString());
            }

            yield return SarifProperty.Of("fixChange", fix.Change);
            if (fix.OnlyIf is not null)
            {
                yield return SarifProperty.Of("fixOnlyIf", fix.OnlyIf);
            }

            if (fix.Policy is { } policy)
            {
                yield return SarifProperty.Of("fixPolicy", policy.ToJson(indented: false));
            }
        }
    }

    /// <summary>Code scanning matches results to files by path relative to the repository; the working folder is the usual root.</summary>
    private static string RelativeUri(string file) => Path.GetRelativePath(Environment.CurrentDirectory, file).Replace('\\', '/');

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
