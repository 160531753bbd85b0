using System.CommandLine;
using GluePassRole.Diagnostics.Cli.Commands;

namespace GluePassRole.Diagnostics.Cli;

/// <summary>Composes the glue-passrole commands. Kept apart from Program so tests can run it in-process.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null)
    {
        var root = new RootCommand(
            "glue-passrole explains why an AWS Glue iam:PassRole request is denied and proposes the least-privilege fix. Start with: glue-passrole investigate (the bundled sample account). Exit codes: 0 verdict reached, 1 a check failed, 2 bad input, 3 incomplete (data could not be read), 4 security warnings found (policy validate).")
        {
            InvestigateCommand.Create(stdout, stderr, stdin ?? TextReader.Null),
            AuditCommand.Create(stdout, stderr),
            SimulateCommand.Create(stdout, stderr),
            PolicyCommand.Create(stdout, stderr),
            CheckCommand.Create(stdout, stderr),
        };

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }
}
