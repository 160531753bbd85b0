using GluePassRole.Diagnostics.Preflight;

namespace GluePassRole.Diagnostics.Tests.Preflight;

/// <summary>
/// The preflight on snapshots: each need allowed, denied by the role's policies, denied by a bucket or key policy, and
/// unknown when the resource policy was not read. Evaluation follows the IAM User Guide, "Policy evaluation logic"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): within one account an
/// identity-based or a resource-based allow is enough and an explicit deny in either wins; a KMS key policy must allow
/// (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html).
/// </summary>
public class GlueJobPreflightTests
{
    private static object Allow(string action, params string[] resources) => new
    {
        Version = "2012-10-17",
        Statement = new[] { new { Effect = "Allow", Action = action, Resource = resources } },
    };

    private static object DenyRole(string action, params string[] resources) => new
    {
        Version = "2012-10-17",
        Statement = new[] { new { Sid = "DenyEtlRuntime", Effect = "Deny", Principal = new { AWS = PreflightSample.RoleArn }, Action = action, Resource = resources } },
    };

    [Fact]
    public async Task BundledSample_RoleCannotReadItsScriptNorUseItsEncryptedTempDir()
    {
        using var sample = new PreflightSample();

        var report = await sample.RunAsync();

        Assert.Equal("arn:aws:iam::123456789012:user/dana", report.Principal); // the caller, from sts-get-caller-identity.json
        Assert.Equal(PreflightSample.RoleArn, report.Role);
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.script.read").Decision);
        Assert.Equal(["no allow in the identity-based policies"], report.Need("role.script.read").Blockers);
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.tempdir.write").Decision);
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.tempdir.delete").Decision);
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.kms.s3.generatedatakey").Decision);
        Assert.Equal(NeedDecision.Allowed, report.Need("role.tempdir.list").Decision);
        Assert.Equal(["statement #0 of managed policy AWSGlueServiceRole attached to role etl-runtime"], report.Need("role.tempdir.list").GrantedBy);
        Assert.Equal(NeedDecision.Allowed, report.Need("service.assume-role").Decision);
        Assert.Equal(NeedDecision.Allowed, report.Need("role.logs.continuous.put-events").Decision);
        Assert.Equal(NeedDecision.Allowed, report.Need("role.metrics.put").Decision);
        // Force_MFA denies everything without MFA; whether the console session has it is a circumstance.
        Assert.Equal(NeedDecision.Conditional, report.Need("principal.update-job").Decision);
        Assert.Equal(NeedDecision.Conditional, report.Need("principal.pass-role").Decision);
        Assert.Empty(report.Unread);
        Assert.All(report.Needs, n => Assert.StartsWith("https://docs.aws.amazon.com/", n.Documentation, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BundledSample_RoleFixHasExactlyTheMissingNeedsAndIsVerified()
    {
        using var sample = new PreflightSample();

        var report = await sample.RunAsync();

        var fix = Assert.Single(report.Fixes, f => f.Target == "role etl-runtime");
        Assert.True(fix.Verified);
        Assert.Equal(
            ["role.script.read", "role.tempdir.write", "role.tempdir.read", "role.tempdir.delete", "role.kms.s3.generatedatakey", "role.kms.s3.decrypt", "role.kms.s3.encrypt"],
            fix.Needs);
        Assert.Equal(
            """{"Version":"2012-10-17","Statement":[{"Sid":"AllowRoleScriptRead","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-etl-scripts/nightly-etl.py"},{"Sid":"AllowRoleTempdirWrite","Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::example-etl-temp/nightly-etl/*"},{"Sid":"AllowRoleKmsS3Generatedatakey","Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt","kms:GenerateDataKey"],"Resource":"arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]}""",
            fix.Document!.ToJson(indented: false));
        Assert.StartsWith("aws iam put-role-policy --role-name etl-runtime --policy-name GluePreflight-nightly-etl --policy-document '", fix.Command, StringComparison.Ordinal);
        Assert.All(fix.Verification, line => Assert.EndsWith("ImplicitDeny -> Allowed", line, StringComparison.Ordinal));
        Assert.Empty(fix.AlsoRequired);
    }

    [Fact]
    public async Task BundledSample_WithTheRoleFixApplied_EveryRoleNeedPasses()
    {
        using var sample = new PreflightSample();
        var fix = (await sample.RunAsync()).Fixes.Single(f => f.Target == "role etl-runtime");

        var report = await sample.RolePolicy(fix.PolicyName, System.Text.Json.JsonDocument.Parse(fix.Document!.ToJson()).RootElement).RunAsync();

        Assert.All(report.Needs.Where(n => n.Subject == NeedSubject.Role), n => Assert.Equal(NeedDecision.Allowed, n.Decision));
        Assert.Equal([$"statement AllowRoleScriptRead of inline policy {fix.PolicyName} of role etl-runtime"], report.Need("role.script.read").GrantedBy);
        Assert.DoesNotContain(report.Fixes, f => f.Target == "role etl-runtime");
    }

    [Theory]
    [InlineData("role.script.read", "example-etl-scripts")]
    [InlineData("role.tempdir.write", "example-etl-temp")]
    [InlineData("role.tempdir.delete", "example-etl-temp")]
    [InlineData("role.tempdir.list", "example-etl-temp")]
    public async Task S3Need_AllowedByTheRolesPolicy(string need, string bucket)
    {
        using var sample = new PreflightSample();
        sample.RolePolicy("s3-access", Allow("s3:*", $"arn:aws:s3:::{bucket}", $"arn:aws:s3:::{bucket}/*"));

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.Allowed, report.Need(need).Decision);
        Assert.NotEmpty(report.Need(need).GrantedBy);
    }

    [Theory]
    [InlineData("role.script.read", "example-etl-scripts")]
    [InlineData("role.tempdir.write", "example-etl-temp")]
    [InlineData("role.tempdir.list", "example-etl-temp")]
    public async Task S3Need_DeniedByTheBucketPolicy_EvenWhenTheRoleAllows(string need, string bucket)
    {
        using var sample = new PreflightSample();
        sample.RolePolicy("s3-access", Allow("s3:*", $"arn:aws:s3:::{bucket}", $"arn:aws:s3:::{bucket}/*"))
            .PolicyFile($"s3api-get-bucket-policy-{bucket}.json", DenyRole("s3:*", $"arn:aws:s3:::{bucket}", $"arn:aws:s3:::{bucket}/*"));

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.ExplicitDeny, report.Need(need).Decision);
        Assert.Equal([$"explicit deny: statement DenyEtlRuntime of the bucket policy of {bucket}"], report.Need(need).Blockers);
        var fix = report.Fixes.Single(f => f.Target == "role etl-runtime");
        Assert.Contains(fix.AlsoRequired, a => a.StartsWith(need + " ", StringComparison.Ordinal) && a.Contains("remove the deny", StringComparison.Ordinal));
    }

    [Fact]
    public async Task S3Need_AllowedByTheBucketPolicyAlone_InTheSameAccount()
    {
        using var sample = new PreflightSample();
        sample.PolicyFile("s3api-get-bucket-policy-example-etl-scripts.json", new
        {
            Version = "2012-10-17",
            Statement = new[] { new { Sid = "EtlRuntimeReadsScripts", Effect = "Allow", Principal = new { AWS = PreflightSample.RoleArn }, Action = "s3:GetObject", Resource = "arn:aws:s3:::example-etl-scripts/*" } },
        });

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.Allowed, report.Need("role.script.read").Decision);
        Assert.Equal(["statement EtlRuntimeReadsScripts of the bucket policy of example-etl-scripts"], report.Need("role.script.read").GrantedBy);
    }

    // Across accounts both must allow: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
    [Fact]
    public async Task S3Need_BucketOfAnotherAccountWithoutAnAllow_IsDeniedByTheMissingBucketPolicyAllow()
    {
        using var sample = new PreflightSample();
        sample.RolePolicy("s3-access", Allow("s3:GetObject", "arn:aws:s3:::example-etl-scripts/*"));
        sample.BucketOwners["example-etl-scripts"] = "210987654321";

        var report = await sample.RunAsync();

        var need = report.Need("role.script.read");
        Assert.Equal(NeedDecision.ImplicitDeny, need.Decision);
        Assert.StartsWith("no allow in the resource-based policy", Assert.Single(need.Blockers), StringComparison.Ordinal);
        Assert.Contains(report.Fixes.Single(f => f.Target == "role etl-runtime").AlsoRequired, a => a.StartsWith("role.script.read ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task S3Need_BucketOfAnotherAccountWhosePolicyAllowsTheRole_IsAllowed()
    {
        using var sample = new PreflightSample();
        sample.RolePolicy("s3-access", Allow("s3:GetObject", "arn:aws:s3:::example-etl-scripts/*"))
            .PolicyFile("s3api-get-bucket-policy-example-etl-scripts.json", new
            {
                Version = "2012-10-17",
                Statement = new[] { new { Sid = "EtlAccountReads", Effect = "Allow", Principal = new { AWS = PreflightSample.RoleArn }, Action = "s3:GetObject", Resource = "arn:aws:s3:::example-etl-scripts/*" } },
            });
        sample.BucketOwners["example-etl-scripts"] = "210987654321";

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.Allowed, report.Need("role.script.read").Decision);
    }

    [Theory]
    [InlineData("role.script.read", "example-etl-scripts")]
    [InlineData("role.tempdir.write", "example-etl-temp")]
    public async Task S3Need_UnknownWhenTheBucketPolicyWasNotRead_EvenWhenTheRoleAllows(string need, string bucket)
    {
        using var sample = new PreflightSample();
        sample.RolePolicy("s3-access", Allow("s3:*", $"arn:aws:s3:::{bucket}", $"arn:aws:s3:::{bucket}/*"))
            .Delete($"s3api-get-bucket-policy-{bucket}.json");

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.Unknown, report.Need(need).Decision);
        Assert.Equal([$"the bucket policy of {bucket}"], report.Need(need).Unread);
        Assert.Contains(report.Unread, u => u.Contains($"s3api-get-bucket-policy-{bucket}.json", StringComparison.Ordinal));
        Assert.Contains(report.Need(need).Conditions, c => c == "by the policies that were read: Allowed");
    }

    [Fact]
    public async Task S3Need_BrokenBucketPolicyFile_IsUnreadNamingTheFile()
    {
        using var sample = new PreflightSample();
        sample.Write("s3api-get-bucket-policy-example-etl-temp.json", "{\"Policy\": 3");

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.Unknown, report.Need("role.tempdir.write").Decision);
        Assert.Contains(report.Unread, u => u.Contains("s3api-get-bucket-policy-example-etl-temp.json is not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KmsNeed_AllowedByTheRolesPolicy_WhenTheKeyPolicyEnablesIamPolicies()
    {
        using var sample = new PreflightSample();
        sample.RolePolicy("kms-access", Allow("kms:*", PreflightSample.KeyArn));

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.Allowed, report.Need("role.kms.s3.decrypt").Decision);
        Assert.Contains("statement #0 of inline policy kms-access of role etl-runtime", report.Need("role.kms.s3.decrypt").GrantedBy);
    }

    [Fact]
    public async Task KmsNeed_DeniedByTheKeyPolicy_WhenItDoesNotAllowEvenThoughTheRoleDoes()
    {
        using var sample = new PreflightSample();
        sample.RolePolicy("kms-access", Allow("kms:*", PreflightSample.KeyArn))
            .PolicyFile(PreflightSample.KeyFile, new
            {
                Version = "2012-10-17",
                Statement = new[] { new { Sid = "KeyAdministrators", Effect = "Allow", Principal = new { AWS = "arn:aws:iam::123456789012:role/key-admin" }, Action = "kms:*", Resource = "*" } },
            });

        var report = await sample.RunAsync();

        var need = report.Need("role.kms.s3.generatedatakey");
        Assert.Equal(NeedDecision.ImplicitDeny, need.Decision);
        Assert.Single(need.Blockers, b => b.StartsWith("no allow in the resource-based policy", StringComparison.Ordinal));
        var fix = report.Fixes.Single(f => f.Target == "role etl-runtime");
        Assert.DoesNotContain("role.kms.s3.generatedatakey", fix.Needs);
        Assert.Contains(fix.AlsoRequired, a => a.StartsWith("role.kms.s3.generatedatakey ", StringComparison.Ordinal) && a.Contains("key policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KmsNeed_UnknownWhenTheKeyPolicyWasNotRead()
    {
        using var sample = new PreflightSample();
        sample.RolePolicy("kms-access", Allow("kms:*", PreflightSample.KeyArn)).Delete(PreflightSample.KeyFile);

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.Unknown, report.Need("role.kms.s3.encrypt").Decision);
        Assert.Equal([$"the key policy of {PreflightSample.KeyArn}"], report.Need("role.kms.s3.encrypt").Unread);
        Assert.DoesNotContain(report.Fixes.Single(f => f.Target == "role etl-runtime").Needs, n => n.StartsWith("role.kms.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecurityConfigurationNotRead_IsAnUnknownNeedNamingIt()
    {
        using var sample = new PreflightSample();
        sample.Delete("glue-get-security-configuration-etl-encrypted.json");

        var report = await sample.RunAsync();

        var need = report.Need("role.security-configuration");
        Assert.Equal(NeedDecision.Unknown, need.Decision);
        Assert.Contains("security configuration etl-encrypted was not read", need.Unread.Single(), StringComparison.Ordinal);
        Assert.DoesNotContain(report.Needs, n => n.Id.StartsWith("role.kms.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogsNeed_DeniedByTheRolesPolicies_WithoutAWSGlueServiceRole()
    {
        using var sample = new PreflightSample();
        sample.DetachFromRole("AWSGlueServiceRole");

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.logs.error.create-group").Decision);
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.metrics.put").Decision);
        var fix = report.Fixes.Single(f => f.Target == "role etl-runtime");
        Assert.True(fix.Verified);
        Assert.Contains(fix.Document!.Statements, s => s.Resource!.Contains("arn:aws:logs:ap-northeast-1:123456789012:log-group:/aws-glue/jobs/error"));
    }

    [Fact]
    public async Task LogsNeed_ExplicitlyDeniedByARolePolicy()
    {
        using var sample = new PreflightSample();
        sample.RolePolicy("no-logs", new { Version = "2012-10-17", Statement = new[] { new { Sid = "NoLogs", Effect = "Deny", Action = "logs:*", Resource = "*" } } });

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.ExplicitDeny, report.Need("role.logs.output.put-events").Decision);
        Assert.Equal(["explicit deny: statement NoLogs of inline policy no-logs of role etl-runtime"], report.Need("role.logs.output.put-events").Blockers);
    }

    [Fact]
    public async Task CustomContinuousLogGroup_IsANeed()
    {
        using var sample = new PreflightSample();
        sample.Job(job => job["DefaultArguments"]!["--continuous-log-logGroup"] = "/custom/etl");

        var report = await sample.RunAsync();

        Assert.Equal("arn:aws:logs:ap-northeast-1:123456789012:log-group:/custom/etl", report.Need("role.logs.continuous.create-group").Resource);
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.logs.continuous.create-group").Decision);
    }

    [Fact]
    public async Task RegionUnknown_NeedsThatNameItAreUnknown()
    {
        using var sample = new PreflightSample();

        var report = await sample.RunAsync(region: null);

        Assert.Equal(NeedDecision.Unknown, report.Need("principal.update-job").Decision);
        Assert.Equal(NeedDecision.Unknown, report.Need("role.logs.error.put-events").Decision);
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.script.read").Decision);
    }

    [Fact]
    public async Task Connection_InAVpcWithASecret_NeedsTheSecretAndTheNetworkInterfaces()
    {
        using var sample = new PreflightSample();
        sample.Job(job => job["Connections"] = new System.Text.Json.Nodes.JsonObject { ["Connections"] = new System.Text.Json.Nodes.JsonArray("warehouse-db") })
            .Write("glue-get-connection-warehouse-db.json", """
                {"Connection": {"Name": "warehouse-db", "ConnectionType": "JDBC",
                  "ConnectionProperties": {"JDBC_CONNECTION_URL": "jdbc:postgresql://db:5432/wh", "SECRET_ID": "warehouse-db-credentials"},
                  "PhysicalConnectionRequirements": {"SubnetId": "subnet-0abc", "SecurityGroupIdList": ["sg-0abc"], "AvailabilityZone": "ap-northeast-1a"}}}
                """);

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.Allowed, report.Need("role.connection.warehouse-db.get").Decision); // AWSGlueServiceRole: glue:*
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.connection.warehouse-db.secret").Decision);
        Assert.Equal("arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:warehouse-db-credentials-*", report.Need("role.connection.warehouse-db.secret").Resource);
        Assert.Equal(NeedDecision.Allowed, report.Need("role.connection.warehouse-db.createnetworkinterface").Decision);
        Assert.Contains("role.connection.warehouse-db.secret", report.Fixes.Single(f => f.Target == "role etl-runtime").Needs);
    }

    [Fact]
    public async Task Connection_NotRead_IsAnUnknownNeed()
    {
        using var sample = new PreflightSample();
        sample.Job(job => job["Connections"] = new System.Text.Json.Nodes.JsonObject { ["Connections"] = new System.Text.Json.Nodes.JsonArray("warehouse-db") });

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.Unknown, report.Need("role.connection.warehouse-db.details").Decision);
        Assert.Contains(report.Unread, u => u.Contains("glue-get-connection-warehouse-db.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExtraFiles_AreNeedsOfTheirOwn()
    {
        using var sample = new PreflightSample();
        sample.Job(job => job["DefaultArguments"]!["--extra-py-files"] = "s3://example-etl-scripts/lib/a.py, s3://aws-glue-assets-123456789012/lib/b.zip");

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.extra-py-files.0.read").Decision);
        Assert.Equal(NeedDecision.Unknown, report.Need("role.extra-py-files.1.read").Decision); // its bucket policy is not in the snapshot
        Assert.Equal("arn:aws:s3:::aws-glue-assets-123456789012/lib/b.zip", report.Need("role.extra-py-files.1.read").Resource);
    }

    [Fact]
    public async Task SparkUi_WritesItsEventLogPath()
    {
        using var sample = new PreflightSample();
        sample.Job(job =>
        {
            job["DefaultArguments"]!["--enable-spark-ui"] = "true";
            job["DefaultArguments"]!["--spark-event-logs-path"] = "s3://example-etl-temp/spark-ui/";
        });

        var report = await sample.RunAsync();

        Assert.Equal("arn:aws:s3:::example-etl-temp/spark-ui/*", report.Need("role.spark-ui.write").Resource);
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.spark-ui.write").Decision);
    }

    [Fact]
    public async Task PrincipalWithoutGlueAccess_GetsAVerifiedPrincipalFix()
    {
        using var sample = new PreflightSample();
        sample.DetachFromGroup("GlueAccess", "AWSGlueConsoleFullAccess");

        var report = await sample.RunAsync();

        // Without MFA, Force_MFA denies explicitly; with it, nothing allows: never allowed.
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("principal.update-job").Decision);
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("principal.start-job-run").Decision);
        var fix = report.Fixes.Single(f => f.Target == "user dana");
        Assert.Equal(["principal.update-job", "principal.start-job-run"], fix.Needs);
        Assert.StartsWith("aws iam put-user-policy --user-name dana --policy-name AllowSaveAndRun-nightly-etl", fix.Command, StringComparison.Ordinal);
        Assert.True(fix.Verified);
    }

    [Fact]
    public async Task ExplicitPrincipal_IsChecked()
    {
        using var sample = new PreflightSample();

        var report = await sample.RunAsync(principal: PreflightSample.RoleArn);

        Assert.Equal(PreflightSample.RoleArn, report.Principal);
        Assert.Equal(NeedDecision.Allowed, report.Need("principal.start-job-run").Decision); // AWSGlueServiceRole: glue:*
    }

    // A confused-deputy guard Glue may or may not satisfy: AWS does not document that Glue sends aws:SourceAccount when it
    // assumes a job's role, so trust holds under that condition (IAM User Guide, confused deputy:
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
    [Fact]
    public async Task Trust_WithASourceAccountGuard_IsConditional()
    {
        using var sample = new PreflightSample();
        sample.Trust(new
        {
            Version = "2012-10-17",
            Statement = new[]
            {
                new
                {
                    Effect = "Allow",
                    Principal = new { Service = "glue.amazonaws.com" },
                    Action = "sts:AssumeRole",
                    Condition = new { StringEquals = new Dictionary<string, string> { ["aws:SourceAccount"] = PreflightSample.Account } },
                },
            },
        });

        var report = await sample.RunAsync();

        var trust = report.Need("service.assume-role");
        Assert.Equal(NeedDecision.Conditional, trust.Decision);
        Assert.Contains("aws:SourceAccount", Assert.Single(trust.Conditions), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trust_NotNamingGlue_IsDenied()
    {
        using var sample = new PreflightSample();
        sample.Trust(new { Version = "2012-10-17", Statement = new[] { new { Effect = "Allow", Principal = new { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" } } });

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("service.assume-role").Decision);
    }

    [Fact]
    public async Task PassRole_WithoutTheFieldNotesFix_IsTheInvestigationsVerdictAndFix()
    {
        using var sample = new PreflightSample();
        sample.RemoveGroupPolicy("GlueAccess", "AllowPassEtlRuntimeToGlue");

        var report = await sample.RunAsync();

        // No policy allows it with MFA; without MFA, Force_MFA denies it: denied either way, the conditions say which.
        var need = report.Need("principal.pass-role");
        Assert.Equal(NeedDecision.ExplicitDeny, need.Decision);
        Assert.Equal("ImplicitDeny when aws:MultiFactorAuthPresent = true; ExplicitDeny otherwise", Assert.Single(need.Conditions));
        var fix = report.Fixes.Single(f => f.Needs.Contains("principal.pass-role"));
        Assert.Equal("group GlueAccess", fix.Target);
        Assert.StartsWith("aws iam put-group-policy --group-name GlueAccess", fix.Command, StringComparison.Ordinal);
        Assert.True(fix.Verified);
    }

    [Fact]
    public async Task UnknownJob_SaysSo()
    {
        using var sample = new PreflightSample();
        sample.Delete("glue-get-job-nightly-etl.json");

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.Unknown, Assert.Single(report.Needs).Decision);
        Assert.Contains(report.Unread, u => u.Contains("nightly-etl", StringComparison.Ordinal));
    }
}
