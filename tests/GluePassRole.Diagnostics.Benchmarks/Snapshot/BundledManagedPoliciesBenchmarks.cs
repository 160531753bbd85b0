using BenchmarkDotNet.Attributes;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Benchmarks.Snapshot;

/// <summary>
/// The embedded AWS managed policies: the one-time load (decompress the resource, index every policy), a first lookup
/// (which parses that policy's document), parsing them all, and a lookup once parsed. The
/// <c>--managed-policies-first-load</c> probe measures the first call in a fresh process, JIT included.
/// </summary>
[MemoryDiagnoser]
public class BundledManagedPoliciesBenchmarks
{
    // Inputs in fields, so nothing is folded into a constant.
    private readonly System.Reflection.Assembly _assembly = typeof(BundledManagedPolicies).Assembly;
    private readonly string _sageMaker = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess";
    private readonly string _glueConsoleChina = "arn:aws-cn:iam::aws:policy/AWSGlueConsoleFullAccess";

    /// <summary>Decompress the resource and index every policy: what the first call pays, minus JIT and the one document it parses.</summary>
    [Benchmark]
    public object Load() => ManagedPolicyData.LoadEmbedded(_assembly);

    /// <summary>Load, then look one policy up (its document parsed): what the first <c>TryGet</c> pays, minus JIT.</summary>
    [Benchmark]
    public bool LoadAndFirstLookup() => ManagedPolicyData.LoadEmbedded(_assembly).TryGet(_sageMaker, out _);

    /// <summary>Load and parse every document (what a caller walking <c>Arns</c> pays once).</summary>
    [Benchmark]
    public int LoadAndParseAll()
    {
        var data = ManagedPolicyData.LoadEmbedded(_assembly);
        var statements = 0;
        foreach (var arn in data.Arns)
        {
            data.TryGet(arn, out var policy);
            statements += policy!.Document.Statements.Count;
        }

        return statements;
    }

    /// <summary>A lookup once loaded and parsed, in another partition (the copy carries the ARN as given).</summary>
    [Benchmark]
    public bool TryGet() => BundledManagedPolicies.TryGet(_glueConsoleChina, out _);
}
