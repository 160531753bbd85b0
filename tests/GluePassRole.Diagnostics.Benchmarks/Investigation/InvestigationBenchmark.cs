using BenchmarkDotNet.Attributes;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Benchmarks.Investigation;

/// <summary>
/// One whole investigation of the bundled field-note account, the snapshot already loaded: the nine steps, the one
/// compilation of the principal's policies, the fix planned and verified as what-ifs, and the report built.
/// </summary>
[MemoryDiagnoser]
public class InvestigationBenchmark
{
    private ServiceProvider _provider = null!;
    private IPassRoleInvestigator _investigator = null!;
    private PassRoleInvestigationRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = FieldNoteFolder();
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(AccountSnapshot.LoadFromDirectory(folder));
        _provider = services.BuildServiceProvider();
        _investigator = _provider.GetRequiredService<IPassRoleInvestigator>();
        _request = PassRoleInvestigationRequest.FromError(File.ReadAllText(Path.Combine(folder, "error.txt")));
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark]
    public async Task<PassRoleReport> InvestigateFieldNote() => await _investigator.InvestigateAsync(_request);

    private static string FieldNoteFolder() => SampleAccounts.Folder("field-note");
}
