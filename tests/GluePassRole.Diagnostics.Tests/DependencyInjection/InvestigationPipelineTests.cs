using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.TestShared;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Tests.DependencyInjection;

/// <summary>Steps are an ordered enumerable service run in one scope per investigation; the builder is fixed once used.</summary>
public sealed class InvestigationPipelineTests
{
    [Fact]
    public async Task ScopedStep_GetsItsOwnScopedDependencyPerInvestigation()
    {
        var services = new ServiceCollection();
        services.AddScoped<Counter>();
        services.AddPassRoleDiagnostics().UseSnapshot(SampleAccounts.Folder("field-note")).AddStep<ScopedCounterStep>(ServiceLifetime.Scoped);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var investigator = provider.GetRequiredService<IPassRoleInvestigator>();

        var first = await investigator.InvestigateAsync(FieldNoteRequest());
        var second = await investigator.InvestigateAsync(FieldNoteRequest());

        Assert.Equal("counter 1", first.Steps[^1].Note);
        Assert.Equal("counter 1", second.Steps[^1].Note);
    }

    [Fact]
    public void Builder_ChangedAfterAnInvestigatorWasCreated_RefusesWithAMessageThatSaysSo()
    {
        var services = new ServiceCollection();
        var builder = services.AddPassRoleDiagnostics();
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IPassRoleInvestigator>();

        var error = Assert.Throws<InvalidOperationException>(() => builder.RemoveStep(InvestigationSteps.PlanFix));

        Assert.Contains("cannot be changed after an investigator was created", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observer_SeesEveryStepStartAndComplete_InOrder()
    {
        var observer = new RecordingObserver();
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(SampleAccounts.Folder("field-note")).AddObserver(observer);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(FieldNoteRequest());

        Assert.Equal(InvestigationSteps.DefaultOrder.SelectMany(s => new[] { "start " + s, "end " + s }), observer.Events);
        Assert.Equal(report.Steps, observer.Records);
    }

    [Fact]
    public async Task Step_WritingAFactItDoesNotDeclare_IsRefused()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(SampleAccounts.Folder("field-note")).InsertStepAfter<SneakyStep>(InvestigationSteps.ParseError);
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(FieldNoteRequest()));

        Assert.Contains("wrote the fact(s) account without declaring them", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeBudgetExhausted_ReportsWhatWasNotReadAndIsUnknown()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics(o => o.Timeout = TimeSpan.FromSeconds(2)) // room for the steps before the stall on a loaded machine
            .UseSnapshot(SampleAccounts.Folder("field-note"))
            .InsertStepBefore<StallingStep>(InvestigationSteps.ResolvePolicies);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(FieldNoteRequest());

        Assert.Equal(Policies.Evaluation.Decision.Unknown, report.Decision);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.UnreadableData && f.Message.Contains("time budget", StringComparison.Ordinal));
        Assert.Equal(StepOutcome.Skipped, report.Steps.Single(s => s.Name == InvestigationSteps.ResolvePolicies).Outcome);
        Assert.Null(report.Verification);
    }

    private static PassRoleInvestigationRequest FieldNoteRequest() =>
        PassRoleInvestigationRequest.FromError(File.ReadAllText(Path.Combine(SampleAccounts.Folder("field-note"), "error.txt")));

    private sealed class Counter
    {
        public int Value { get; set; }
    }

    private sealed class ScopedCounterStep(Counter counter) : IInvestigationStep
    {
        public string Name => "scoped-counter";

        public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
        {
            counter.Value++;
            return ValueTask.FromResult(StepResult.Completed(context) with { Note = $"counter {counter.Value}" });
        }
    }

    private sealed class SneakyStep : IInvestigationStep
    {
        public string Name => "sneaky";

        public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(StepResult.Completed(context.With(InvestigationFacts.Account, "999999999999")));
    }

    private sealed class StallingStep : IInvestigationStep
    {
        public string Name => "stalling";

        public async ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return StepResult.Completed(context);
        }
    }

    private sealed class RecordingObserver : IInvestigationObserver
    {
        public List<string> Events { get; } = [];

        public List<StepRecord> Records { get; } = [];

        public void OnStepStarting(string stepName) => Events.Add("start " + stepName);

        public void OnStepCompleted(StepRecord record)
        {
            Events.Add("end " + record.Name);
            Records.Add(record);
        }
    }
}
