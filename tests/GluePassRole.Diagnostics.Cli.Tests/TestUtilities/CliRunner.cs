namespace GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

/// <summary>Runs glue-passrole in-process and finds the repository's sample accounts.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    public static string SampleAccount(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GluePassRole.Diagnostics.sln")))
            {
                return Path.Combine(dir.FullName, "samples", "accounts", name);
            }
        }

        throw new DirectoryNotFoundException($"No GluePassRole.Diagnostics.sln above {AppContext.BaseDirectory}.");
    }
}
