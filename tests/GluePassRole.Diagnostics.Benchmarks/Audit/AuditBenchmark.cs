using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GluePassRole.Diagnostics.Audit.Internal;
using GluePassRole.Diagnostics.Benchmarks.Snapshot;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Benchmarks.Audit;

/// <summary>
/// The whole audit of the generated large account (2,000 users, 500 groups, 10,000 roles, 3,000 customer policies),
/// as generated and with 1% of the policies granting PassRole and job creation. The snapshot is loaded once in setup
/// (the load has its own benchmark); a short job, the machine is shared.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class AuditBenchmark
{
    private AccountSnapshot? _snapshot;

    /// <summary>Whether 30 of the 3,000 customer policies grant iam:PassRole (305,000 grants) or none do.</summary>
    [Params(false, true)]
    public bool PassRoleDense { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gpr-large-account-{(PassRoleDense ? "passrole" : "cli")}");
        if (!File.Exists(Path.Combine(directory, "get-account-authorization-details.json")))
        {
            LargeAccountGenerator.Write(directory, urlEncoded: false, passRolePolicies: PassRoleDense ? 30 : 0);
        }

        _snapshot = AccountSnapshot.LoadFromDirectory(directory);
    }

    [Benchmark]
    public int Audit() => new PassRoleAuditor(_snapshot!, _snapshot, _snapshot, _snapshot).AuditAsync().AsTask().GetAwaiter().GetResult().Grants.Count;
}
