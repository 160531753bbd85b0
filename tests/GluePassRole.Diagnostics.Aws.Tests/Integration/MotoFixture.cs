using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GluePassRole.Diagnostics.Aws.Tests.Integration;

/// <summary>
/// A moto_server on 127.0.0.1 holding the field note's account, built with real AWS CLI calls, plus an offline
/// snapshot of that account taken with the AWS CLI. Uses <c>MOTO_ENDPOINT</c> when set (e.g. by <c>.ci/run</c> through
/// <c>moto/start-moto.sh</c>), otherwise starts moto itself; when neither is possible, <see cref="SkipReason"/> says why.
/// </summary>
public sealed partial class MotoFixture : IAsyncLifetime
{
    private int? _ownedPid;

    public string? Endpoint { get; private set; }

    public string SnapshotDirectory { get; } = Path.Combine(Path.GetTempPath(), "passrole-moto-" + Guid.NewGuid().ToString("N"));

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        var scripts = Path.Combine(AppContext.BaseDirectory, "moto");
        Endpoint = Environment.GetEnvironmentVariable("MOTO_ENDPOINT");
        if (string.IsNullOrEmpty(Endpoint))
        {
            var (code, output, error) = await RunAsync("bash", [Path.Combine(scripts, "start-moto.sh")]);
            var match = ExportLine().Match(output);
            if (code != 0 || !match.Success)
            {
                SkipReason = $"moto_server is not available (install moto[server] with Python, or set MOTO_ENDPOINT): {error.Trim()}";
                return;
            }

            Endpoint = match.Groups["endpoint"].Value;
            _ownedPid = int.Parse(match.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!new Uri(Endpoint).IsLoopback)
        {
            SkipReason = $"MOTO_ENDPOINT must be a loopback address, not {Endpoint}.";
            return;
        }

        var (built, _, buildError) = await RunAsync("bash", [Path.Combine(scripts, "build-account.sh"), Endpoint, SnapshotDirectory, Path.Combine(scripts, "force-mfa.json")]);
        if (built != 0)
        {
            SkipReason = $"Building the account in moto failed (is the AWS CLI installed?): {buildError.Trim()}";
        }
    }

    public Task DisposeAsync()
    {
        if (_ownedPid is int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }

        if (Directory.Exists(SnapshotDirectory))
        {
            Directory.Delete(SnapshotDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"MOTO_ENDPOINT=(?<endpoint>\S+) MOTO_PID=(?<pid>\d+)")]
    private static partial Regex ExportLine();
}
