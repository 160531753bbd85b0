using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GluePassRole.Diagnostics.Iac;

namespace GluePassRole.Diagnostics.Benchmarks.Iac;

/// <summary>
/// Issue 18's benchmark: reading a ~1 MB CloudFormation template (<see cref="LargeTemplateGenerator"/>) into an
/// <see cref="IacAccount"/> (YAML parse, intrinsic functions, every role, policy and Glue resource). Target: 200 ms. A
/// short job: the machine is shared.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class TemplateLoadBenchmark
{
    private string _template = string.Empty;

    [GlobalSetup]
    public void Setup() => _template = LargeTemplateGenerator.Write(Path.Combine(Path.GetTempPath(), "gpr-large-template"));

    [Benchmark]
    public int LoadTemplate() => IacAccount.FromTemplate(_template).GlueResources.Count;
}
