using GluePassRole.Diagnostics.Investigation;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>
/// Remembers how far an investigation got, so that a cancelled one (Ctrl+C) can say what was not read instead of only
/// that it stopped.
/// </summary>
internal sealed class StepTrail : IInvestigationObserver
{
    // What each built-in step reads from the account; the others compute from what was read.
    private static readonly Dictionary<string, string> Reads = new(StringComparer.Ordinal)
    {
        [InvestigationSteps.ConfirmAccount] = "the caller's account (sts:GetCallerIdentity)",
        [InvestigationSteps.ReadGlueJob] = "the Glue job (glue:GetJob)",
        [InvestigationSteps.ReadRole] = "the role and its trust policy (iam:GetRole)",
        [InvestigationSteps.ResolvePolicies] = "the principal's policies (IAM, and the SCPs through Organizations)",
    };

    private readonly List<string> _completed = [];
    private string? _running;

    public void OnStepStarting(string stepName) => _running = stepName;

    public void OnStepCompleted(StepRecord record)
    {
        _completed.Add(record.Name);
        _running = null;
    }

    /// <summary>One sentence for a cancelled investigation: where it stopped and what it had not read.</summary>
    public string Cancelled()
    {
        var notRun = InvestigationSteps.DefaultOrder.Where(s => !_completed.Contains(s)).ToList();
        var unread = notRun.Where(Reads.ContainsKey).Select(s => Reads[s]).ToList();
        var where = _running is null ? (_completed.Count == 0 ? "before the first step" : $"after step {_completed[^1]}") : $"during step {_running}";
        return $"Cancelled {where}; no verdict was reached."
            + (unread.Count == 0 ? string.Empty : $" Not read: {string.Join("; ", unread)}.");
    }
}
