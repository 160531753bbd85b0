using System.Text.Json;
using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Issue 19 item 10: <c>check --format json</c> carries each finding's facts as fields (the decision of the request
/// asked, the principal or group, the role, the Glue resource, the location: file, line, logical ID or address), its
/// rule and severity, and a summary of what was checked; every bundled IaC sample's output validates against the
/// published docs/passrole-check.schema.json.
/// </summary>
public sealed class CheckJsonContractTests
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";

    /// <summary>Every check the README and samples/iac/check-samples.sh run, and each bundled template alone.</summary>
    public static TheoryData<string, string[]> Samples()
    {
        var data = new TheoryData<string, string[]>
        {
            { "reporting-job on field-note", ["--template", Iac("cloudformation/reporting-job.yaml"), "--snapshot", SampleAccounts.Folder("field-note"), "--group", "GlueAccess", "--principal", Dana] },
            { "terraform analysts", ["--terraform-plan", Iac("terraform/plan.json"), "--group", "analysts"] },
            { "terraform GlueDevelopers", ["--terraform-plan", Iac("terraform/plan.json"), "--group", "GlueDevelopers"] },
            { "cdk", ["--cdk-out", Iac("cdk/cdk.out")] },
            { "glue-platform GlueDevelopers", ["--template", Iac("cloudformation/glue-platform.yaml"), "--group", "GlueDevelopers"] },
            { "principal not defined", ["--template", Iac("accounts/field-note.yaml"), "--snapshot", SampleAccounts.Folder("field-note"), "--principal", "arn:aws:iam::123456789012:user/nobody"] },
        };
        foreach (var template in new[] { "field-note", "boundary-no-allow", "service-role-path", "job-uses-other-role", "role-not-trusting-glue" })
        {
            data.Add(template, ["--template", Iac($"accounts/{template}.yaml")]);
        }

        data.Add("reporting-job", ["--template", Iac("cloudformation/reporting-job.yaml")]);
        data.Add("glue-platform", ["--template", Iac("cloudformation/glue-platform.yaml")]);
        data.Add("terraform", ["--terraform-plan", Iac("terraform/plan.json")]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task CheckJson_EveryBundledSample_ValidatesAgainstThePublishedSchema(string name, string[] arguments)
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync(["check", .. arguments, "--format", "json"]);

        Assert.True(stdout.Length > 0, $"{name}: {stderr}");
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(string.Empty, PublishedSchemas.CheckErrors(json.RootElement));
        var expected = json.RootElement.GetProperty("result").GetString() switch
        {
            "failed" => 1,
            "undecided" => 3,
            _ => 0,
        };
        Assert.Equal(expected, exit);
    }

    [Fact]
    public async Task CheckJson_GroupCannotPass_DecisionGroupRoleGlueResourceAndLocationAreFields()
    {
        var plan = Iac("terraform/plan.json");

        var (_, stdout, _) = await CliRunner.RunAsync("check", "--terraform-plan", plan, "--group", "analysts", "--format", "json");

        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("failed", root.GetProperty("result").GetString());
        var summary = root.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("glueResourcesChecked").GetInt32());
        Assert.Equal(["analysts"], summary.GetProperty("groupsChecked").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(1, summary.GetProperty("failed").GetInt32());
        Assert.StartsWith("Checked 1 Glue resource; ", summary.GetProperty("scope").GetString(), StringComparison.Ordinal);

        // Besides GPR004, a note (GPR009) says the script's bucket policy is not in the plan.
        var finding = Assert.Single(root.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "GPR004");
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("ImplicitDeny", finding.GetProperty("decision").GetString());
        Assert.Equal("iam:PassRole", finding.GetProperty("action").GetString());
        Assert.Equal("analysts", finding.GetProperty("group").GetString());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("principal").ValueKind);
        Assert.Equal("arn:aws:iam::123456789012:role/etl-runtime", finding.GetProperty("role").GetString());
        Assert.Equal("glue.amazonaws.com", finding.GetProperty("service").GetString());
        var glue = finding.GetProperty("glueResource");
        Assert.Equal("job", glue.GetProperty("kind").GetString());
        Assert.Equal("nightly-etl", glue.GetProperty("name").GetString());
        var location = finding.GetProperty("location");
        Assert.Equal(plan, location.GetProperty("file").GetString());
        Assert.Equal("module.nightly_etl.aws_glue_job.this", location.GetProperty("resource").GetString());
        Assert.Equal(JsonValueKind.Null, location.GetProperty("line").ValueKind); // a plan carries no lines
        Assert.Equal(JsonValueKind.Array, finding.GetProperty("conditions").ValueKind);
    }

    /// <summary>Issue 18 item 9: the fix of a plan's group is a Terraform resource to add, in HCL, carried as data in the JSON too.</summary>
    [Fact]
    public async Task CheckJson_GroupCannotPass_FixCarriesTheTemplateChangeInHcl()
    {
        var (_, stdout, _) = await CliRunner.RunAsync("check", "--terraform-plan", Iac("terraform/plan.json"), "--group", "analysts", "--format", "json");

        var fix = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "GPR004").GetProperty("fix");
        var change = fix.GetProperty("templateChange");
        Assert.Equal("hcl", change.GetProperty("format").GetString());
        Assert.Equal("aws_iam_group.analysts", change.GetProperty("location").GetProperty("resource").GetString()); // the new resource goes beside the group
        var snippet = change.GetProperty("snippet").GetString()!;
        Assert.Contains("resource \"aws_iam_group_policy\"", snippet, StringComparison.Ordinal);
        Assert.Contains("iam:PassedToService", snippet, StringComparison.Ordinal);
    }

    /// <summary>The same for a YAML template: the snippet is YAML at the logical ID and line the fix names.</summary>
    [Fact]
    public async Task CheckJson_RoleDoesNotTrustGlue_FixCarriesTheYamlChangeAtTheLogicalId()
    {
        var (_, stdout, _) = await CliRunner.RunAsync("check", "--template", Iac("accounts/role-not-trusting-glue.yaml"), "--format", "json");

        var finding = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "GPR003");
        var change = finding.GetProperty("fix").GetProperty("templateChange");
        Assert.Equal("yaml", change.GetProperty("format").GetString());
        Assert.Equal("RoleEtlRuntime", change.GetProperty("location").GetProperty("resource").GetString());
        Assert.True(change.GetProperty("location").GetProperty("line").GetInt32() > 0);
        Assert.Contains("glue.amazonaws.com", change.GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckJson_RoleDoesNotTrustGlue_TheTrustRequestWithLineAndLogicalId()
    {
        var template = Iac("accounts/role-not-trusting-glue.yaml");

        var (_, stdout, _) = await CliRunner.RunAsync("check", "--template", template, "--format", "json");

        var finding = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "GPR003");
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("ImplicitDeny", finding.GetProperty("decision").GetString());
        Assert.Equal("sts:AssumeRole", finding.GetProperty("action").GetString());
        Assert.Equal("glue.amazonaws.com", finding.GetProperty("principal").GetString());
        Assert.Equal("arn:aws:iam::123456789012:role/etl-runtime", finding.GetProperty("role").GetString());
        var location = finding.GetProperty("location");
        Assert.Equal(template, location.GetProperty("file").GetString());
        Assert.Equal("RoleEtlRuntime", location.GetProperty("resource").GetString());
        Assert.Equal("AssumeRolePolicyDocument", location.GetProperty("property").GetString());
        Assert.True(location.GetProperty("line").GetInt32() > 0);
        Assert.Equal("JobNightlyEtl", finding.GetProperty("glueResource").GetProperty("location").GetProperty("resource").GetString());
    }

    [Fact]
    public async Task CheckJson_PrincipalCanPass_AllowedForThePrincipalArn()
    {
        var (_, stdout, _) = await CliRunner.RunAsync(
            "check", "--template", Iac("cloudformation/reporting-job.yaml"), "--snapshot", SampleAccounts.Folder("field-note"), "--principal", Dana, "--format", "json");

        var root = JsonDocument.Parse(stdout).RootElement;
        var finding = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("principal").GetString() == Dana);
        Assert.Equal("GPR004", finding.GetProperty("ruleId").GetString());
        Assert.Equal("Allowed", finding.GetProperty("decision").GetString());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("group").ValueKind);
        Assert.Equal([Dana], root.GetProperty("summary").GetProperty("principalsChecked").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task CheckJson_UndefinedPrincipal_NoDecisionButThePrincipal()
    {
        const string Nobody = "arn:aws:iam::123456789012:user/nobody";

        var (_, stdout, _) = await CliRunner.RunAsync(
            "check", "--template", Iac("accounts/field-note.yaml"), "--snapshot", SampleAccounts.Folder("field-note"), "--principal", Nobody, "--format", "json");

        var finding = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "GPR008");
        Assert.Equal(Nobody, finding.GetProperty("principal").GetString());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("decision").ValueKind);
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("location").ValueKind);
    }

    [Fact]
    public async Task Schema_RejectsAFindingWithoutItsDecision()
    {
        // The schema is not a rubber stamp: a finding without "decision" fails it.
        var (_, stdout, _) = await CliRunner.RunAsync("check", "--terraform-plan", Iac("terraform/plan.json"), "--group", "analysts", "--format", "json");
        var node = JsonNode.Parse(stdout)!.AsObject();
        node["findings"]![0]!.AsObject().Remove("decision");

        using var json = JsonDocument.Parse(node.ToJsonString());
        Assert.NotEqual(string.Empty, PublishedSchemas.CheckErrors(json.RootElement));
    }

    private static string Iac(string path) => Path.Combine(SampleAccounts.RepositoryRoot, "samples", "iac", path);
}
