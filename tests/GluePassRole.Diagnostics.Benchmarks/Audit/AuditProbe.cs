using System.Diagnostics;
using System.Globalization;
using GluePassRole.Diagnostics.Audit.Internal;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Benchmarks.Audit;

/// <summary>
/// Measures one whole audit in a fresh process: <c>--audit DIR</c> loads the snapshot (timed apart), audits it and prints
/// the times, the counts and the peak working set (the targets: audit ≤ 10 s on 2 cores, peak ≤ 1 GB).
/// </summary>
internal static class AuditProbe
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: --audit DIR   (generate DIR first with --snapshot-generate DIR)");
            return 2;
        }

        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var snapshot = AccountSnapshot.LoadFromDirectory(args[1]);
        var load = watch.Elapsed;
        process.Refresh();
        var loadCpu = process.TotalProcessorTime - cpu;
        cpu = process.TotalProcessorTime;
        var peakAfterLoad = process.PeakWorkingSet64;

        watch.Restart();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var report = new PassRoleAuditor(snapshot, snapshot, snapshot, snapshot).AuditAsync().AsTask().GetAwaiter().GetResult();
        var audit = watch.Elapsed;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        process.Refresh();
        var auditCpu = process.TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"account: {report.PrincipalCount} principals, {report.RoleCount} roles ({report.TargetCount} trusting Glue); {report.PairsDecided} pairs decided of {(long)report.PrincipalCount * report.TargetCount}; {report.Grants.Count} grants, {report.Findings.Count} findings, {report.Unknowns.Count} unknowns"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load {load.TotalSeconds:F2} s (CPU {loadCpu.TotalSeconds:F2} s, peak working set {peakAfterLoad / 1e6:F0} MB); audit {audit.TotalSeconds:F2} s (CPU {auditCpu.TotalSeconds:F2} s), allocated {allocated / 1e6:F0} MB; load + audit {(load + audit).TotalSeconds:F2} s; peak working set {process.PeakWorkingSet64 / 1e6:F0} MB"));
        return 0;
    }
}
