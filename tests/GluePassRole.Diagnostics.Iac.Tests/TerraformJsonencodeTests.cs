using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// Issue 18, item 5: Terraform's usual PassRole policy, <c>policy = jsonencode({... Resource = aws_iam_role.glue.arn})</c>,
/// is "known after apply" when the plan creates the role (Plans/jsonencode-pass-role.json: <c>after_unknown.policy</c>
/// true, and the configuration's <c>expressions.policy.references</c> lists <c>aws_iam_role.glue.arn</c>). The
/// references of a policy expression are what it uses, not its value: the policy is unknown, never the role's ARN read
/// as a policy document (Terraform docs, "JSON Output Format", https://developer.hashicorp.com/terraform/internals/json-format).
/// </summary>
public sealed class TerraformJsonencodeTests
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";
    private const string GlueRole = "arn:aws:iam::123456789012:role/etl-glue";

    private static IacAccount Load() => IacAccount.FromTerraformPlan(IacSamples.TestPlan("jsonencode-pass-role.json"));

    [Fact]
    public async Task FromTerraformPlan_JsonencodePolicyOnPlannedRole_PolicyUnknownNamingItsReferences()
    {
        var account = Load();

        var policy = await account.GetManagedPolicyAsync("arn:aws:iam::123456789012:policy/pass-etl-glue");
        Assert.Equal(SourceResultStatus.Unreadable, policy.Status);
        Assert.Contains("aws_iam_role.glue.arn", policy.Error!.Message, StringComparison.Ordinal);
        var inline = Assert.Single(account.Unknowns, u => u.Origin.Resource == "aws_iam_role_policy.self_pass");
        Assert.Contains("aws_iam_role.glue.arn, var.scripts_bucket", inline.Reason, StringComparison.Ordinal);
        Assert.Equal(GlueRole, (await account.GetResourceAsync(GlueResourceKind.Job, "nightly-etl")).Value!.Role);
    }

    [Fact]
    public void FromTerraformPlan_RoleInlinePolicyBlockKnownAfterApply_NamesItsReferences()
    {
        var unknown = Assert.Single(Load().Unknowns, u => u.Origin.Resource == "aws_iam_role.orchestrator");

        Assert.Equal("inline_policy[0].policy", unknown.Origin.Property);
        Assert.Contains("aws_iam_role.glue.arn", unknown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_UserWithJsonencodePolicy_UnknownNotAnError()
    {
        var verdict = await IacPassRole.CheckAsync(Load(), Dana, "etl-glue");

        Assert.Equal(Decision.Unknown, verdict.Decision);
    }

    [Fact]
    public async Task Investigate_PlannedJobRunsAsAnotherRoleThanTheError_JobRoleMismatch()
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseIac(Load());
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(
            PassRoleInvestigationRequest.ForJob(Dana, "nightly-etl") with { Role = "arn:aws:iam::123456789012:role/etl-legacy" });

        var mismatch = Assert.Single(report.Findings, f => f.Code == FindingCodes.JobRoleMismatch);
        Assert.Contains(GlueRole, mismatch.Message, StringComparison.Ordinal);
        Assert.Contains(report.Checks, c => c.Outcome == CheckOutcome.Failed && c.Summary.Contains("nightly-etl runs as " + GlueRole, StringComparison.Ordinal));
    }
}
