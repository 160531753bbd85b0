using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>Step 2: the account being read must be the account in the error (field note: "Verify the investigation account").</summary>
internal sealed class ConfirmAccountStep(IAccountIdentitySource identity) : IInvestigationStep
{
    public string Name => InvestigationSteps.ConfirmAccount;

    public async ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        var caller = await identity.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        if (!caller.TryGetValue(out var callerIdentity))
        {
            return caller.Status == SourceResultStatus.Unreadable
                ? StepResult.Incomplete(context, Unreadable.Finding("the caller identity (sts:GetCallerIdentity)", caller.Error!))
                : StepResult.Skipped(context, "the source does not know its account");
        }

        if (context.Account is null)
        {
            return StepResult.Completed(context with { Account = callerIdentity.Account });
        }

        if (!string.Equals(context.Account, callerIdentity.Account, StringComparison.Ordinal))
        {
            return StepResult.Completed(context, new Finding(
                FindingCodes.AccountMismatch,
                FindingSeverity.Error,
                $"The error is from account {context.Account}, but the data read is account {callerIdentity.Account} ({callerIdentity.Arn}). Use a profile or snapshot of account {context.Account}; the verdict below describes the wrong account.")
            {
                Evidence = [$"error account: {context.Account}", $"caller: {callerIdentity.Arn}"],
            });
        }

        return StepResult.Completed(context);
    }
}
