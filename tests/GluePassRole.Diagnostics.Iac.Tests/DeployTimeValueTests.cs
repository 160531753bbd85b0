using System.Text.Json.Nodes;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.TestShared;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// Issue 18, items 1 to 3: values known only at deploy, in templates written the way AWS sample repositories write them
/// (Templates/*.yaml). CloudFormation semantics: "Fn::GetAtt" and "Ref" of AWS::IAM::Role
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html#aws-resource-iam-role-return-values),
/// "Get values stored in other services using dynamic references"
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html) and "Specify existing
/// resources at runtime with CloudFormation-supplied parameter types" (SSM parameter types,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html).
/// </summary>
public sealed class DeployTimeValueTests
{
    private const string Account = "arn:aws:iam::123456789012:";
    private const string Engineer = Account + "user/raw-zone-engineer";
    private const string Orchestrator = Account + "role/orders-etl-orchestrator";
    private const string Backfill = Account + "role/orders-etl-backfill";
    private const string SharedGlueRole = Account + "role/org/glue-etl";
    private const string SharedCrawlerRole = Account + "role/org/glue-crawler";
    private const string RoleArnReference = "{{resolve:ssm:/org/glue/role-arn}}";

    private static IacAccount Load(string template, params (string Key, string Value)[] parameters) => IacAccount.Load(new IacSourceOptions
    {
        Templates = [IacSamples.TestTemplate(template)],
        Parameters = parameters.ToDictionary(p => p.Key, p => p.Value),
    });

    // ---- Item 1: a role whose name is known only at deploy is still the template's own role. ----

    [Fact]
    public async Task Load_RoleNamesKnownOnlyAtDeploy_RolesStandInAndAreFoundByLogicalId()
    {
        var account = Load("deploy-time-role-names.yaml");

        var job = (await account.GetRoleAsync("GlueJobRole")).Value!;
        var crawler = (await account.GetRoleAsync("GlueCrawlerRole")).Value!;

        // !Ref JobRoleName (no default): nothing of the name is known. !Join [-, [Environment, glue-crawler, <from AWS::StackId>]]:
        // the known part is kept, each unknown part stands as UNKNOWN.
        Assert.Equal(Account + "role/deploy-time-role-names-GlueJobRole-UNKNOWN", job.Arn);
        Assert.Equal("UNKNOWN-glue-crawler-UNKNOWN", crawler.Name);
        Assert.Equal(2, account.RoleNames.Count());
        var unknown = Assert.Single(account.Unknowns, u => u.Origin.Resource == "GlueJobRole");
        Assert.Equal("RoleName", unknown.Origin.Property);
        Assert.Contains("parameter JobRoleName has no value", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains("stand-in", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains(account.Unknowns, u => u.Origin.Resource == "GlueCrawlerRole" && u.Reason.Contains("AWS::StackId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_RoleNamedAtDeploy_EngineerPassesBothByGetAttAndNotToOtherServices()
    {
        var account = Load("deploy-time-role-names.yaml");

        var job = await IacPassRole.CheckAsync(account, Engineer, "GlueJobRole");
        var crawler = await IacPassRole.CheckAsync(account, Engineer, "GlueCrawlerRole");
        var toEc2 = await IacPassRole.CheckAsync(account, Engineer, "GlueJobRole", "ec2.amazonaws.com");

        Assert.Equal(Decision.Allowed, job.ThrowIfNotAllowed().Decision);
        Assert.Equal(Decision.Allowed, crawler.ThrowIfNotAllowed().Decision);
        Assert.Equal(Decision.ImplicitDeny, toEc2.Decision);
        Assert.Contains(job.Notes, n => n.Contains("deploy-time-role-names-GlueJobRole-UNKNOWN", StringComparison.Ordinal) && n.Contains("stand-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IacCheck_JobRoleIsGetAttOfARoleNamedAtDeploy_RoleIsCheckedNotUnknown()
    {
        var account = Load("deploy-time-role-names.yaml");

        var result = await IacCheck.RunAsync(account, [Engineer], []);

        Assert.DoesNotContain(result.Findings, f => f.RuleId is "GPR001" or "GPR002" or "GPR003");
        Assert.Equal(
            ["Glue Job raw-zone-etl", "Glue Crawler raw-zone-crawler"],
            result.Findings.Where(f => f.RuleId == "GPR004" && f.Severity == IacCheckSeverity.Note).Select(f => f.Message[..f.Message.IndexOf(':', StringComparison.Ordinal)]));
        Assert.False(result.HasErrors);
        Assert.False(result.HasUnknowns);
    }

    [Fact]
    public async Task Audit_UseIac_RolesNamedAtDeployAreAuditedWithTheirWideGrants()
    {
        var account = Load("deploy-time-role-names.yaml");

        var report = await AuditAsync(account);

        Assert.Equal("123456789012", report.Account);
        Assert.Equal((3, 2, 2), (report.PrincipalCount, report.RoleCount, report.TargetCount));
        Assert.Contains(report.Grants, g => g.Principal == Engineer && g.Role == Account + "role/UNKNOWN-glue-crawler-UNKNOWN");
        Assert.Contains(report.Grants, g => g.Principal == Engineer && g.Role == Account + "role/deploy-time-role-names-GlueJobRole-UNKNOWN");
        Assert.Equal(
            ["crawler-pass-roles", "raw-zone-etl"],
            report.Findings.Where(f => f.Code == AuditFindingCodes.PassRoleWithoutPassedToService).Select(f => f.Policy).Order(StringComparer.Ordinal));
        Assert.Equal(2, report.Findings.Count(f => f.Code == AuditFindingCodes.PassAnyRole));
        Assert.All(report.Unknowns, u => Assert.Contains("service control policies", u.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Investigate_JobAndRoleByLogicalId_AreReadFromTheTemplate()
    {
        var account = Load("deploy-time-role-names.yaml");

        var byJob = await InvestigateAsync(account, PassRoleInvestigationRequest.ForJob(Engineer, "RawZoneEtlJob"));
        var byRole = await InvestigateAsync(account, PassRoleInvestigationRequest.ForRole(Engineer, "GlueCrawlerRole"));

        Assert.Equal((Decision.Allowed, Account + "role/deploy-time-role-names-GlueJobRole-UNKNOWN"), (byJob.Decision, byJob.Role));
        Assert.Equal((Decision.Allowed, Account + "role/UNKNOWN-glue-crawler-UNKNOWN"), (byRole.Decision, byRole.Role));
    }

    [Fact]
    public async Task Load_RoleNameGivenAsParameter_RealNameReplacesTheStandIn()
    {
        var account = Load("deploy-time-role-names.yaml", ("JobRoleName", "raw-zone-glue-job"), ("Environment", "prod"));

        var verdict = await IacPassRole.CheckAsync(account, Engineer, "raw-zone-glue-job");

        Assert.Equal(Account + "role/raw-zone-glue-job", verdict.ThrowIfNotAllowed().RoleArn);
        Assert.DoesNotContain(account.Unknowns, u => u.Origin.Resource == "GlueJobRole");
        Assert.StartsWith("prod-glue-crawler-", (await account.GetRoleAsync("GlueCrawlerRole")).Value!.Name, StringComparison.Ordinal);
    }

    // ---- Item 2: dynamic references and SSM parameter types are values unknown before deploy, never literal text. ----

    [Fact]
    public async Task CheckGroupAsync_PassRoleOnDynamicReference_UnknownNamingTheReferenceNotADeny()
    {
        var account = Load("dynamic-references.yaml");

        var verdict = await IacPassRole.CheckGroupAsync(account, "engineering-data-engineers", SharedGlueRole);

        Assert.Equal(Decision.Unknown, verdict.Decision);
        var gap = Assert.Single(verdict.Gaps);
        Assert.Contains(RoleArnReference, gap.Error.Message, StringComparison.Ordinal);
        Assert.Contains("SSM Parameter Store", gap.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("only on {{resolve", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckGroupAsync_DynamicReferenceAndSsmParameterGiven_DecidedOnTheirValues()
    {
        var account = Load("dynamic-references.yaml", (RoleArnReference, SharedGlueRole), ("pCrawlerRoleArn", SharedCrawlerRole));

        var etl = await IacPassRole.CheckGroupAsync(account, "engineering-data-engineers", SharedGlueRole);
        var crawler = await IacPassRole.CheckGroupAsync(account, "engineering-data-engineers", SharedCrawlerRole);
        var other = await IacPassRole.CheckGroupAsync(account, "engineering-data-engineers", Account + "role/org/admin");

        Assert.Equal(Decision.Allowed, etl.ThrowIfNotAllowed().Decision);
        Assert.Equal(Decision.Allowed, crawler.ThrowIfNotAllowed().Decision);
        Assert.Equal(Decision.ImplicitDeny, other.ThrowIfNotDenied().Decision);
    }

    [Fact]
    public async Task CheckGroupAsync_SsmParameterFromParametersFile_IsTheParameterNameSoStillUnknown()
    {
        var file = IacSamples.Write($$"""[{"ParameterKey": "pCrawlerRoleArn", "ParameterValue": "/org/glue/crawler-role-arn"}]""", ".json");
        var account = IacAccount.Load(new IacSourceOptions
        {
            Templates = [IacSamples.TestTemplate("dynamic-references.yaml")],
            ParameterFiles = [file],
            Parameters = new Dictionary<string, string> { [RoleArnReference] = SharedGlueRole },
        });

        var verdict = await IacPassRole.CheckGroupAsync(account, "engineering-data-engineers", SharedCrawlerRole);

        Assert.Equal(Decision.Unknown, verdict.Decision);
        Assert.Contains("pCrawlerRoleArn is read from SSM Parameter Store (/org/glue/crawler-role-arn)", Assert.Single(verdict.Gaps).Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IacCheck_JobRoleFromDynamicReference_RoleUnknownBeforeDeploy()
    {
        var account = Load("dynamic-references.yaml");

        var result = await IacCheck.RunAsync(account, [], ["engineering-data-engineers"]);

        var job = Assert.Single(result.Findings, f => f.Origin?.Resource == "rCurateOrdersJob");
        Assert.Equal(("GPR001", IacCheckSeverity.Unknown), (job.RuleId, job.Severity));
        Assert.Contains(RoleArnReference, job.Message, StringComparison.Ordinal);
        Assert.Contains("SSM Parameter Store", job.Message, StringComparison.Ordinal);
        var crawler = Assert.Single(result.Findings, f => f.Origin?.Resource == "rOrdersCrawler");
        Assert.Equal("GPR001", crawler.RuleId);
    }

    [Fact]
    public async Task CheckAsync_ManagedPolicyArnFromDynamicReference_UnknownBeforeDeployNotUndefined()
    {
        var account = Load("dynamic-references.yaml");

        var verdict = await IacPassRole.CheckAsync(account, Account + "role/engineering-analyst", SharedGlueRole);

        Assert.Equal(Decision.Unknown, verdict.Decision);
        var gap = Assert.Single(verdict.Gaps);
        Assert.Contains("{{resolve:ssm:/org/iam/analyst-policy-arn}}", gap.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("is not defined by the IaC", gap.Error.Message, StringComparison.Ordinal);

        // The secretsmanager reference stands only in a statement on secretsmanager:GetSecretValue.
        Assert.Contains(verdict.Notes, n => n.Contains("warehouse-credentials", StringComparison.Ordinal) && n.Contains("AWS Secrets Manager", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{{resolve:ssm:/org/glue/role-name}}", "SSM Parameter Store")]
    [InlineData("{{resolve:ssm:/org/glue/role-name:3}}", "SSM Parameter Store")]
    [InlineData("{{resolve:ssm-secure:/org/glue/role-name}}", "SecureString")]
    [InlineData("{{resolve:secretsmanager:org/glue:SecretString:roleName}}", "AWS Secrets Manager")]
    public async Task Load_DynamicReferenceInARoleName_IsUnknownAndCanBeGiven(string reference, string service)
    {
        var template = IacSamples.Write($$"""
            Resources:
              EtlRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: "{{reference}}-etl"
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
            """);

        var unknown = IacAccount.FromTemplate(template);
        var given = IacAccount.Load(new IacSourceOptions { Templates = [template], Parameters = new Dictionary<string, string> { [reference] = "team" } });

        Assert.Equal("UNKNOWN-etl", (await unknown.GetRoleAsync("EtlRole")).Value!.Name);
        var reason = Assert.Single(unknown.Unknowns).Reason;
        Assert.Contains(reference, reason, StringComparison.Ordinal);
        Assert.Contains(service, reason, StringComparison.Ordinal);
        Assert.Equal("team-etl", (await given.GetRoleAsync("EtlRole")).Value!.Name);
        Assert.Empty(given.Unknowns);
    }

    // ---- Item 3: an unknown reaches only the statements it stands in; a statement matters only if it could match. ----

    [Fact]
    public async Task CheckAsync_S3StatementOnBucketParameterWithoutValue_DoesNotMakePassRoleUnknown()
    {
        var account = Load("unknown-bucket-statement.yaml");

        var toGlue = await IacPassRole.CheckAsync(account, Orchestrator, "GlueJobRole");
        var toEc2 = await IacPassRole.CheckAsync(account, Orchestrator, "GlueJobRole", "ec2.amazonaws.com");

        Assert.Equal(Decision.Allowed, toGlue.ThrowIfNotAllowed().Decision);
        Assert.Empty(toGlue.Gaps);
        Assert.Contains(toGlue.Notes, n => n.Contains("ReadWriteOrdersData", StringComparison.Ordinal) && n.Contains("DataBucket", StringComparison.Ordinal));
        Assert.Contains(toGlue.Notes, n => n.Contains("orders-etl-data-key", StringComparison.Ordinal) && n.Contains("DataKmsKeyArn", StringComparison.Ordinal));
        Assert.Equal(Decision.ImplicitDeny, toEc2.ThrowIfNotDenied().Decision);
    }

    [Fact]
    public async Task CheckAsync_PassRoleStatementOnUnknownPrefix_StaysUnknownNamingThatStatement()
    {
        var account = Load("unknown-bucket-statement.yaml");

        var verdict = await IacPassRole.CheckAsync(account, Backfill, "GlueJobRole");

        Assert.Equal(Decision.Unknown, verdict.Decision);
        var gap = Assert.Single(verdict.Gaps);
        Assert.Contains("pass-team-glue-roles", gap.Subject, StringComparison.Ordinal);
        Assert.Contains("TeamPrefix", gap.Error.Message, StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::123456789012:role/service-role/*-*", Assert.Single(gap.Statement!.Resource!));
    }

    [Fact]
    public async Task IacCheck_OrchestratorWithS3StatementOnUnknownBucket_PassesTheJobRole()
    {
        var account = Load("unknown-bucket-statement.yaml");

        var result = await IacCheck.RunAsync(account, [Orchestrator], []);

        var pass = Assert.Single(result.Findings, f => f.RuleId == "GPR004");
        Assert.Equal(IacCheckSeverity.Note, pass.Severity);
        Assert.False(result.HasUnknowns);
        Assert.Contains(result.Findings, f => f.RuleId == "GPR006" && f.Origin is { Resource: "OrchestratorRole", Property: "Policies[0].PolicyDocument.Statement[0]" });
    }

    // The orchestrator's grants are known; only what the S3 statements on the unknown bucket reach is not, so whether
    // running as the job role gives it more S3 access is left undecided, not the principal.
    [Fact]
    public async Task Audit_UseIac_OnlyThePrincipalWhosePassRoleIsUnknownIsUnknown()
    {
        var report = await AuditAsync(Load("unknown-bucket-statement.yaml"));

        Assert.Contains(report.Grants, g => g.Principal == Orchestrator && g.Role == Account + "role/service-role/orders-etl-glue-job");
        Assert.DoesNotContain(report.Unknowns, u => u.Principal == Orchestrator && u.Role is null);
        var escalation = Assert.Single(report.Unknowns, u => u.Principal == Orchestrator);
        Assert.Contains("s3:GetObject on all buckets", escalation.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("iam:PassRole", escalation.Reason, StringComparison.Ordinal);
        Assert.Contains(report.Unknowns, u => u.Principal == Backfill && u.Subject.Contains("pass-team-glue-roles", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_TemplateOnSnapshot_UnknownS3StatementAddedToExistingGroupDoesNotHideTheAllow()
    {
        var template = IacSamples.Write("""
            Parameters:
              LogsBucket:
                Type: String
            Resources:
              GlueAccessPassEtlRuntime:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: pass-etl-runtime
                  Groups: [GlueAccess]
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Sid: PassEtlRuntimeToGlue
                        Effect: Allow
                        Action: iam:PassRole
                        Resource: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/etl-runtime
                        Condition:
                          StringEquals:
                            iam:PassedToService: glue.amazonaws.com
                      - Sid: ReadJobLogs
                        Effect: Allow
                        Action: s3:GetObject
                        Resource: !Sub arn:${AWS::Partition}:s3:::${LogsBucket}/glue/*
            """);
        var account = IacAccount.Load(new IacSourceOptions { Templates = [template], SnapshotDirectory = SampleAccounts.Folder("field-note") });

        var verdict = await IacPassRole.CheckAsync(account, "arn:aws:iam::123456789012:user/dana", "etl-runtime");

        Assert.Equal(Decision.Allowed, verdict.ThrowIfNotAllowed().Decision);
        Assert.Contains(verdict.Notes, n => n.Contains("ReadJobLogs", StringComparison.Ordinal));
    }

    // A snapshot statement the library cannot read (here a condition operator it does not know, as AWS may add one) is
    // unknown alone: the statement's own action and resource say it cannot match iam:PassRole.
    [Fact]
    public async Task Investigate_SnapshotWithAnUnreadableStatement_OnlyThatStatementIsUnknown()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"snapshot-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(SampleAccounts.Folder("field-note")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var details = Path.Combine(folder, "get-account-authorization-details.json");
        var json = JsonNode.Parse(File.ReadAllText(details))!;
        var developers = json["GroupDetailList"]!.AsArray().Single(g => (string?)g!["GroupName"] == "developers")!;
        var readScripts = developers["GroupPolicyList"]![0]!["PolicyDocument"]!["Statement"]![1]!;
        Assert.Equal("ReadScripts", (string?)readScripts["Sid"]);
        readScripts["Condition"] = JsonNode.Parse("""{"StringMatchesPattern": {"s3:prefix": "scripts/*"}}""");
        File.WriteAllText(details, json.ToJsonString());

        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseSnapshot(folder);
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(
            PassRoleInvestigationRequest.ForRole("arn:aws:iam::123456789012:user/dana", "etl-runtime") with
            {
                Context = RequestContext.Empty.With("aws:MultiFactorAuthPresent", "true"),
            });

        Assert.Equal(Decision.ImplicitDeny, report.Decision);
        Assert.DoesNotContain(report.Unread, g => g.PolicyType == PolicyType.IdentityBased);
    }

    private static async Task<PassRoleAuditReport> AuditAsync(IacAccount account)
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseIac(account);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleAuditor>().AuditAsync();
    }

    private static async Task<PassRoleReport> InvestigateAsync(IacAccount account, PassRoleInvestigationRequest request)
    {
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseIac(account);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IPassRoleInvestigator>().InvestigateAsync(request);
    }
}
