using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// <c>glue-passrole check</c>'s wording (issue 19 item 7): an UNKNOWN item says what is unknown, why and what would
/// decide it, and proposes a fix only as "if ... then"; a group verdict names "a member of group X", never an invented
/// principal; every proposed fix names what it attaches to (user, group, role or policy) and where the IaC defines it,
/// in text, Markdown, JSON and SARIF.
/// </summary>
public sealed class CheckWordingTests
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";

    /// <summary>Dana is in a group the template does not define: the group's policies are not read.</summary>
    private const string UnreadGroupTemplate = """
        AWSTemplateFormatVersion: '2010-09-09'
        Resources:
          UserDana:
            Type: AWS::IAM::User
            Properties:
              UserName: dana
              Groups:
              - platform-users
          RoleEtlRuntime:
            Type: AWS::IAM::Role
            Properties:
              RoleName: etl-runtime
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                - Effect: Allow
                  Principal:
                    Service: glue.amazonaws.com
                  Action: sts:AssumeRole
          JobNightlyEtl:
            Type: AWS::Glue::Job
            Properties:
              Name: nightly-etl
              Role: !GetAtt RoleEtlRuntime.Arn
              Command:
                Name: glueetl
                ScriptLocation: s3://example/etl.py
        """;

    private static string Iac(params string[] parts) => Path.GetFullPath(Path.Combine([SampleAccounts.Folder(".."), "iac", .. parts]));

    private static JsonElement Finding(string json, string ruleId) =>
        JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("ruleId").GetString() == ruleId);

    private static JsonElement SarifResult(string sarif, string ruleId) =>
        JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().First(r => r.GetProperty("ruleId").GetString() == ruleId);

    private static async Task<string> UnreadGroupAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"unread-group-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, UnreadGroupTemplate);
        return file;
    }

    [Fact]
    public async Task Check_GroupThatCannotPass_NamesAMemberOfTheGroupNotAnInventedPrincipal()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("check", "--terraform-plan", Iac("terraform", "plan.json"), "--group", "analysts");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("member-of-group", stdout, StringComparison.Ordinal);
        Assert.Contains("iam:PassRole on arn:aws:iam::123456789012:role/etl-runtime by a member of group analysts.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_GroupThatCannotPass_FixNamesTheGroupAndWhereItIsDefined_TextAndMarkdown()
    {
        var plan = Iac("terraform", "plan.json");

        var (_, text, _) = await CliRunner.RunAsync("check", "--terraform-plan", plan, "--group", "analysts");
        var (_, markdown, _) = await CliRunner.RunAsync("check", "--terraform-plan", plan, "--group", "analysts", "--format", "markdown");

        // Issue 18 item 9: the group is the plan's own, so the fix is a Terraform resource beside its address.
        var where = $"add this aws_iam_group_policy resource to the Terraform configuration of the root module, beside aws_iam_group.analysts (aws_iam_group), at {plan} (aws_iam_group.analysts)";
        Assert.Contains("fix (least privilege): " + where + ":\n    resource \"aws_iam_group_policy\" \"allow_pass_etl_runtime_to_glue\" {", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(where, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_GroupThatCannotPass_FixNamesTheGroupAndWhereItIsDefined_JsonAndSarif()
    {
        var plan = Iac("terraform", "plan.json");

        var (_, json, _) = await CliRunner.RunAsync("check", "--terraform-plan", plan, "--group", "analysts", "--format", "json");
        var (_, sarif, _) = await CliRunner.RunAsync("check", "--terraform-plan", plan, "--group", "analysts", "--format", "sarif");

        var fix = Finding(json, "GPR004").GetProperty("fix");
        Assert.Equal("group", fix.GetProperty("target").GetProperty("kind").GetString());
        Assert.Equal("analysts", fix.GetProperty("target").GetProperty("name").GetString());
        Assert.Equal("arn:aws:iam::123456789012:group/analysts", fix.GetProperty("target").GetProperty("arn").GetString());
        Assert.Equal("aws_iam_group.analysts", fix.GetProperty("where").GetProperty("resource").GetString());
        Assert.Equal(plan, fix.GetProperty("where").GetProperty("file").GetString());
        Assert.Equal("iam:PassRole", fix.GetProperty("policy").GetProperty("Statement")[0].GetProperty("Action").GetString());
        Assert.False(fix.TryGetProperty("onlyIf", out _));
        var properties = SarifResult(sarif, "GPR004").GetProperty("properties");
        Assert.Equal("group analysts (arn:aws:iam::123456789012:group/analysts)", properties.GetProperty("fixTarget").GetString());
        Assert.Equal($"{Path.GetRelativePath(Environment.CurrentDirectory, plan)} (aws_iam_group.analysts)", properties.GetProperty("fixWhere").GetString()); // relative to %SRCROOT% (issue 18 item 8)
        Assert.Contains("\"iam:PassRole\"", properties.GetProperty("fixPolicy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnreadGroupPolicies_UnknownSaysWhatIsUnknownAndProposesTheFixOnlyAsIf()
    {
        var template = await UnreadGroupAsync();

        var (exit, stdout, _) = await CliRunner.RunAsync("check", "--template", template, "--principal", Dana);

        Assert.Equal(3, exit);
        Assert.Contains("UNKNOWN GPR004", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Implicitly denied", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\n  fix (least privilege)", stdout, StringComparison.Ordinal);
        Assert.Contains($"whether {Dana} can pass arn:aws:iam::123456789012:role/etl-runtime to glue.amazonaws.com is not known: it depends on what could not be read (2 parts).", stdout, StringComparison.Ordinal);
        Assert.Contains("  unknown: inline policies of group platform-users: Group platform-users is not defined by the IaC", stdout, StringComparison.Ordinal);
        Assert.Contains("  on the policies that were read: No statement in the identity-based policies allows it.", stdout, StringComparison.Ordinal);
        Assert.Contains("  what would decide it: reading inline policies of group platform-users, managed policies attached to group platform-users.", stdout, StringComparison.Ordinal);
        Assert.Contains(
            $"  if what could not be read neither allows nor denies it, then this fix (least privilege) would allow it: add this Policies property to the Properties of UserDana (AWS::IAM::User), at {template}:3 (UserDana.Properties):",
            stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnreadGroupPolicies_JsonAndSarifCarryWhatIsUnknownAndTheConditionalFix()
    {
        var template = await UnreadGroupAsync();

        var (_, json, _) = await CliRunner.RunAsync("check", "--template", template, "--principal", Dana, "--format", "json");
        var (_, sarif, _) = await CliRunner.RunAsync("check", "--template", template, "--principal", Dana, "--format", "sarif");

        var finding = Finding(json, "GPR004");
        Assert.Equal("unknown", finding.GetProperty("severity").GetString());
        Assert.Equal(2, finding.GetProperty("unknowns").GetArrayLength());
        Assert.StartsWith("inline policies of group platform-users: ", finding.GetProperty("unknowns")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("reading inline policies of group platform-users", finding.GetProperty("decidedBy").GetString(), StringComparison.Ordinal);
        var fix = finding.GetProperty("fix");
        Assert.Equal("what could not be read neither allows nor denies it", fix.GetProperty("onlyIf").GetString());
        Assert.Equal("user", fix.GetProperty("target").GetProperty("kind").GetString());
        Assert.Equal(Dana, fix.GetProperty("target").GetProperty("arn").GetString());
        Assert.Equal("UserDana", fix.GetProperty("where").GetProperty("resource").GetString());
        Assert.Equal(3, fix.GetProperty("where").GetProperty("line").GetInt32());
        var properties = SarifResult(sarif, "GPR004").GetProperty("properties");
        Assert.Equal("undecided", properties.GetProperty("outcome").GetString());
        Assert.StartsWith("reading inline policies of group platform-users", properties.GetProperty("decidedBy").GetString(), StringComparison.Ordinal);
        Assert.Equal("what could not be read neither allows nor denies it", properties.GetProperty("fixOnlyIf").GetString());
        Assert.Equal($"user dana ({Dana})", properties.GetProperty("fixTarget").GetString());
    }

    // ${aws:username} in a group's allow: which member calls decides (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
    [Fact]
    public async Task Check_RoleNamedThroughUsername_UnknownSaysItDependsOnWhoCallsAndWhatDecides()
    {
        string[] args = ["check", "--template", RequestCases.Template("username-resource"), "--account-id", RequestCases.AccountId, "--group", "GlueAccess"];

        var (exit, stdout, _) = await CliRunner.RunAsync(args);
        var (_, json, _) = await CliRunner.RunAsync([.. args, "--format", "json"]);

        Assert.Equal(3, exit);
        Assert.DoesNotContain("Implicitly denied", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("member-of-group", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("what to change", stdout, StringComparison.Ordinal);
        Assert.Contains("whether a member of group GlueAccess can pass arn:aws:iam::111122223333:role/dana-glue to glue.amazonaws.com is not known: it depends on aws:username, which is not known here (which member of group GlueAccess calls).", stdout, StringComparison.Ordinal);
        Assert.Contains("  what would decide it: a principal whose aws:username is known, asked about by its ARN (CheckAsync, or check --principal).", stdout, StringComparison.Ordinal);
        Assert.Contains("  no allow is proposed: ", stdout, StringComparison.Ordinal);
        var finding = JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray()
            .First(f => f.GetProperty("ruleId").GetString() == "GPR004" && f.GetProperty("severity").GetString() == "unknown");
        Assert.Contains("${aws:username}", finding.GetProperty("unknowns")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("--principal", finding.GetProperty("decidedBy").GetString(), StringComparison.Ordinal);
        Assert.False(finding.TryGetProperty("fix", out _));
    }

    [Fact]
    public async Task Check_ImportedRole_UnknownSaysWhatIsNotCheckedAndWhatWouldDecideIt()
    {
        var template = Iac("cloudformation", "glue-platform.yaml");

        var (_, stdout, _) = await CliRunner.RunAsync("check", "--template", template, "--group", "GlueDevelopers");
        var (_, json, _) = await CliRunner.RunAsync("check", "--template", template, "--group", "GlueDevelopers", "--format", "json");

        Assert.Contains("UNKNOWN GPR001", stdout, StringComparison.Ordinal);
        Assert.Contains("so whether it exists, trusts Glue and who can pass it is not checked. What would decide it: ", stdout, StringComparison.Ordinal);
        var finding = Finding(json, "GPR001");
        Assert.Contains("Fn::ImportValue shared-glue-crawler-role-arn", finding.GetProperty("unknowns")[0].GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(finding.GetProperty("decidedBy").GetString()));
    }

    [Fact]
    public async Task Check_RoleNotTrustingGlue_FixNamesTheRoleAndItsTrustPolicy()
    {
        var template = Iac("accounts", "role-not-trusting-glue.yaml");

        var (_, text, _) = await CliRunner.RunAsync("check", "--template", template);
        var (_, json, _) = await CliRunner.RunAsync("check", "--template", template, "--format", "json");
        var (_, sarif, _) = await CliRunner.RunAsync("check", "--template", template, "--format", "sarif");

        Assert.Contains(
            $"Add this statement to the AssumeRolePolicyDocument of RoleEtlRuntime (AWS::IAM::Role), at {template}:131 (RoleEtlRuntime.Properties.AssumeRolePolicyDocument.Statement):",
            text,
            StringComparison.Ordinal);
        var fix = Finding(json, "GPR003").GetProperty("fix");
        Assert.Equal("role", fix.GetProperty("target").GetProperty("kind").GetString());
        Assert.Equal("etl-runtime", fix.GetProperty("target").GetProperty("name").GetString());
        Assert.Equal("RoleEtlRuntime", fix.GetProperty("where").GetProperty("resource").GetString());
        Assert.Equal("AssumeRolePolicyDocument", fix.GetProperty("where").GetProperty("property").GetString());
        Assert.Equal("glue.amazonaws.com", fix.GetProperty("policy").GetProperty("Statement")[0].GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("role etl-runtime (arn:aws:iam::123456789012:role/etl-runtime)", SarifResult(sarif, "GPR003").GetProperty("properties").GetProperty("fixTarget").GetString());
    }

    [Fact]
    public async Task Check_PassToAnyService_FixNamesThePolicyStatementAndWhatItIsAttachedTo()
    {
        var cdk = Iac("cdk", "cdk.out");

        var (_, text, _) = await CliRunner.RunAsync("check", "--cdk-out", cdk);
        var (_, json, _) = await CliRunner.RunAsync("check", "--cdk-out", cdk, "--format", "json");

        Assert.Contains(
            "to statement #0 of inline policy GlueDevelopersDefaultPolicy7B16CBC5 of group GlueDevelopers (arn:aws:iam::123456789012:group/GlueDevelopers), defined at ",
            text,
            StringComparison.Ordinal);
        var fix = Finding(json, "GPR005").GetProperty("fix");
        Assert.Equal("group", fix.GetProperty("target").GetProperty("kind").GetString());
        Assert.Equal("GlueDevelopers", fix.GetProperty("target").GetProperty("name").GetString());
        Assert.Equal("GlueDevelopersDefaultPolicy7B16CBC5", fix.GetProperty("where").GetProperty("resource").GetString());
        Assert.Equal(79, fix.GetProperty("where").GetProperty("line").GetInt32());
    }
}
