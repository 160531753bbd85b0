using System.Diagnostics;
using System.Globalization;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Preflight;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Benchmarks.Preflight;

/// <summary>
/// <c>--preflight</c>: <c>preflight</c> on the bundled glue-preflight sample in a fresh process, as <c>glue-passrole
/// preflight</c> runs it (snapshot load, every need decided, the fixes verified, text and JSON rendered). Prints the
/// process CPU time (startup and JIT included) and exits 1 when it is over the issue's budget of 0.5 s.
/// </summary>
internal static class PreflightProbe
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(0.5);

    public static int Run()
    {
        using var process = Process.GetCurrentProcess();
        var watch = Stopwatch.StartNew();
        var folder = SampleAccounts.Folder("glue-preflight");
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(folder).UseGlueJobResources(GlueJobResourceSnapshot.FromDirectory(folder));
        using var provider = services.BuildServiceProvider();
        var report = provider.GetRequiredService<IGlueJobPreflight>()
            .RunAsync(new GlueJobPreflightRequest { JobName = "nightly-etl", Region = "ap-northeast-1" }).GetAwaiter().GetResult();
        var text = PreflightReportRenderer.ToText(report);
        var json = PreflightReportRenderer.ToJson(report);
        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"preflight of the bundled sample: {report.Needs.Count} needs, {report.Fixes.Count} fixes, {text.Length + json.Length:N0} characters rendered"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process CPU time {cpu.TotalSeconds:F3} s (budget {Budget.TotalSeconds:F1} s); wall clock of the run {watch.Elapsed.TotalSeconds:F3} s; load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a")}"));
        return cpu <= Budget ? 0 : 1;
    }
}
