using System.Diagnostics;
using System.Globalization;
using GluePassRole.Diagnostics.Policies.Actions;
using GluePassRole.Diagnostics.Policies.Actions.Internal;

namespace GluePassRole.Diagnostics.Benchmarks.Actions;

/// <summary>
/// <c>--actions-first-load</c>: the first <see cref="ServiceAuthorizationReference"/> call in a fresh process (JIT,
/// decompression, parsing and lookups included), with the bytes allocated, the heap the data keeps and the resource size.
/// </summary>
internal static class FirstLoadProbe
{
    public static int Run()
    {
        var assembly = typeof(ServiceAuthorizationReference).Assembly;
        long resourceBytes;
        using (var stream = assembly.GetManifestResourceStream(ReferenceDataReader.ResourceName)!)
        {
            resourceBytes = stream.Length;
        }

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var found = ServiceAuthorizationReference.TryGetAction("glue:CreateJob", out var info);
        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        var second = Stopwatch.StartNew();
        ServiceAuthorizationReference.TryGetAction("iam:PassRole", out _);
        second.Stop();

        // Every service parsed (what MatchActions("*") or a wildcard service prefix costs the first time).
        var all = Stopwatch.StartNew();
        var actions = ServiceAuthorizationReference.MatchActions("*").Count;
        all.Stop();
        var heapAll = GC.GetTotalMemory(forceFullCollection: true);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"iam-data {ServiceAuthorizationReference.DataVersion}: {ServiceAuthorizationReference.ServicePrefixes.Count} services, {actions} actions; embedded resource {resourceBytes:N0} bytes"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first call {watch.Elapsed.TotalMilliseconds:F1} ms (found {found}: {info}); allocated {allocated / 1e6:F1} MB; heap kept {(heapAfter - heapBefore) / 1e6:F1} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"second call (another service) {second.Elapsed.TotalMilliseconds:F2} ms; all services parsed in {all.Elapsed.TotalMilliseconds:F1} ms, heap kept {(heapAll - heapBefore) / 1e6:F1} MB; load average {LoadAverage()}"));
        return 0;
    }

    // The machine is shared: the load average says how far wall-clock figures are inflated.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
