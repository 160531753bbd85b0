using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GluePassRole.Diagnostics.Aws.Tests.Integration;

/// <summary>
/// A moto_server on 127.0.0.1. Uses <c>MOTO_ENDPOINT</c> when set and <see cref="SharesEndpoint"/> allows it (e.g. started by
/// <c>.ci/run</c> through <c>moto/start-moto.sh</c>), otherwise starts one of its own and stops it afterwards; when neither
/// is possible, <see cref="SkipReason"/> says why.
/// </summary>
public abstract partial class MotoFixtureBase : IAsyncLifetime
{
    private int? _ownedPid;

    public string? Endpoint { get; private set; }

    public string? SkipReason { get; protected set; }

    protected static string Scripts => Path.Combine(AppContext.BaseDirectory, "moto");

    /// <summary>Whether a moto started outside the tests may be used (false when the fixture changes server-wide settings).</summary>
    protected virtual bool SharesEndpoint => true;

    public async Task InitializeAsync()
    {
        Endpoint = SharesEndpoint ? Environment.GetEnvironmentVariable("MOTO_ENDPOINT") : null;
        if (string.IsNullOrEmpty(Endpoint))
        {
            var (code, output, error) = await RunAsync("bash", [Path.Combine(Scripts, "start-moto.sh")]);
            var match = ExportLine().Match(output);
            if (code != 0 || !match.Success)
            {
                SkipReason = $"moto_server is not available (install moto[server] for Python, or set MOTO_ENDPOINT): {error.Trim()}";
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

        await BuildAsync(Endpoint);
    }

    public virtual Task DisposeAsync()
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

        return Task.CompletedTask;
    }

    /// <summary>Builds the account; sets <see cref="SkipReason"/> when that is impossible.</summary>
    protected abstract Task BuildAsync(string endpoint);

    protected static async Task<(int Code, string Output, string Error)> RunAsync(string file, string[] arguments)
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

/// <summary>
/// The field note's account, built in moto with real AWS CLI calls, plus an offline snapshot of it taken with the AWS CLI.
/// </summary>
public sealed class MotoFixture : MotoFixtureBase
{
    public string SnapshotDirectory { get; } = Path.Combine(Path.GetTempPath(), "passrole-moto-" + Guid.NewGuid().ToString("N"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(SnapshotDirectory))
        {
            Directory.Delete(SnapshotDirectory, recursive: true);
        }
    }

    protected override async Task BuildAsync(string endpoint)
    {
        var (code, _, error) = await RunAsync("bash", [Path.Combine(Scripts, "build-account.sh"), endpoint, SnapshotDirectory, Path.Combine(Scripts, "force-mfa.json")]);
        if (code != 0)
        {
            SkipReason = $"Building the account in moto failed (is the AWS CLI installed?): {error.Trim()}";
        }
    }
}

/// <summary>
/// A moto of its own with SigV4 and IAM enforcement on, and an investigating user allowed every IAM read except
/// <c>iam:ListGroupsForUser</c>.
/// </summary>
public sealed class MotoEnforcingFixture : MotoFixtureBase
{
    public string AccessKeyId { get; private set; } = string.Empty;

    public string SecretAccessKey { get; private set; } = string.Empty;

    protected override bool SharesEndpoint => false;

    protected override async Task BuildAsync(string endpoint)
    {
        var (code, output, error) = await RunAsync("bash", [Path.Combine(Scripts, "build-auditor.sh"), endpoint]);
        var keys = output.Split((char[])['\t', '\n', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (code != 0 || keys.Length < 2)
        {
            SkipReason = $"Building the auditor in moto failed (is the AWS CLI installed?): {error.Trim()}";
            return;
        }

        (AccessKeyId, SecretAccessKey) = (keys[0], keys[1]);
    }
}

/// <summary>
/// A moto of its own holding three roles that trust Glue and that nobody can pass: one is the role of a job only, one of a
/// crawler only, one of nothing (<c>moto/build-glue-users.sh</c>).
/// </summary>
public sealed class MotoGlueUsersFixture : MotoFixtureBase
{
    protected override bool SharesEndpoint => false;

    protected override async Task BuildAsync(string endpoint)
    {
        var (code, _, error) = await RunAsync("bash", [Path.Combine(Scripts, "build-glue-users.sh"), endpoint]);
        if (code != 0)
        {
            SkipReason = $"Building the Glue resources in moto failed (is the AWS CLI installed?): {error.Trim()}";
        }
    }
}
