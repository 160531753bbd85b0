using System.CommandLine;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary><c>glue-passrole investigate</c>: runs the investigation. The investigator lands in its own issue.</summary>
internal static class InvestigateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("investigate", "Investigate an iam:PassRole AccessDenied error (offline sample account by default).");
        command.SetAction(_ =>
        {
            stderr.WriteLine("investigate: not yet available. The policy language has landed; the investigator comes next.");
            stderr.WriteLine("Meanwhile: glue-passrole policy validate FILE... checks IAM policy documents.");
            return ExitCodes.BadInput;
        });
        _ = stdout;
        return command;
    }
}
