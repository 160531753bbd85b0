using System.Diagnostics;
using System.Globalization;
using GluePassRole.Diagnostics.Iac;

namespace GluePassRole.Diagnostics.Benchmarks.Iac;

/// <summary>
/// <c>--template-load [PIPELINES]</c>: writes the large template and loads it in this fresh process, printing the first
/// load (JIT included, what a CLI run pays) and the mean of five more, wall and CPU time (the machine may be shared), with
/// the bytes allocated and what was read.
/// </summary>
internal static class TemplateLoadProbe
{
    public static int Run(string[] args)
    {
        var pipelines = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : LargeTemplateGenerator.DefaultPipelines;
        var path = LargeTemplateGenerator.Write(Path.Combine(Path.GetTempPath(), "gpr-large-template-probe"), pipelines);

        using var process = Process.GetCurrentProcess();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var account = IacAccount.FromTemplate(path);
        watch.Stop();
        process.Refresh();
        var firstCpu = process.TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var first = watch.Elapsed;

        // The machine may be shared: the process's CPU time (all its threads) is the work done, the wall time what waited too.
        const int Runs = 5;
        cpu = process.TotalProcessorTime;
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            GC.KeepAlive(IacAccount.FromTemplate(path));
        }

        warm.Stop();
        process.Refresh();
        var warmCpu = process.TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"template {new FileInfo(path).Length / 1e6:F2} MB: {account.RoleNames.Count()} roles, {account.GlueResources.Count} Glue resources, {account.Unknowns.Count} unknowns"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first load {first.TotalMilliseconds:F0} ms wall, {firstCpu.TotalMilliseconds:F0} ms CPU (allocated {allocated / 1e6:F0} MB); then {warm.Elapsed.TotalMilliseconds / Runs:F0} ms wall, {warmCpu.TotalMilliseconds / Runs:F0} ms CPU per load (mean of {Runs})"));
        return 0;
    }
}
