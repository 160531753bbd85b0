using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>Step 2: the account being read must be the account in the error (field note: "Verify the investigation account").</summary>
internal sealed class ConfirmAccountStep(IAccountIdentitySource identity) : IInvestigationStep
{
    private const string Title = "Account";

    public string Name => InvestigationSteps.ConfirmAccount;

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } = [InvestigationFacts.Account, InvestigationFacts.Error];

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } = [InvestigationFacts.Account, InvestigationFacts.CallerIdentity];

    public async ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        var account = context.Get(InvestigationFacts.Account);
        var whose = context.Get(InvestigationFacts.Error) is null ? "the principal's" : "the error's";
        var caller = await identity.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        if (!caller.TryGetValue(out var callerIdentity))
        {
            return caller.Status == SourceResultStatus.Unreadable
                ? StepResult.Incomplete(context, Unreadable.Finding("the caller identity (sts:GetCallerIdentity)", caller.Error!)) with
                {
                    Check = new InvestigationCheck(Title, CheckOutcome.Unknown, $"Not confirmed: the source's account could not be read ({caller.Error!.Message}).{Expecting(account, whose)}"),
                }
                : StepResult.Skipped(context, "the source does not know its account") with
                {
                    Check = new InvestigationCheck(Title, CheckOutcome.Skipped, $"Not confirmed: the source does not say which account it reads.{Expecting(account, whose)}"),
                };
        }

        var updated = context.With(InvestigationFacts.CallerIdentity, callerIdentity);
        if (account is null)
        {
            return StepResult.Completed(updated.With(InvestigationFacts.Account, callerIdentity.Account)) with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Passed, $"Reading account {callerIdentity.Account} as {callerIdentity.Arn}."),
            };
        }

        if (!string.Equals(account, callerIdentity.Account, StringComparison.Ordinal))
        {
            return StepResult.Completed(updated, new Finding(
                FindingCodes.AccountMismatch,
                FindingSeverity.Error,
                $"{(whose == "the error's" ? "The error is" : "The principal is")} from account {account}, but the data read is account {callerIdentity.Account} ({callerIdentity.Arn}). Use a profile or snapshot of account {account}; the verdict below describes the wrong account.")
            {
                Evidence = [new Evidence { Expected = [account], Actual = [callerIdentity.Account], Note = $"error account vs. the caller {callerIdentity.Arn}" }],
            }) with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Failed, $"The error is from account {account}, but the data is account {callerIdentity.Account}."),
            };
        }

        return StepResult.Completed(updated) with
        {
            Check = new InvestigationCheck(Title, CheckOutcome.Passed, $"Confirmed: the data read is account {account}, {whose} account ({callerIdentity.Arn})."),
        };
    }

    private static string Expecting(string? account, string whose) => account is null ? string.Empty : $" {char.ToUpperInvariant(whose[0])}{whose[1..]} account is {account}.";
}
