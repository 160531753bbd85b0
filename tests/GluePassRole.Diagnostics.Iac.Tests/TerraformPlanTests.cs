using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// samples/iac/terraform/plan.json, written by make-plan.sh with terraform 1.11 and the AWS provider 5.100 against
/// moto: a module with the role and job, groups and attachments at the root. Format: Terraform docs, "JSON Output
/// Format" (https://developer.hashicorp.com/terraform/internals/json-format): resource_changes[].change.after and
/// after_unknown, configuration expressions' references.
/// </summary>
public sealed class TerraformPlanTests
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";
    private const string RuntimeRole = "arn:aws:iam::123456789012:role/etl-runtime";

    [Fact]
    public async Task FromTerraformPlan_ModuleRoleAndJob_RoleArnKnownAfterApplyResolvedFromConfiguration()
    {
        var account = IacAccount.FromTerraformPlan(IacSamples.TerraformPlan);

        var job = await account.GetResourceAsync(GlueResourceKind.Job, "nightly-etl");
        var role = await account.GetRoleAsync("etl-runtime");

        Assert.Equal(RuntimeRole, job.Value!.Role);
        Assert.Equal(RuntimeRole, role.Value!.Arn);
        Assert.Equal("glue.amazonaws.com", role.Value.TrustPolicy.Value!.Statements[0].Principal!.Entries[0].Values[0]);
        Assert.Equal("module.nightly_etl.aws_glue_job.this", account.GlueResources.Single().Origin.Resource);
    }

    [Fact]
    public async Task FromTerraformPlan_RolePolicyOnRoleId_AttachedToTheModuleRole()
    {
        var account = IacAccount.FromTerraformPlan(IacSamples.TerraformPlan);

        var inline = await account.GetInlinePoliciesAsync(IamEntityKind.Role, "etl-runtime");
        var attached = await account.GetAttachedPoliciesAsync(IamEntityKind.Role, "etl-runtime");

        Assert.Equal("read-scripts", Assert.Single(inline.Value!).Name);
        Assert.Equal("arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole", Assert.Single(attached.Value!).Arn);
    }

    [Fact]
    public async Task CheckAsync_GroupMember_AllowedThroughPolicyAttachedByUnknownArn()
    {
        var account = IacAccount.FromTerraformPlan(IacSamples.TerraformPlan);

        var verdict = (await IacPassRole.CheckAsync(account, Dana, "etl-runtime")).ThrowIfNotAllowed();

        var allow = Assert.Single(verdict.Evaluation!.DecidingStatements);
        Assert.Equal("arn:aws:iam::123456789012:policy/platform/PassEtlRuntimeRole", allow.Policy.Source.Arn);
        Assert.Contains(verdict.Origins, o => o.Contains("aws_iam_policy.pass_runtime_role", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckGroupAsync_AnalystsByAddress_ImplicitlyDenied()
    {
        var account = IacAccount.FromTerraformPlan(IacSamples.TerraformPlan);

        var verdict = (await IacPassRole.CheckGroupAsync(account, "aws_iam_group.analysts", "etl-runtime")).ThrowIfNotDenied();

        Assert.Equal(Decision.ImplicitDeny, verdict.Decision);
    }

    [Fact]
    public async Task FromTerraformPlan_KnownAfterApplyWithoutPlainReference_IsUnknownNotGuessed()
    {
        // The same plan, but the attachment's ARN comes from an expression we cannot evaluate offline.
        var plan = JsonNode.Parse(File.ReadAllText(IacSamples.TerraformPlan))!;
        var attachment = plan["configuration"]!["root_module"]!["resources"]!.AsArray()
            .Single(r => (string?)r!["address"] == "aws_iam_group_policy_attachment.pass_runtime_role")!;
        attachment["expressions"]!["policy_arn"] = JsonNode.Parse("""{"references": ["local.some_arn"]}""");
        var file = IacSamples.Write(plan.ToJsonString(), ".json");

        var account = IacAccount.FromTerraformPlan(file);
        var attached = await account.GetAttachedPoliciesAsync(IamEntityKind.Group, "GlueDevelopers");
        var verdict = await IacPassRole.CheckAsync(account, Dana, "etl-runtime");

        Assert.Equal(SourceResultStatus.Unreadable, attached.Status);
        Assert.Contains("aws_iam_group_policy_attachment.pass_runtime_role.policy_arn is known only after apply", attached.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(Decision.Unknown, verdict.Decision);
    }

    [Fact]
    public void FromTerraformPlan_NotAPlan_TypedErrorWithFile()
    {
        var file = IacSamples.Write("""{"resources": []}""", ".json");

        var error = Assert.Throws<IacTemplateException>(() => IacAccount.FromTerraformPlan(file));

        Assert.Equal(file, error.File);
        Assert.Contains("format_version", error.Message, StringComparison.Ordinal);
    }
}
