using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GluePassRole.Diagnostics.Tests.DependencyInjection;

public class PassRoleDiagnosticsServiceCollectionExtensionsTests
{
    private const string Error = "User: arn:aws:iam::111122223333:user/dana is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/etl-orders-runtime because no identity-based policy allows the iam:PassRole action";

    [Fact]
    public void AddPassRoleDiagnostics_Resolves()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<IPassRoleInvestigator>());
        Assert.NotNull(provider.GetRequiredService<IIamReader>());
    }

    [Fact]
    public async Task AddPassRoleDiagnostics_CalledTwice_ChangesNothing()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(TestSnapshots.Folder("FieldNote"));
        var count = services.Count;

        services.AddPassRoleDiagnostics();

        Assert.Equal(count, services.Count);
        using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(PassRoleInvestigationRequest.FromError(Error));
        Assert.Equal(InvestigationSteps.DefaultOrder, report.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task AddStep_CustomStep_RunsAfterBuiltInsAndSeesTheirFacts()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(TestSnapshots.Folder("FieldNote")).AddStep<OwnerTagCheck>();
        using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(PassRoleInvestigationRequest.FromError(Error));

        Assert.Equal("owner-tag", report.Steps[^1].Name);
        var finding = Assert.Single(report.Findings, f => f.Code == "RuntimeRoleWithoutOwner");
        Assert.Equal("owner-tag", finding.Step);
    }

    [Fact]
    public async Task InsertReplaceRemove_ReorderTheSteps()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(TestSnapshots.Folder("FieldNote"))
            .InsertStepBefore<OwnerTagCheck>(InvestigationSteps.EvaluatePassRole)
            .RemoveStep(InvestigationSteps.ConfirmAccount)
            .ReplaceStep<SilentFixPlanner>(InvestigationSteps.PlanFix);
        using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(PassRoleInvestigationRequest.FromError(Error));

        var names = report.Steps.Select(s => s.Name).ToList();
        Assert.DoesNotContain(InvestigationSteps.ConfirmAccount, names);
        Assert.Equal(names.IndexOf(InvestigationSteps.EvaluatePassRole) - 1, names.IndexOf("owner-tag"));
        Assert.Contains("silent-fix", names);
        Assert.Null(report.Fix);
    }

    [Fact]
    public void ReplaceStep_UnknownName_Throws()
    {
        var builder = new ServiceCollection().AddPassRoleDiagnostics();

        Assert.Throws<ArgumentException>(() => builder.ReplaceStep<OwnerTagCheck>("no-such-step"));
    }

    [Fact]
    public void Options_SnapshotDirectoryMissing_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics(o => o.SnapshotDirectory = "/no/such/folder");
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PassRoleDiagnosticsOptions>>().Value);
    }

    [Fact]
    public async Task Options_SnapshotDirectory_IsTheAccountSource()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics(o => o.SnapshotDirectory = TestSnapshots.Folder("FieldNote"));
        using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(PassRoleInvestigationRequest.FromError(Error));

        Assert.Equal(Policies.Evaluation.Decision.ImplicitDeny, report.Decision);
    }

    private sealed class OwnerTagCheck : IInvestigationStep
    {
        public string Name => "owner-tag";

        public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(context.Get(InvestigationFacts.Role) is { } role && !role.Tags.Any(t => t.Key == "owner")
                ? StepResult.Completed(context, new Finding("RuntimeRoleWithoutOwner", FindingSeverity.Warning, $"{role.Name} has no owner tag."))
                : StepResult.Skipped(context, "no role"));
    }

    private sealed class SilentFixPlanner : IInvestigationStep
    {
        public string Name => "silent-fix";

        public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(StepResult.Skipped(context, "fixes are proposed by another team"));
    }
}
