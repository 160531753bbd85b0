using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Preflight;
using Microsoft.Extensions.DependencyInjection;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// Preflight on the account a template would create: the job's definition, its buckets and bucket policies, its key and
/// key policy, its security configuration. A same-account bucket policy's deny wins; a key policy must allow
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
/// https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html).
/// </summary>
public class PreflightTemplateTests
{
    private static async Task<GlueJobPreflightReport> RunAsync(string template)
    {
        var account = IacAccount.FromTemplate(template);
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseIac(account);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IGlueJobPreflight>().RunAsync(new GlueJobPreflightRequest
        {
            JobName = "nightly-etl",
            Principal = $"arn:{account.Partition}:iam::{account.AccountId}:user/dana",
            Region = "us-east-1",
        });
    }

    private static PreflightNeed Need(GlueJobPreflightReport report, string id) => report.Needs.Single(n => n.Id == id);

    [Fact]
    public async Task Preflight_TemplateJob_DecidesEachNeedFromTheTemplatesPoliciesBucketsAndKeys()
    {
        var report = await RunAsync(IacSamples.TestTemplate("glue-preflight-job.yaml"));

        // Not yet created: the principal needs glue:CreateJob.
        Assert.Equal(NeedDecision.Allowed, Need(report, "principal.create-job").Decision);
        Assert.Equal(NeedDecision.Allowed, Need(report, "principal.pass-role").Decision);
        Assert.Equal(NeedDecision.Allowed, Need(report, "service.assume-role").Decision);
        // The scripts bucket is the template's and has no policy: the role's policies decide, and none allows.
        Assert.Equal(NeedDecision.ImplicitDeny, Need(report, "role.script.read").Decision);
        Assert.Empty(Need(report, "role.script.read").Unread);
        Assert.Equal(NeedDecision.Allowed, Need(report, "role.tempdir.write").Decision);
        Assert.Equal(NeedDecision.ExplicitDeny, Need(report, "role.tempdir.delete").Decision);
        Assert.Equal(["explicit deny: statement NoDeletes of the bucket policy of example-etl-temp"], Need(report, "role.tempdir.delete").Blockers);
        var key = Need(report, "role.kms.s3.decrypt");
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/TempKey", key.Resource);
        Assert.Equal(NeedDecision.ImplicitDeny, key.Decision);
        Assert.StartsWith("no allow in the resource-based policy", Assert.Single(key.Blockers), StringComparison.Ordinal);
        var fix = report.Fixes.Single(f => f.Target == "role etl-runtime");
        Assert.Equal(["role.script.read"], fix.Needs);
        Assert.True(fix.Verified);
        Assert.Contains(fix.AlsoRequired, a => a.StartsWith("role.tempdir.delete ", StringComparison.Ordinal));
        Assert.Contains(fix.AlsoRequired, a => a.StartsWith("role.kms.s3.decrypt ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Preflight_TemplateWithoutPrincipal_PrincipalNeedsAreUnknown_RoleNeedsDecided()
    {
        var account = IacAccount.FromTemplate(IacSamples.TestTemplate("glue-preflight-job.yaml"));
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseIac(account);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IGlueJobPreflight>().RunAsync(new GlueJobPreflightRequest { JobName = "nightly-etl", Region = "us-east-1" });

        Assert.All(report.Needs.Where(n => n.Subject == NeedSubject.Principal), n => Assert.Equal(NeedDecision.Unknown, n.Decision));
        Assert.Contains(report.Needs, n => n.Id == "principal.pass-role");
        Assert.Contains(report.Unread, u => u.StartsWith("the caller identity", StringComparison.Ordinal));
        Assert.Equal(NeedDecision.ImplicitDeny, Need(report, "role.script.read").Decision);
    }

    /// <summary>
    /// A bucket the template creates without a BucketName gets a name CloudFormation generates; every Ref and Sub to it
    /// gives the same stand-in, so it is still the template's bucket, with no policy unless a BucketPolicy gives one (the
    /// real template glue-enrich-cur of the corpus keeps its script in such a bucket).
    /// </summary>
    [Fact]
    public async Task Preflight_TemplateBucketWithGeneratedName_IsTheTemplatesBucketNotUnread()
    {
        var text = File.ReadAllText(IacSamples.TestTemplate("glue-preflight-job.yaml"))
            .Replace("    Properties:\n      BucketName: example-etl-scripts\n", string.Empty, StringComparison.Ordinal)
            .Replace("ScriptLocation: s3://example-etl-scripts/nightly-etl.py", "ScriptLocation: !Sub 's3://${ScriptBucket}/nightly-etl.py'", StringComparison.Ordinal);

        var report = await RunAsync(IacSamples.Write(text));

        var script = Need(report, "role.script.read");
        Assert.Empty(script.Unread);
        Assert.Equal(NeedDecision.ImplicitDeny, script.Decision); // the role's policies decide, as for the named bucket
    }

    [Fact]
    public async Task Preflight_TemplateBucketOutsideTheTemplate_IsUnread()
    {
        var text = File.ReadAllText(IacSamples.TestTemplate("glue-preflight-job.yaml")).Replace("s3://example-etl-scripts/nightly-etl.py", "s3://shared-scripts/nightly-etl.py", StringComparison.Ordinal);

        var report = await RunAsync(IacSamples.Write(text));

        Assert.Equal(NeedDecision.Unknown, Need(report, "role.script.read").Decision);
        Assert.Contains(report.Unread, u => u.Contains("shared-scripts (the IaC does not define the bucket)", StringComparison.Ordinal));
    }
}

/// <summary><c>check</c>'s rules for a job's run-time needs: GPR009 (script), GPR010 (temporary directory), GPR011 (key).</summary>
public class JobRoleNeedCheckTests
{
    [Fact]
    public async Task Check_JobWhoseRoleCannotReadItsScriptNorUseItsKey_FailsGpr009Gpr010Gpr011AtTheJob()
    {
        var account = IacAccount.FromTemplate(IacSamples.TestTemplate("glue-preflight-job.yaml"));

        var result = await IacCheck.RunAsync(account, [], []);

        var script = Assert.Single(result.Findings, f => f.RuleId == "GPR009");
        Assert.Equal(IacCheckSeverity.Error, script.Severity);
        Assert.Contains("s3:GetObject on arn:aws:s3:::example-etl-scripts/nightly-etl.py (ImplicitDeny", script.Message, StringComparison.Ordinal);
        Assert.Equal("NightlyEtl", script.Origin!.Resource);
        var temp = Assert.Single(result.Findings, f => f.RuleId == "GPR010");
        Assert.Contains("s3:DeleteObject", temp.Message, StringComparison.Ordinal);
        Assert.Contains("NoDeletes", temp.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3:PutObject", temp.Message, StringComparison.Ordinal);
        Assert.Equal(IacCheckSeverity.Error, Assert.Single(result.Findings, f => f.RuleId == "GPR011").Severity);
    }

    [Fact]
    public async Task Check_JobWhoseRoleHasItAll_HasNoRoleNeedFinding()
    {
        var text = File.ReadAllText(IacSamples.TestTemplate("glue-preflight-job.yaml"))
            .Replace("Resource: !Sub '${TempBucket.Arn}/*'\n              - Effect: Allow\n                Action: ['kms:Decrypt'", "Resource: [!Sub '${TempBucket.Arn}/*', 'arn:aws:s3:::example-etl-scripts/*']\n              - Effect: Allow\n                Action: ['kms:Decrypt'", StringComparison.Ordinal)
            .Replace("            Action: s3:DeleteObject", "            Action: s3:PutBucketPolicy", StringComparison.Ordinal)
            .Replace("role/key-admin' }", "root' }", StringComparison.Ordinal);

        var result = await IacCheck.RunAsync(IacAccount.FromTemplate(IacSamples.Write(text)), [], []);

        Assert.DoesNotContain(result.Findings, f => f.RuleId is "GPR009" or "GPR010" or "GPR011");
    }
}

/// <summary>
/// The security configuration's CloudWatch Logs encryption in a template: the role's KMS actions on the key (GPR011) and
/// the key policy's allow for the CloudWatch Logs service principal of the Region (AWS Glue, "Setting up encryption in
/// AWS Glue", https://docs.aws.amazon.com/glue/latest/dg/set-up-encryption.html).
/// </summary>
public class CloudWatchLogsKeyTemplateTests
{
    /// <summary>The test template with every need but the logs key's met, and CloudWatch Logs encryption with <c>LogsKey</c>, whose key policy has <paramref name="logsKeyStatements"/>.</summary>
    private static string Template(string roleLogsKeyActions, string logsKeyStatements) =>
        IacSamples.Write(File.ReadAllText(IacSamples.TestTemplate("glue-preflight-job.yaml"))
            .Replace("Resource: !Sub '${TempBucket.Arn}/*'\n              - Effect: Allow\n                Action: ['kms:Decrypt'", "Resource: [!Sub '${TempBucket.Arn}/*', 'arn:aws:s3:::example-etl-scripts/*']\n              - Effect: Allow\n                Action: ['kms:Decrypt'", StringComparison.Ordinal)
            .Replace("            Action: s3:DeleteObject", "            Action: s3:PutBucketPolicy", StringComparison.Ordinal)
            .Replace("role/key-admin' }", "root' }", StringComparison.Ordinal)
            .Replace("                Resource: !GetAtt TempKey.Arn\n", $"                Resource: !GetAtt TempKey.Arn\n              - Effect: Allow\n                Action: {roleLogsKeyActions}\n                Resource: !GetAtt LogsKey.Arn\n", StringComparison.Ordinal)
            .Replace("            KmsKeyArn: !GetAtt TempKey.Arn\n", "            KmsKeyArn: !GetAtt TempKey.Arn\n        CloudWatchEncryption:\n          CloudWatchEncryptionMode: SSE-KMS\n          KmsKeyArn: !GetAtt LogsKey.Arn\n", StringComparison.Ordinal)
            .Replace("  EtlEncrypted:\n", $"  LogsKey:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy:\n        Version: '2012-10-17'\n        Statement:\n          - Sid: EnableIamPolicies\n            Effect: Allow\n            Principal: {{ AWS: !Sub 'arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:root' }}\n            Action: 'kms:*'\n            Resource: '*'\n{logsKeyStatements}  EtlEncrypted:\n", StringComparison.Ordinal));

    private const string LogsServiceStatement =
        "          - Sid: AllowCloudWatchLogs\n            Effect: Allow\n            Principal: { Service: !Sub 'logs.${AWS::Region}.amazonaws.com' }\n            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*']\n            Resource: '*'\n";

    private static async Task<GlueJobPreflightReport> PreflightAsync(string template)
    {
        var account = IacAccount.FromTemplate(template);
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseIac(account);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IGlueJobPreflight>().RunAsync(new GlueJobPreflightRequest
        {
            JobName = "nightly-etl",
            Principal = $"arn:{account.Partition}:iam::{account.AccountId}:user/dana",
            Region = "us-east-1",
        });
    }

    [Fact]
    public async Task Preflight_TemplateKeyPolicyWithoutTheLogsService_DeniesTheServiceNeeds_AndNamesTheStatementToAdd()
    {
        var report = await PreflightAsync(Template("['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']", string.Empty));

        var roleNeed = report.Needs.Single(n => n.Id == "role.kms.logs.encrypt");
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/LogsKey", roleNeed.Resource);
        Assert.Equal(NeedDecision.Allowed, roleNeed.Decision);
        var service = report.Needs.Single(n => n.Id == "service.logs.kms.generatedatakey");
        Assert.Equal("logs.us-east-1.amazonaws.com", service.Principal);
        Assert.Equal(NeedDecision.ImplicitDeny, service.Decision);
        var fix = report.Fixes.Single(f => f.Target == "role etl-runtime");
        Assert.Contains(fix.AlsoRequired, a => a.StartsWith("service.logs.kms.encrypt, ", StringComparison.Ordinal) && a.Contains("\"Principal\":{\"Service\":\"logs.us-east-1.amazonaws.com\"}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Preflight_TemplateKeyPolicyAllowingTheLogsService_AllowsTheServiceNeeds()
    {
        var report = await PreflightAsync(Template("['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']", LogsServiceStatement));

        Assert.All(report.Needs.Where(n => n.Id.StartsWith("service.logs.kms.", StringComparison.Ordinal)), n => Assert.Equal(NeedDecision.Allowed, n.Decision));
        Assert.Equal(5, report.Needs.Count(n => n.Id.StartsWith("service.logs.kms.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Check_RoleThatCannotUseTheCloudWatchLogsKey_FailsGpr011()
    {
        var result = await IacCheck.RunAsync(IacAccount.FromTemplate(Template("['kms:Decrypt']", LogsServiceStatement)), [], []);

        var finding = Assert.Single(result.Findings, f => f.RuleId == "GPR011");
        Assert.Equal(IacCheckSeverity.Error, finding.Severity);
        Assert.Contains("kms:Encrypt on arn:aws:kms:us-east-1:123456789012:key/LogsKey (ImplicitDeny", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kms:Decrypt on", finding.Message, StringComparison.Ordinal);
        Assert.Equal("NightlyEtl", finding.Origin!.Resource);
    }

    [Fact]
    public async Task Check_RoleThatCanUseTheCloudWatchLogsKey_HasNoGpr011()
    {
        var result = await IacCheck.RunAsync(IacAccount.FromTemplate(Template("['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']", LogsServiceStatement)), [], []);

        Assert.DoesNotContain(result.Findings, f => f.RuleId == "GPR011");
    }
}

/// <summary>Preflight on a Terraform plan: the job's definition, the buckets and the bucket policy the plan creates.</summary>
public class PreflightTerraformTests
{
    [Fact]
    public async Task Preflight_TerraformPlanJob_DecidesScriptAndTempDirWithTheBucketPolicy()
    {
        var account = IacAccount.FromTerraformPlan(IacSamples.TestPlan("glue-preflight-job.json"));
        var services = new ServiceCollection();
        services.AddPassRoleDiagnostics().UseIac(account);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IGlueJobPreflight>().RunAsync(new GlueJobPreflightRequest { JobName = "nightly-etl", Region = "us-east-1" });

        Assert.Equal(NeedDecision.ImplicitDeny, report.Needs.Single(n => n.Id == "role.script.read").Decision);
        Assert.Equal(NeedDecision.Allowed, report.Needs.Single(n => n.Id == "role.tempdir.write").Decision);
        var delete = report.Needs.Single(n => n.Id == "role.tempdir.delete");
        Assert.Equal(NeedDecision.ExplicitDeny, delete.Decision);
        Assert.Equal(["explicit deny: statement NoDeletes of the bucket policy of example-etl-temp"], delete.Blockers);
    }
}
