using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.TestShared;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Tests.Investigation;

/// <summary>Each bundled sample account, investigated from its own error text, reaches the verdict its README states.</summary>
public class SampleAccountInvestigationTests
{
    private static async Task<PassRoleReport> InvestigateAsync(string sample, string? job = null)
    {
        var folder = SampleAccounts.Folder(sample);
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(folder);
        using var provider = services.BuildServiceProvider();
        var request = PassRoleInvestigationRequest.FromError(await File.ReadAllTextAsync(Path.Combine(folder, "error.txt"))) with { GlueJobName = job };
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(request);
    }

    [Theory]
    [InlineData("field-note")]
    [InlineData("field-note-sdk-encoded")]
    public async Task FieldNote_ReproducesTheNote(string sample)
    {
        var report = await InvestigateAsync(sample, job: "nightly-etl");

        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        Assert.Contains(report.MfaVariants!.Variants, v => v.Variant.Name == "MFA key absent" && v.Decision == Decision.ExplicitDeny);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.NearMissAllow && f.Message.Contains("role/AWSGlueServiceRole*", StringComparison.Ordinal));
        Assert.Equal(new FixTarget(FixTargetType.Group, "GlueAccess"), report.Fix!.Target);
        Assert.StartsWith("aws iam put-group-policy --group-name GlueAccess", report.Fix.Command, StringComparison.Ordinal);
        Assert.Equal(Decision.Allowed, report.Verification!.DecisionAfterFix);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.JobRoleMismatch);
    }

    [Fact]
    public async Task ScpDeny_BlamesTheScpNotTheMfaGuardrail()
    {
        var report = await InvestigateAsync("scp-deny");

        Assert.Equal(Decision.ExplicitDeny, report.Decision);
        var blocker = Assert.Single(report.Blockers);
        Assert.Equal(PolicyType.ServiceControlPolicy, blocker.PolicyType);
        Assert.Equal(BlockerKind.ExplicitDeny, blocker.Kind);
        Assert.Null(report.Fix); // an allow cannot override an explicit deny
    }

    /// <summary>
    /// The SCP's own way out: its NotResource leaves roles under /platform/ alone, its ArnNotLike exempts platform-admin,
    /// and the organization side can add an exception. IAM User Guide, "Policy evaluation logic": an explicit deny in any
    /// policy overrides any allow (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
    /// </summary>
    [Fact]
    public async Task ScpDeny_ShowsTheStatementItsEscapeHatchesAndTheOrganizationSide()
    {
        var report = await InvestigateAsync("scp-deny");

        var deny = Assert.Single(report.Findings, f => f.Code == FindingCodes.ExplicitDenyStatement);
        Assert.Contains("The statement: Deny iam:PassRole on NotResource arn:aws:iam::*:role/platform/*", deny.Message, StringComparison.Ordinal);
        Assert.Contains("create a role there (e.g. arn:aws:iam::123456789012:role/platform/etl-runtime)", deny.Message, StringComparison.Ordinal);
        Assert.Contains("exempts principals matching arn:aws:iam::*:role/platform-admin", deny.Message, StringComparison.Ordinal);
        Assert.Contains("organization side: ask the organization's administrators to exempt this role", deny.Message, StringComparison.Ordinal);
        Assert.Contains("arn:aws:organizations::999988887777:policy/", deny.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoundaryWithoutAllow_NamesTheBoundary()
    {
        var report = await InvestigateAsync("boundary-no-allow");

        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        Assert.Equal(PolicyType.PermissionsBoundary, Assert.Single(report.Blockers).PolicyType);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.LayerLacksAllow && f.Message.Contains("boundary", StringComparison.Ordinal));
        // Identity policies already allow: the boundary is what must change, by a new default version (see Issue14FixTests).
        Assert.Equal(FixTargetType.PermissionsBoundary, report.Fix!.Target.Type);
        Assert.Equal(Decision.Allowed, report.Verification!.DecisionAfterFix);
    }

    [Fact]
    public async Task RoleNotTrustingGlue_FixAlsoRequiresTheTrust()
    {
        var report = await InvestigateAsync("role-not-trusting-glue");

        Assert.Contains(report.Findings, f => f.Code == FindingCodes.RoleTrustMissingService);
        var trust = Assert.Single(report.Fix!.AlsoRequired, r => r.Kind == RequiredChangeKind.RoleTrust);
        Assert.StartsWith("aws iam update-assume-role-policy --role-name etl-runtime", trust.Command, StringComparison.Ordinal);
        Assert.Contains("\"Service\":\"glue.amazonaws.com\"", trust.Command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssumedRoleCaller_TargetsThePermissionSetNotTheRole()
    {
        var report = await InvestigateAsync("assumed-role-caller");

        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.IdentityCenterRole);
        // The sample's sso-admin files name the permission set's ARN.
        Assert.Equal(new FixTarget(FixTargetType.PermissionSet, "DataEngineer") { Arn = "arn:aws:sso:::permissionSet/ssoins-ncvjrrhvfubxkfkb/ps-9ge4w9oiqmx5x9ah" }, report.Fix!.Target);
        Assert.StartsWith("aws sso-admin put-inline-policy-to-permission-set", report.Fix.Command, StringComparison.Ordinal);
        Assert.Equal(Decision.Allowed, report.Verification!.DecisionAfterFix);
    }

    [Fact]
    public async Task ServiceRolePath_AlreadyAllowed()
    {
        var report = await InvestigateAsync("service-role-path");

        Assert.Equal(Decision.Allowed, report.Decision);
        Assert.Equal("Allowed", Diagnostics.Reporting.ReportDtoMapper.Cause(report.Decision));
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.AlreadyAllowed);
        Assert.Null(report.Fix);
    }

    [Fact]
    public async Task JobUsesOtherRole_SaysSo()
    {
        var report = await InvestigateAsync("job-uses-other-role", job: "nightly-etl");

        var mismatch = Assert.Single(report.Findings, f => f.Code == FindingCodes.JobRoleMismatch);
        Assert.Contains("AWSGlueServiceRole-nightly", mismatch.Message, StringComparison.Ordinal);
    }
}
