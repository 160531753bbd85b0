using System.CommandLine;
using System.Globalization;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Internal;
using GluePassRole.Diagnostics.Policies.Reporting;
using GluePassRole.Diagnostics.Policies.Validation;
using GluePassRole.Diagnostics.Reporting;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>
/// <c>glue-passrole policy validate [--type TYPE] [--format text|json|sarif] FILE...</c>: without <c>--type</c>, checks
/// that files parse as IAM policy documents; with it, runs the policy checks for that policy type.
/// </summary>
internal static class PolicyCommand
{
    /// <summary>The <c>--type</c> values and the policy types they stand for.</summary>
    internal static readonly IReadOnlyDictionary<string, PolicyType> Types = new Dictionary<string, PolicyType>(StringComparer.Ordinal)
    {
        ["identity"] = PolicyType.IdentityBased,
        ["resource"] = PolicyType.ResourceBased,
        ["trust"] = PolicyType.RoleTrustPolicy,
        ["boundary"] = PolicyType.PermissionsBoundary,
        ["scp"] = PolicyType.ServiceControlPolicy,
        ["rcp"] = PolicyType.ResourceControlPolicy,
        ["session"] = PolicyType.SessionPolicy,
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("files")
        {
            Description = "Policy documents (JSON, plain or URL-encoded as IAM returns them).",
            Arity = ArgumentArity.OneOrMore,
        };
        // Values are checked in the action rather than by the parser, so a wrong one exits 2 (bad input), not 1 (errors found).
        var type = new Option<string?>("--type")
        {
            Description = $"Check the documents as this policy type ({string.Join("|", Types.Keys)}): grammar errors, security warnings (e.g. iam:PassRole on every role), warnings, suggestions.",
        };
        var format = new Option<string>("--format") { Description = "Output format: text|json|sarif (json and sarif need --type).", DefaultValueFactory = _ => "text" };
        var sarifRoot = CliOptions.SarifRoot();
        var validate = new Command(
            "validate",
            "Parse each policy file; with --type, run the policy checks for that type. Exits 1 on errors, 4 on security warnings only, 2 on bad input.")
        {
            files, type, format, sarifRoot,
        };
        validate.SetAction(parseResult =>
        {
            var inputs = parseResult.GetValue(files) ?? [];
            // Values in any case, as the other commands take them (--format JSON, --type Identity).
            var outputFormat = (parseResult.GetValue(format) ?? "text").ToLowerInvariant();
            if (outputFormat is not ("text" or "json" or "sarif"))
            {
                stderr.WriteLine($"--format {outputFormat}: expected text, json or sarif.");
                return ExitCodes.BadInput;
            }

            var typeName = parseResult.GetValue(type)?.ToLowerInvariant();
            if (typeName is not null && !Types.ContainsKey(typeName))
            {
                stderr.WriteLine($"--type {typeName}: expected one of {string.Join(", ", Types.Keys)}.");
                return ExitCodes.BadInput;
            }

            if (typeName is null)
            {
                if (outputFormat != "text")
                {
                    stderr.WriteLine($"--format {outputFormat} needs --type ({string.Join("|", Types.Keys)}).");
                    return ExitCodes.BadInput;
                }

                return Validate(inputs, stdout, stderr);
            }

            var root = CliOptions.SarifRootPath(parseResult.GetValue(sarifRoot), out var badRoot);
            if (badRoot is not null)
            {
                stderr.WriteLine(badRoot);
                return ExitCodes.BadInput;
            }

            return Check(inputs, Types[typeName], outputFormat, stdout, stderr, root);
        });

        return new Command("policy", "Work with IAM policy documents.") { validate };
    }

    /// <summary>Without <c>--type</c>: parse each file and print OK or the error (the behaviour before policy types).</summary>
    internal static int Validate(IReadOnlyList<FileInfo> files, TextWriter stdout, TextWriter stderr)
    {
        var exitCode = ExitCodes.Success;
        foreach (var file in files)
        {
            if (CliFiles.Missing(file) is { } missing)
            {
                stderr.WriteLine(missing);
                exitCode = Math.Max(exitCode, ExitCodes.BadInput);
                continue;
            }

            try
            {
                using var stream = file.OpenRead();
                var document = PolicyDocument.Parse(stream);
                stdout.WriteLine($"{file}: OK ({Plural.Count(document.Statements.Count, "statement")})");
            }
            catch (PolicyDocumentException ex)
            {
                stdout.WriteLine($"{file}: INVALID {ex.Message}");
                exitCode = Math.Max(exitCode, ExitCodes.CheckFailed);
            }
            catch (IOException ex)
            {
                stderr.WriteLine($"{file}: cannot read: {ex.Message}");
                exitCode = Math.Max(exitCode, ExitCodes.BadInput);
            }
            catch (UnauthorizedAccessException ex)
            {
                stderr.WriteLine($"{file}: cannot read: {ex.Message}");
                exitCode = Math.Max(exitCode, ExitCodes.BadInput);
            }
        }

        return exitCode;
    }

    /// <summary>With <c>--type</c>: run the checks on each file and write the findings.</summary>
    internal static int Check(IReadOnlyList<FileInfo> files, PolicyType type, string format, TextWriter stdout, TextWriter stderr, string? sarifRoot = null)
    {
        var validated = new List<ValidatedFile>();
        var unreadable = new List<UnreadInput>();
        foreach (var file in files)
        {
            if (TryRead(file, out var text) is { } error)
            {
                stderr.WriteLine(error);
                unreadable.Add(new UnreadInput(error, new ReportLocation { File = file.FullName }));
                continue;
            }

            validated.Add(new ValidatedFile(file, PolicyValidator.Validate(text, type)));
        }

        switch (format)
        {
            case "json":
                PolicyValidationOutput.WriteJson(validated, stdout);
                break;
            case "sarif":
                PolicyValidationOutput.WriteSarif(validated, unreadable, sarifRoot ?? Environment.CurrentDirectory, stdout);
                break;
            default:
                PolicyValidationOutput.WriteText(validated, stdout);
                break;
        }

        return unreadable.Count > 0 ? ExitCodes.BadInput
            : validated.Any(v => v.Result.HasErrors) ? ExitCodes.CheckFailed
            : validated.Any(v => v.Result.HasSecurityWarnings) ? ExitCodes.SecurityWarnings
            : ExitCodes.Success;
    }

    /// <summary>Reads a file's text; returns why it cannot be read, or <see langword="null"/>.</summary>
    private static string? TryRead(FileInfo file, out string text)
    {
        text = string.Empty;
        try
        {
            // A document over the bound is refused by the parser; do not read a huge file whole to find that out.
            if (CliFiles.Missing(file) is { } missing)
            {
                return missing;
            }

            if (file.Length > PolicyDocument.MaxDocumentLength * 4L)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{file}: {file.Length:N0} bytes, far over the policy document bound of {PolicyDocument.MaxDocumentLength:N0} bytes");
            }

            text = File.ReadAllText(file.FullName);
            return null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return $"{file}: file not found";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{file}: cannot read: {ex.Message}";
        }
    }
}

/// <summary>A file and what the checks found in it.</summary>
internal sealed record ValidatedFile(FileInfo File, PolicyValidationResult Result);
