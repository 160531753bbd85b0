using System.CommandLine;
using System.CommandLine.Invocation;
using GluePassRole.Diagnostics.Cli.Commands;

namespace GluePassRole.Diagnostics.Cli;

/// <summary>Composes the glue-passrole commands. Kept apart from Program so tests can run it in-process.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand(
            "glue-passrole explains why an AWS Glue iam:PassRole request is denied and proposes the least-privilege fix. Start with: glue-passrole investigate (the bundled sample account). Exit codes: 0 verdict reached, 1 a check failed, 2 bad input, 3 incomplete (data could not be read), 4 security warnings found (policy validate), 5 unexpected failure (rerun with --verbose), 130 cancelled.")
        {
            InvestigateCommand.Create(stdout, stderr, stdin ?? TextReader.Null),
            AuditCommand.Create(stdout, stderr),
            SimulateCommand.Create(stdout, stderr),
            PolicyCommand.Create(stdout, stderr),
            CheckCommand.Create(stdout, stderr),
            PreflightCommand.Create(stdout, stderr),
        };
        // Prints the detail (exception type and stack) of an unexpected failure; recursive, so every command takes it.
        var verboseOption = new Option<bool>("--verbose")
        {
            Description = "On an unexpected failure, also print its detail (the exception and stack trace) to standard error.",
            Recursive = true,
        };
        root.Options.Add(verboseOption);
        CliOptions.ReadablePaths(root);

        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // A mistyped option or value is bad input (2), as the README says; 1 is reserved for a failed check.
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            await stderr.WriteLineAsync($"Run '{CommandLine(parse)} --help' for the options.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // Failures are handled below rather than by System.CommandLine's handler, which prints the stack trace.
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("Cancelled before the command finished.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            // One sentence, never a type name or a trace; the detail only when asked for.
            var verbose = parse.GetValue(verboseOption);
            // File-system messages name the path and are worded for people; others may name internal types.
            var why = ex is IOException or UnauthorizedAccessException ? ": " + FirstLine(ex.Message) : " on an error it does not expect.";
            await stderr.WriteLineAsync(
                $"{CommandLine(parse)} stopped{why}" + (verbose ? string.Empty : " Rerun with --verbose for the detail.")).ConfigureAwait(false);
            if (verbose)
            {
                await stderr.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.UnexpectedFailure;
        }
    }

    /// <summary>The command as typed, e.g. <c>glue-passrole policy validate</c>.</summary>
    private static string CommandLine(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? "glue-passrole" : result.Command.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>The first line of a message, ending with a full stop.</summary>
    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? "no reason was given." : line.EndsWith('.') ? line : line + ".";
    }
}
