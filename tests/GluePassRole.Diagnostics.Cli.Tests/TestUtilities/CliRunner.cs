namespace GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

/// <summary>Runs glue-passrole in-process.</summary>
internal static class CliRunner
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, stdout, stderr, cancellationToken: cancellationToken);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
