using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// <c>glue-passrole check</c> on the request cases of issue 17 (tests/Shared/RequestCases; each README states what AWS
/// decides, with the page): a pass, a failure, or a conditional pass that names its conditions (exit 0).
/// </summary>
public sealed class CheckRequestCaseTests
{
    private const string Users = "arn:aws:iam::111122223333:user/";

    private static Task<(int ExitCode, string Stdout, string Stderr)> CheckAsync(string name, params string[] more) =>
        CliRunner.RunAsync(["check", "--template", RequestCases.Template(name), "--account-id", RequestCases.AccountId, .. more]);

    private static List<JsonElement> Findings(string json, string ruleId) =>
        JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == ruleId).ToList();

    // aws:PrincipalArn is in every signed request: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
    [Fact]
    public async Task Check_AdminGuardrail_AdminBobPassesCarolFailsWithNoAllowProposed()
    {
        var (exit, stdout, _) = await CheckAsync("admin-guardrail", "--principal", Users + "carol", "--principal", Users + "admin-bob");

        Assert.Equal(1, exit);
        Assert.Contains($"note GPR004 {RequestCases.Template("admin-guardrail")}", stdout, StringComparison.Ordinal);
        Assert.Contains($"{Users}admin-bob can pass arn:aws:iam::111122223333:role/etl-runtime to Glue.", stdout, StringComparison.Ordinal);
        Assert.Contains($"{Users}carol cannot pass arn:aws:iam::111122223333:role/etl-runtime to glue.amazonaws.com (ExplicitDeny)", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("fix (least privilege)", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("did not supply aws:PrincipalArn", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AdminGuardrail_GroupPassesOnlyForAdminMembers_Conditional()
    {
        var (exit, stdout, _) = await CheckAsync("admin-guardrail", "--group", "etl-admins", "--format", "json");

        Assert.Equal(0, exit);
        var finding = Assert.Single(Findings(stdout, "GPR004"));
        Assert.Equal("conditional", finding.GetProperty("severity").GetString());
        Assert.StartsWith("aws:PrincipalArn like arn:aws:iam::*:user/admin-*", finding.GetProperty("conditions")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("a member of group etl-admins can pass", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    // aws:PrincipalTag: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltag
    [Fact]
    public async Task Check_AbacTags_FrankPassesByHisPrincipalTag()
    {
        var (exit, stdout, _) = await CheckAsync("abac-tags", "--principal", Users + "frank");

        Assert.Equal(1, exit);
        Assert.Contains($"Glue Job nightly-etl: {Users}frank can pass arn:aws:iam::111122223333:role/etl-runtime to Glue.", stdout, StringComparison.Ordinal);
        Assert.Contains($"Glue Job finance-close: {Users}frank cannot pass arn:aws:iam::111122223333:role/finance-runtime", stdout, StringComparison.Ordinal);
    }

    // aws:SourceAccount is sent "only when" a service acts for a resource, and no Glue page says it sends it:
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount,
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
    [Fact]
    public async Task Check_TrustSourceAccount_ConditionalPassNamingTheCondition()
    {
        var (exit, stdout, _) = await CheckAsync("trust-source-account", "--principal", Users + "dana");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("FAIL", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("does not let glue.amazonaws.com assume it", stdout, StringComparison.Ordinal);
        Assert.Contains("CONDITIONAL GPR003", stdout, StringComparison.Ordinal);
        Assert.Contains("role etl-runtime trusts glue.amazonaws.com only under conditions: Allowed when aws:SourceAccount = 111122223333", stdout, StringComparison.Ordinal);
        Assert.Contains("if it does not, the job fails to assume the role", stdout, StringComparison.Ordinal);
        Assert.Contains("PASSED CONDITIONALLY", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TrustSourceAccount_JsonAndSarifCarryTheConditions()
    {
        var (jsonExit, json, _) = await CheckAsync("trust-source-account", "--format", "json");
        var (sarifExit, sarif, _) = await CheckAsync("trust-source-account", "--format", "sarif");

        Assert.Equal(0, jsonExit);
        Assert.Equal("conditional", JsonDocument.Parse(json).RootElement.GetProperty("result").GetString());
        var trust = Assert.Single(Findings(json, "GPR003"));
        Assert.Equal("aws:SourceAccount = 111122223333", trust.GetProperty("conditions")[0].GetString());
        Assert.Equal(0, sarifExit);
        var result = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "GPR003");
        Assert.Equal("review", result.GetProperty("kind").GetString()); // a pass under conditions: not a failure (SARIF 2.1.0 §3.27.9)
        Assert.Equal("none", result.GetProperty("level").GetString());
        Assert.Equal("conditional pass", result.GetProperty("properties").GetProperty("outcome").GetString());
        Assert.Equal("aws:SourceAccount = 111122223333", result.GetProperty("properties").GetProperty("conditions").GetString());
    }

    // aws:PrincipalOrgID, aws:PrincipalOrgPaths: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
    [Fact]
    public async Task Check_OrgKeys_TemplateAloneIsConditionalOnTheOrganization()
    {
        var (exit, stdout, _) = await CheckAsync("org-keys", "--principal", Users + "dana");

        Assert.Equal(0, exit);
        Assert.Contains("CONDITIONAL GPR004", stdout, StringComparison.Ordinal);
        Assert.Contains("Allowed when aws:PrincipalOrgID = o-a1b2c3d4e5; ImplicitDeny otherwise", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OrgKeys_OnTheSnapshotWithOrganizations_Passes()
    {
        var (exit, stdout, _) = await CheckAsync("org-keys", "--snapshot", RequestCases.Snapshot("org-keys"), "--principal", Users + "dana");

        Assert.Equal(0, exit);
        Assert.Contains($"{Users}dana can pass arn:aws:iam::111122223333:role/etl-runtime to Glue.", stdout, StringComparison.Ordinal);
        Assert.Contains("PASSED: ", stdout, StringComparison.Ordinal);
    }

    // aws:CurrentTime: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime
    [Fact]
    public async Task Check_TimeWindow_Passes()
    {
        var (exit, stdout, _) = await CheckAsync("time-window", "--principal", Users + "dana");

        Assert.Equal(0, exit);
        Assert.Contains("PASSED: ", stdout, StringComparison.Ordinal);
    }

    // ${aws:username}: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    [Fact]
    public async Task Check_UsernameResource_DanaPassesErinFails()
    {
        var (exit, stdout, _) = await CheckAsync("username-resource", "--principal", Users + "dana", "--principal", Users + "erin");

        Assert.Equal(1, exit);
        Assert.Contains($"{Users}dana can pass arn:aws:iam::111122223333:role/dana-glue to Glue.", stdout, StringComparison.Ordinal);
        Assert.Contains($"{Users}erin cannot pass arn:aws:iam::111122223333:role/dana-glue", stdout, StringComparison.Ordinal);
    }

    // aws:SourceIp: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip
    [Fact]
    public async Task Check_SourceIp_ConditionalPassAndNoFixWithoutTheIpCondition()
    {
        var (exit, stdout, _) = await CheckAsync("source-ip", "--principal", Users + "dana");

        Assert.Equal(0, exit);
        Assert.Contains("CONDITIONAL GPR004", stdout, StringComparison.Ordinal);
        Assert.Contains("only under conditions: Allowed when aws:SourceIp in 10.0.0.0/8", stdout, StringComparison.Ordinal);
        Assert.Contains("no allow is proposed", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("fix (least privilege)", stdout, StringComparison.Ordinal);
        Assert.Contains("PASSED CONDITIONALLY: 0 failed, 0 warnings, 1 conditional", stdout, StringComparison.Ordinal);
    }

    // "You can only use the PassRole permission to pass an IAM role to a service that shares the same AWS account":
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
    [Fact]
    public async Task Check_CrossAccountRole_FailsAsCrossAccountWithNoAllowProposed()
    {
        var (exit, stdout, _) = await CheckAsync("cross-account-role", "--principal", Users + "dana");

        Assert.Equal(1, exit);
        Assert.Contains("FAIL GPR007", stdout, StringComparison.Ordinal);
        Assert.Contains("(JobNightlyEtl.Role)", stdout, StringComparison.Ordinal);
        Assert.Contains("a role cannot be passed to a service in another account", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("fix (least privilege)", stdout, StringComparison.Ordinal);
    }
}
