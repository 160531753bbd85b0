using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Reporting;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.RepresentationModel;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// Issue 18, item 9: a fix whose target the IaC defines is a change to the IaC, not an <c>aws iam put-*-policy</c>
/// command on a (stand-in) name: the statement at the resource's logical ID and file:line in the template's own form
/// (YAML, JSON), or for a Terraform plan an HCL resource beside the address. Each snippet is parsed in its form and its
/// statement compared with the fix's, the statement the verification evaluated.
/// </summary>
public sealed partial class TemplateFixTests
{
    private const string Account = "123456789012";

    /// <summary>A group and a role with no names (CloudFormation generates them), a job that runs as the role.</summary>
    private const string Yaml = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Devs:
            Type: AWS::IAM::Group
            Properties:
              Path: /
          GlueJobRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: glue.amazonaws.com}, Action: sts:AssumeRole}]}
          Job:
            Type: AWS::Glue::Job
            Properties:
              Name: nightly
              Role: !GetAtt GlueJobRole.Arn
              Command: {Name: glueetl, ScriptLocation: s3://bucket/script.py}
        """;

    private const string Json = """
        {
          "Resources": {
            "Devs": { "Type": "AWS::IAM::Group", "Properties": { "Path": "/" } },
            "GlueJobRole": {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "Service": "glue.amazonaws.com" }, "Action": "sts:AssumeRole" } ] }
              }
            },
            "Job": {
              "Type": "AWS::Glue::Job",
              "Properties": { "Name": "nightly", "Role": { "Fn::GetAtt": [ "GlueJobRole", "Arn" ] }, "Command": { "Name": "glueetl", "ScriptLocation": "s3://bucket/script.py" } }
            }
          }
        }
        """;

    [Fact]
    public async Task Check_YamlTemplate_FixIsAPoliciesEntryInYamlAtTheGroup()
    {
        var file = IacSamples.Write(Yaml);
        var (finding, fix) = await FailingPassAsync(file, "Devs");

        var change = Assert.IsType<TemplateChange>(fix.TemplateChange);
        Assert.Equal(TemplateChangeFormat.Yaml, change.Format);
        Assert.Equal(file, change.File);
        Assert.Equal("Devs", change.Resource);
        Assert.Equal(LineOf(Yaml, "  Devs:"), change.Line);
        Assert.Equal("Properties", change.Property);
        Assert.Equal("AWS::IAM::Group", change.ResourceType);

        // Valid YAML, whose statement is the fix's, with the role named by !GetAtt instead of its stand-in name.
        var parsed = FromYaml(change.Snippet, fix.Policy!.Statements[0].Resource![0]);
        var statement = parsed["Policies"]![0]!["PolicyDocument"]!["Statement"]![0]!;
        AssertSameStatement(fix, statement);
        Assert.Contains("!GetAtt GlueJobRole.Arn", change.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain(":role/", change.Snippet, StringComparison.Ordinal);

        // The message shows the change, not a policy to attach by (stand-in) name.
        Assert.Contains(change.Snippet.Split('\n')[0], finding.Message, StringComparison.Ordinal);
        Assert.Contains($"{file}:{change.Line} (Devs.Properties)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_JsonTemplate_FixIsAPoliciesEntryInJson()
    {
        var file = IacSamples.Write(Json, ".json");
        var (_, fix) = await FailingPassAsync(file, "Devs");

        var change = Assert.IsType<TemplateChange>(fix.TemplateChange);
        Assert.Equal(TemplateChangeFormat.Json, change.Format);
        Assert.Equal("Devs", change.Resource);

        var parsed = JsonNode.Parse(change.Snippet)!;
        var statement = parsed["Policies"]![0]!["PolicyDocument"]!["Statement"]![0]!;
        Assert.Equal("""{"Fn::GetAtt":["GlueJobRole","Arn"]}""", statement["Resource"]!.ToJsonString());
        statement["Resource"] = fix.Policy!.Statements[0].Resource![0];
        AssertSameStatement(fix, statement);
    }

    [Fact]
    public async Task Check_GroupWithItsOwnManagedPolicyThatPassesRoles_StatementGoesIntoThatPolicy()
    {
        var yaml = Yaml + """

              PassRoles:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  Groups: [!Ref Devs]
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: iam:PassRole
                        Resource: !Sub arn:aws:iam::${AWS::AccountId}:role/other-role
            """;
        var file = IacSamples.Write(yaml);
        var (_, fix) = await FailingPassAsync(file, "Devs");

        var change = Assert.IsType<TemplateChange>(fix.TemplateChange);
        Assert.Equal("PassRoles", change.Resource);
        Assert.Equal("AWS::IAM::ManagedPolicy", change.ResourceType);
        Assert.Equal("Properties.PolicyDocument.Statement", change.Property);
        Assert.Equal(LineOf(yaml, "  PassRoles:"), change.Line);
        Assert.Contains("already allows iam:PassRole", change.Description, StringComparison.Ordinal);
        var statements = FromYaml(change.Snippet, fix.Policy!.Statements[0].Resource![0]);
        AssertSameStatement(fix, Assert.Single(statements.AsArray())!);
    }

    [Fact]
    public async Task Check_ManagedPolicyThatPassesRolesSharedWithAnotherGroup_NotWidened_PoliciesEntryInstead()
    {
        var yaml = Yaml + """

              Others:
                Type: AWS::IAM::Group
              PassRoles:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  Groups: [!Ref Devs, !Ref Others]
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: iam:PassRole
                        Resource: arn:aws:iam::123456789012:role/other-role
            """;
        var (_, fix) = await FailingPassAsync(IacSamples.Write(yaml), "Devs");

        var change = Assert.IsType<TemplateChange>(fix.TemplateChange);
        Assert.Equal("Devs", change.Resource);
        Assert.Equal("Properties", change.Property);
    }

    [Fact]
    public async Task Check_TerraformPlan_FixIsAnHclResourceBesideTheGroupAddress()
    {
        var account = IacAccount.FromTerraformPlan(IacSamples.TerraformPlan);
        var result = await IacCheck.RunAsync(account, [], ["analysts"]);
        var fix = Assert.Single(result.Findings, f => f is { RuleId: "GPR004", Severity: IacCheckSeverity.Error }).Fix!;

        var change = Assert.IsType<TemplateChange>(fix.TemplateChange);
        Assert.Equal(TemplateChangeFormat.Hcl, change.Format);
        Assert.Equal("aws_iam_group.analysts", change.Resource);
        Assert.Equal("aws_iam_group", change.ResourceType);
        Assert.StartsWith("resource \"aws_iam_group_policy\" \"allow_pass_etl_runtime_to_glue\" {", change.Snippet, StringComparison.Ordinal);
        Assert.Matches(@"\n  group\s+= aws_iam_group\.analysts\.name\n", change.Snippet);
        Assert.True(Balanced(change.Snippet), change.Snippet);

        var policy = HclObjectToJson(change.Snippet[(change.Snippet.IndexOf("jsonencode(", StringComparison.Ordinal) + "jsonencode(".Length)..change.Snippet.LastIndexOf(')')]);
        AssertSameStatement(fix, policy["Statement"]![0]!);
    }

    [Fact]
    public async Task Check_TerraformModule_ResourceGoesInTheModuleAndNamesItsRoleByReference()
    {
        var trust = JsonSerializer.Serialize("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        var plan = IacSamples.Write($$"""
            {
              "format_version": "1.2",
              "resource_changes": [
                { "address": "module.etl.aws_iam_role.runtime", "module_address": "module.etl", "mode": "managed", "type": "aws_iam_role", "name": "runtime",
                  "change": { "actions": ["create"], "after": { "name": "etl-runtime", "path": "/", "assume_role_policy": {{trust}} }, "after_unknown": { "arn": true } } },
                { "address": "module.etl.aws_iam_group.devs", "module_address": "module.etl", "mode": "managed", "type": "aws_iam_group", "name": "devs",
                  "change": { "actions": ["create"], "after": { "name": "etl-devs", "path": "/" }, "after_unknown": { "arn": true } } },
                { "address": "module.etl.aws_glue_job.nightly", "module_address": "module.etl", "mode": "managed", "type": "aws_glue_job", "name": "nightly",
                  "change": { "actions": ["create"], "after": { "name": "nightly", "role_arn": "arn:aws:iam::123456789012:role/etl-runtime" }, "after_unknown": {} } }
              ]
            }
            """, ".json");
        var result = await IacCheck.RunAsync(IacAccount.FromTerraformPlan(plan), [], ["etl-devs"]);
        var fix = Assert.Single(result.Findings, f => f is { RuleId: "GPR004", Severity: IacCheckSeverity.Error }).Fix!;

        var change = Assert.IsType<TemplateChange>(fix.TemplateChange);
        Assert.Equal("module.etl.aws_iam_group.devs", change.Resource);
        Assert.Contains("configuration of module module.etl", change.Description, StringComparison.Ordinal);
        Assert.Matches(@"\n  group\s+= aws_iam_group\.devs\.name\n", change.Snippet);
        Assert.Matches(@"\n\s+Resource\s+= aws_iam_role\.runtime\.arn\n", change.Snippet);
        Assert.True(Balanced(change.Snippet), change.Snippet);
    }

    [Fact]
    public async Task Check_RoleNotTrustingGlue_TrustFixIsAStatementForTheTemplate()
    {
        var file = IacSamples.AccountTemplate("role-not-trusting-glue");
        var result = await IacCheck.RunAsync(IacAccount.FromTemplate(file), [], []);
        var fix = Assert.Single(result.Findings, f => f is { RuleId: "GPR003", Severity: IacCheckSeverity.Error }).Fix!;

        var change = Assert.IsType<TemplateChange>(fix.TemplateChange);
        Assert.Equal("Properties.AssumeRolePolicyDocument.Statement", change.Property);
        var statement = Assert.Single(FromYaml(change.Snippet, roleArn: null).AsArray())!;
        Assert.True(JsonNode.DeepEquals(StatementJson(fix.Policy!.Statements[0]), statement), change.Snippet);
    }

    [Fact]
    public async Task Check_RoleSamGeneratesForAFunction_StatementGoesIntoTheFunctionsPolicies()
    {
        // SAM generates LoaderRole for a function with no Role and adds what the function's Policies list to it
        // (AWS SAM Developer Guide, AWS::Serverless::Function, Policies: a policy document is accepted as an entry).
        const string Sam = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Loader:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: src/
              GlueJobRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: loader-glue
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: glue.amazonaws.com}, Action: sts:AssumeRole}]}
              Job:
                Type: AWS::Glue::Job
                Properties:
                  Name: nightly
                  Role: !GetAtt GlueJobRole.Arn
                  Command: {Name: glueetl, ScriptLocation: s3://bucket/script.py}
            """;
        var account = IacAccount.Load(new IacSourceOptions { Templates = [IacSamples.Write(Sam)], StackName = "app" });
        var result = await IacCheck.RunAsync(account, [$"arn:aws:sts::{Account}:assumed-role/app-LoaderRole-GENERATED/loader"], []);
        var fix = Assert.Single(result.Findings, f => f is { RuleId: "GPR004", Severity: IacCheckSeverity.Error }).Fix!;

        var change = Assert.IsType<TemplateChange>(fix.TemplateChange);
        Assert.Equal(("Loader", "AWS::Serverless::Function", "Properties.Policies", 3), (change.Resource, change.ResourceType, change.Property, change.Line));
        var entry = Assert.Single(FromYaml(change.Snippet, fix.Policy!.Statements[0].Resource![0]).AsArray())!;
        AssertSameStatement(fix, entry["Statement"]![0]!);
    }

    [Fact]
    public async Task Check_PassToAnyService_TheConditionIsAYamlChangeAtTheStatement()
    {
        var yaml = Yaml + """

              DevsPass:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: pass
                  Groups: [!Ref Devs]
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Sid: PassAny
                        Effect: Allow
                        Action: iam:PassRole
                        Resource: "*"
            """;
        var result = await IacCheck.RunAsync(IacAccount.FromTemplate(IacSamples.Write(yaml)), [], []);
        var finding = Assert.Single(result.Findings, f => f.RuleId == "GPR005");

        var change = Assert.IsType<TemplateChange>(finding.Fix!.TemplateChange);
        Assert.Equal(("DevsPass", "Properties.PolicyDocument.Statement", TemplateChangeFormat.Yaml), (change.Resource, change.Property, change.Format));
        Assert.Contains("statement PassAny", change.Description, StringComparison.Ordinal);
        var condition = FromYaml(change.Snippet, roleArn: null);
        Assert.Equal("""{"Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}""", condition.ToJsonString());
        Assert.Contains("Add this Condition to statement PassAny", finding.Message, StringComparison.Ordinal);
        Assert.Contains("\n      StringEquals:", finding.Message.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_TemplateDefinesTheGroup_FixIsTheTemplateChangeNotACommand()
    {
        var yaml = Yaml + """

              Dana:
                Type: AWS::IAM::User
                Properties:
                  UserName: dana
                  Groups: [!Ref Devs]
              DevsGlue:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: glue-access
                  Groups: [!Ref Devs]
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: glue:*
                        Resource: "*"
            """;
        var file = IacSamples.Write(yaml);
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseIac(IacAccount.FromTemplate(file));
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(
            PassRoleInvestigationRequest.ForJob($"arn:aws:iam::{Account}:user/dana", "nightly"));

        var fix = Assert.IsType<ProposedFix>(report.Fix);
        Assert.Equal(FixTargetType.Group, fix.Target.Type);
        var change = Assert.IsType<TemplateChange>(fix.TemplateChange);
        Assert.Equal("Devs", change.Resource);
        Assert.Equal(fix.Document.Statements[0], change.Statement);
        var statement = FromYaml(change.Snippet, fix.Document.Statements[0].Resource![0])["Policies"]![0]!["PolicyDocument"]!["Statement"]![0]!;
        Assert.True(JsonNode.DeepEquals(StatementJson(fix.Document.Statements[0]), statement), change.Snippet);

        var text = PassRoleReportRenderer.ToText(report);
        Assert.Contains("Change the template", text, StringComparison.Ordinal);
        Assert.Contains("!GetAtt GlueJobRole.Arn", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aws iam put-group-policy", text, StringComparison.Ordinal);
        var markdown = PassRoleReportRenderer.ToMarkdown(report);
        Assert.Contains("```yaml", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("aws iam put-group-policy", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_RoleNotTrustingGlue_TheRequiredTrustChangeIsForTheTemplateToo()
    {
        var file = IacSamples.AccountTemplate("role-not-trusting-glue");
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseIac(IacAccount.FromTemplate(file));
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(
            PassRoleInvestigationRequest.ForRole($"arn:aws:iam::{Account}:user/dana", "etl-runtime"));

        var trust = Assert.Single(report.Fix!.AlsoRequired, r => r.Kind == RequiredChangeKind.RoleTrust);
        var change = Assert.IsType<TemplateChange>(trust.TemplateChange);
        Assert.Equal(("RoleEtlRuntime", "Properties.AssumeRolePolicyDocument.Statement"), (change.Resource, change.Property));
        var statement = Assert.Single(FromYaml(change.Snippet, roleArn: null).AsArray())!;
        Assert.Equal("glue.amazonaws.com", (string?)statement["Principal"]!["Service"]);
        Assert.Equal("sts:AssumeRole", (string?)statement["Action"]);
        var text = PassRoleReportRenderer.ToText(report);
        Assert.DoesNotContain("aws iam update-assume-role-policy", text, StringComparison.Ordinal);
        Assert.Contains("    - Effect: Allow", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_GroupOnlyInTheSnapshotBelow_KeepsTheCommand()
    {
        // The field note's group GlueAccess is the snapshot's: there is no template to change.
        var account = IacAccount.Load(new IacSourceOptions
        {
            Templates = [IacSamples.Root + "/cloudformation/reporting-job.yaml"],
            SnapshotDirectory = TestShared.SampleAccounts.Folder("field-note"),
        });
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseIac(account);
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(
            PassRoleInvestigationRequest.ForRole($"arn:aws:iam::{Account}:user/dana", "etl-runtime"));

        Assert.Null(report.Fix?.TemplateChange);
    }

    private static async Task<(IacCheckFinding Finding, IacCheckFix Fix)> FailingPassAsync(string file, string group)
    {
        var result = await IacCheck.RunAsync(IacAccount.FromTemplate(file), [], [group]);
        var finding = Assert.Single(result.Findings, f => f is { RuleId: "GPR004", Severity: IacCheckSeverity.Error });
        return (finding, Assert.IsType<IacCheckFix>(finding.Fix));
    }

    private static void AssertSameStatement(IacCheckFix fix, JsonNode statement)
    {
        var expected = StatementJson(fix.Policy!.Statements[0]);
        Assert.True(JsonNode.DeepEquals(expected, statement), $"{expected?.ToJsonString()} != {statement.ToJsonString()}");
        Assert.Equal(fix.Policy.Statements[0], fix.TemplateChange!.Statement);
    }

    private static JsonNode StatementJson(PolicyStatement statement) =>
        JsonNode.Parse(new PolicyDocument { Statements = [statement] }.ToJson(indented: false))!["Statement"]![0]!.DeepClone();

    private static int LineOf(string text, string line) => Array.FindIndex(text.Split('\n'), l => l.TrimEnd() == line) + 1;

    /// <summary>Parses the YAML with YamlDotNet into JSON: <c>!GetAtt X.Arn</c> becomes <paramref name="roleArn"/>.</summary>
    private static JsonNode FromYaml(string yaml, string? roleArn)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(Assert.Single(stream.Documents).RootNode, roleArn);
    }

    private static JsonNode Convert(YamlNode node, string? roleArn) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, (JsonNode?)Convert(c.Value, roleArn)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(c => Convert(c, roleArn))]),
        YamlScalarNode { Tag: { IsEmpty: false, IsNonSpecific: false, Value: "!GetAtt" } } => JsonValue.Create(roleArn ?? throw new InvalidOperationException("unexpected !GetAtt"))!,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value!)!,
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    /// <summary>Braces, brackets and parentheses balance outside strings.</summary>
    private static bool Balanced(string hcl)
    {
        var stack = new Stack<char>();
        var inString = false;
        for (var i = 0; i < hcl.Length; i++)
        {
            var c = hcl[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[' or '(':
                    stack.Push(c);
                    break;
                case '}' or ']' or ')':
                    if (stack.Count == 0 || stack.Pop() != c switch { '}' => '{', ']' => '[', _ => '(' })
                    {
                        return false;
                    }

                    break;
            }
        }

        return stack.Count == 0 && !inString;
    }

    /// <summary>The HCL object expression the snippet writes (one member per line, <c>key = value</c>) read back as JSON.</summary>
    private static JsonNode HclObjectToJson(string hcl)
    {
        var json = HclMember().Replace(hcl, m => $"{m.Groups[1].Value}{(m.Groups[2].Value.StartsWith('"') ? m.Groups[2].Value : $"\"{m.Groups[2].Value}\"")}: ");
        json = Regex.Replace(json, @"(""|\}|\])\n", "$1,\n");
        return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true })!;
    }

    [GeneratedRegex(@"(?m)^(\s*)(""[^""]*""|[A-Za-z_][A-Za-z0-9_-]*)\s*= ")]
    private static partial Regex HclMember();
}
