using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.TestShared;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// Each bundled sample account that a template can express (samples/iac/accounts/make_templates.py says which and
/// why not the others) gives the same investigation verdict read as a snapshot and read as the template.
/// </summary>
public sealed class SampleEquivalenceTests
{
    public static TheoryData<string> Samples => ["field-note", "boundary-no-allow", "role-not-trusting-glue", "service-role-path", "job-uses-other-role"];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Investigate_SnapshotAndTemplate_SameVerdict(string sample)
    {
        var folder = SampleAccounts.Folder(sample);
        var request = PassRoleInvestigationRequest.FromError(await File.ReadAllTextAsync(Path.Combine(folder, "error.txt"))) with
        {
            GlueJobName = "nightly-etl",
        };

        var fromSnapshot = await InvestigateAsync(b => b.UseSnapshot(folder), request);
        var fromTemplate = await InvestigateAsync(b => b.UseIac(new IacSourceOptions { Templates = [IacSamples.AccountTemplate(sample)] }), request);

        Assert.Equal(fromSnapshot.Decision, fromTemplate.Decision);
        Assert.Equal(fromSnapshot.Blockers.Select(b => (b.PolicyType, b.Kind, b.Policy, b.Statement)), fromTemplate.Blockers.Select(b => (b.PolicyType, b.Kind, b.Policy, b.Statement)));
        Assert.Equal(fromSnapshot.Role, fromTemplate.Role);
        // A template says nothing of the organization's SCPs: a fix Allowed by every policy read is not called verified.
        Assert.Contains(fromTemplate.Unread, g => g.PolicyType == PolicyType.ServiceControlPolicy);
        Assert.Equal(
            fromSnapshot.Verification?.DecisionAfterFix is Decision.Allowed ? Decision.Unknown : fromSnapshot.Verification?.DecisionAfterFix,
            fromTemplate.Verification?.DecisionAfterFix);
        Assert.Equal(
            fromSnapshot.Evaluation?.DecidingStatements.Select(s => s.StatementLabel),
            fromTemplate.Evaluation?.DecidingStatements.Select(s => s.StatementLabel));
    }

    private static async Task<PassRoleReport> InvestigateAsync(Action<IPassRoleDiagnosticsBuilder> source, PassRoleInvestigationRequest request)
    {
        var services = new ServiceCollection();
        source(services.AddPassRoleDiagnostics());
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(request);
    }
}
