namespace GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

/// <summary>
/// Runs the tool with chosen AWS variables (loopback endpoints, dummy or emulator keys), never the machine's own, and
/// restores the environment after. Tests that use it belong to the <c>credential environment</c> collection.
/// </summary>
internal static class AwsEnvironment
{
    private static readonly string[] Variables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION",
        "AWS_ENDPOINT_URL", "AWS_EC2_METADATA_DISABLED", "AWS_MAX_ATTEMPTS", "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
    ];

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        IReadOnlyDictionary<string, string> variables, string[] args, CancellationToken cancellationToken = default)
    {
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var variable in Variables)
            {
                Environment.SetEnvironmentVariable(variable, null);
            }

            // No credential or config files and no instance metadata lookup (which would leave loopback).
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(Path.GetTempPath(), "no-such-credentials"));
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(Path.GetTempPath(), "no-such-config"));
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            foreach (var (variable, value) in variables)
            {
                Environment.SetEnvironmentVariable(variable, value);
            }

            return await CliRunner.RunAsync(args, cancellationToken);
        }
        finally
        {
            foreach (var (variable, value) in saved)
            {
                Environment.SetEnvironmentVariable(variable, value);
            }
        }
    }
}
