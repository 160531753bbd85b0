using System.Diagnostics;
using System.Globalization;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Benchmarks.Snapshot;

/// <summary>
/// Measures one load in a fresh process: <c>--snapshot-generate DIR [sdk|passrole|glue-console]</c> writes the large
/// account (glue-console: issue 19's, where 1,000 developers hold AWSGlueConsoleFullAccess through a group),
/// <c>--snapshot-load DIR</c> loads it and prints the time, the bytes allocated, the heap kept and the peak working set.
/// </summary>
internal static class SnapshotLoadProbe
{
    public static int Run(string[] args)
    {
        if (args.Length >= 2 && args[0] == "--snapshot-generate")
        {
            var variant = args.Length > 2 ? args[2] : string.Empty;
            var path = variant == "glue-console"
                ? LargeAccountGenerator.Write(args[1], urlEncoded: false, developers: LargeAccountGenerator.GlueConsoleDevelopers, glueServiceRoles: LargeAccountGenerator.GlueConsoleServiceRoles)
                : LargeAccountGenerator.Write(args[1], urlEncoded: variant == "sdk", passRolePolicies: variant == "passrole" ? 30 : 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {path}: {new FileInfo(path).Length / 1e6:F1} MB"));
            return 0;
        }

        if (args.Length >= 2 && args[0] == "--snapshot-load")
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.PeakWorkingSet64;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var snapshot = AccountSnapshot.LoadFromDirectory(args[1]);
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var kept = GC.GetTotalMemory(forceFullCollection: true);
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"file {new FileInfo(Path.Combine(args[1], "get-account-authorization-details.json")).Length / 1e6:F1} MB; users {snapshot.UserCount}, groups {snapshot.GroupCount}, roles {snapshot.RoleCount}, policies {snapshot.ManagedPolicyCount}, problems {snapshot.Problems.Count}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load {watch.Elapsed.TotalSeconds:F2} s; allocated {allocated / 1e6:F0} MB; heap after load {kept / 1e6:F0} MB; peak working set {process.PeakWorkingSet64 / 1e6:F0} MB (before load {before / 1e6:F0} MB)"));
            GC.KeepAlive(snapshot);
            return 0;
        }

        Console.Error.WriteLine("usage: --snapshot-generate DIR [sdk|passrole|glue-console] | --snapshot-load DIR");
        return 2;
    }
}
