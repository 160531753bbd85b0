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

        var actions = ServiceAuthorizationReference.MatchActions("*").Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"iam-data {ServiceAuthorizationReference.DataVersion}: {ServiceAuthorizationReference.ServicePrefixes.Count} services, {actions} actions; embedded resource {resourceBytes:N0} bytes"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first call {watch.Elapsed.TotalMilliseconds:F1} ms (found {found}: {info}); second call {second.Elapsed.TotalMicroseconds:F1} µs; allocated {allocated / 1e6:F1} MB; heap kept by the data {(heapAfter - heapBefore) / 1e6:F1} MB"));
        return 0;
    }
}
