using System.CommandLine;
using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary><c>glue-passrole policy validate FILE...</c>: checks that files are valid IAM policy documents.</summary>
internal static class PolicyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("files")
        {
            Description = "Policy documents (JSON, plain or URL-encoded as IAM returns them).",
            Arity = ArgumentArity.OneOrMore,
        };
        var validate = new Command("validate", "Parse each policy file; print OK or the error with its JSON path. Exits 1 if any file is invalid.")
        {
            files,
        };
        validate.SetAction(parseResult => Validate(parseResult.GetValue(files) ?? [], stdout, stderr));

        return new Command("policy", "Work with IAM policy documents.") { validate };
    }

    internal static int Validate(IReadOnlyList<FileInfo> files, TextWriter stdout, TextWriter stderr)
    {
        var exitCode = ExitCodes.Success;
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                stderr.WriteLine($"{file}: file not found");
                exitCode = Math.Max(exitCode, ExitCodes.BadInput);
                continue;
            }

            try
            {
                using var stream = file.OpenRead();
                var document = PolicyDocument.Parse(stream);
                stdout.WriteLine($"{file}: OK ({document.Statements.Count} statement{(document.Statements.Count == 1 ? string.Empty : "s")})");
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
}
