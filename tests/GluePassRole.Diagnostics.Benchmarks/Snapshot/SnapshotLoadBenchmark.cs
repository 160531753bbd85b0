using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Benchmarks.Snapshot;

/// <summary>
/// Loads a generated large account (2,000 users, 500 groups, 10,000 roles, 3,000 customer policies with five versions
/// each) in both encodings. A short job: the machine is shared, and one load is seconds long.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SnapshotLoadBenchmark
{
    private string _directory = string.Empty;

    /// <summary>Whether documents are URL-encoded strings (SDK form) or JSON objects (CLI form).</summary>
    [Params(false, true)]
    public bool UrlEncoded { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"gpr-large-account-{(UrlEncoded ? "sdk" : "cli")}");
        if (!File.Exists(Path.Combine(_directory, "get-account-authorization-details.json")))
        {
            LargeAccountGenerator.Write(_directory, UrlEncoded);
        }
    }

    [Benchmark]
    public int LoadFromDirectory() => AccountSnapshot.LoadFromDirectory(_directory).RoleCount;
}
