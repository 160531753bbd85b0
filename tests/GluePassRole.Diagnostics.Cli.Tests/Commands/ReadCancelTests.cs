using System.Diagnostics;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Ctrl+C while a file is being read (a FIFO nobody writes to, a slow share) stops at once, says what was not read and
/// exits 130, as it does during live reads; before, the read could not be interrupted and the tool said nothing.
/// </summary>
public sealed class ReadCancelTests
{
    /// <summary>How long the user waits before pressing Ctrl+C.</summary>
    private static readonly TimeSpan CtrlCAfter = TimeSpan.FromSeconds(1);

    /// <summary>Past this the run is taken to hang (the FIFO is then released so the test can fail instead of hanging).</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task Investigate_SnapshotFileIsAFifoAndUserCancels_NamesTheFileAndWhatWasNotReadAndExits130()
    {
        using var snapshot = FifoSnapshot.Of("field-note", "get-account-authorization-details.json");

        var (exitCode, stdout, stderr, elapsed) = await RunCancelledAsync(snapshot, "investigate", "--snapshot", snapshot.Folder, "--error-file", Path.Combine(SampleAccounts.Folder("field-note"), "error.txt"));

        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"took {elapsed}");
        Assert.Equal(130, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(
            $"Cancelled while reading {snapshot.Fifo}; no verdict was reached. Not read: get-account-authorization-details.json and the snapshot's files after it, so none of the account: the caller's account, the Glue job, the role and its trust policy, the principal's policies.",
            stderr.TrimEnd());
    }

    [SkippableFact]
    public async Task Audit_SnapshotFileIsAFifoAndUserCancels_NamesTheFileAndWhatWasNotReadAndExits130()
    {
        using var snapshot = FifoSnapshot.Of("audit-escalation", "glue-get-job-nightly-etl.json");

        var (exitCode, stdout, stderr, elapsed) = await RunCancelledAsync(snapshot, "audit", "--snapshot", snapshot.Folder);

        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"took {elapsed}");
        Assert.Equal(130, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(
            $"Cancelled while reading {snapshot.Fifo}; no audit was made. Not read: glue-get-job-nightly-etl.json and the snapshot's files after it, so none of the account: its users, groups, roles and policies.",
            stderr.TrimEnd());
    }

    [SkippableFact]
    public async Task Investigate_ErrorFileIsAFifoAndUserCancels_SaysTheErrorWasNotReadAndExits130()
    {
        using var snapshot = FifoSnapshot.Of("field-note", "error.txt");

        var (exitCode, stdout, stderr, elapsed) = await RunCancelledAsync(snapshot, "investigate", "--snapshot", SampleAccounts.Folder("field-note"), "--error-file", snapshot.Fifo);

        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"took {elapsed}");
        Assert.Equal(130, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"Cancelled while reading the AccessDenied text from {snapshot.Fifo}; nothing was investigated.", stderr.TrimEnd());
    }

    /// <summary>Runs the tool, presses Ctrl+C after <see cref="CtrlCAfter"/>, and releases the FIFO whatever happens.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)> RunCancelledAsync(FifoSnapshot snapshot, params string[] args)
    {
        using var ctrlC = new CancellationTokenSource(CtrlCAfter);
        var watch = Stopwatch.StartNew();
        var run = Task.Run(() => CliRunner.RunAsync(args, ctrlC.Token));
        var finished = await Task.WhenAny(run, Task.Delay(Hang)) == run;
        watch.Stop();
        snapshot.Release(); // the reading thread, abandoned or hung, gets end of file
        Assert.True(finished, $"the run did not end {Hang.TotalSeconds} s after Ctrl+C was pressed");
        var (exitCode, stdout, stderr) = await run;
        return (exitCode, stdout, stderr, watch.Elapsed);
    }

    /// <summary>A copy of a bundled sample account in which one file is a FIFO that nobody writes to.</summary>
    private sealed class FifoSnapshot : IDisposable
    {
        private FifoSnapshot(string folder, string fifo)
        {
            Folder = folder;
            Fifo = fifo;
        }

        public string Folder { get; }

        public string Fifo { get; }

        public static FifoSnapshot Of(string sample, string fifoName)
        {
            Skip.If(OperatingSystem.IsWindows(), "FIFOs (mkfifo) are POSIX.");
            var folder = Path.Combine(Path.GetTempPath(), "passrole-fifo-" + Guid.NewGuid().ToString("N"));
            Copy(SampleAccounts.Folder(sample), folder);
            var fifo = Path.Combine(folder, fifoName);
            File.Delete(fifo);
            using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
            {
                mkfifo.WaitForExit();
                Skip.If(mkfifo.ExitCode != 0, "mkfifo failed.");
            }

            return new FifoSnapshot(folder, fifo);
        }

        /// <summary>Opens the FIFO for reading and writing (which does not wait on Linux) and closes it: a blocked reader sees end of file.</summary>
        public void Release()
        {
            var opened = Task.Run(() =>
            {
                using var stream = new FileStream(Fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            });
            opened.Wait(TimeSpan.FromSeconds(5));
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true);

        private static void Copy(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }

            foreach (var folder in Directory.GetDirectories(from))
            {
                Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
            }
        }
    }
}
