using GluePassRole.Diagnostics.Preflight;

namespace GluePassRole.Diagnostics.Tests.Preflight;

/// <summary>
/// The security configuration's CloudWatch Logs encryption (SSE-KMS). AWS Glue, "Setting up encryption in AWS Glue"
/// (https://docs.aws.amazon.com/glue/latest/dg/set-up-encryption.html): a job that writes encrypted CloudWatch Logs needs
/// the key policy (not an IAM policy) to allow the service principal <c>logs.&lt;region&gt;.amazonaws.com</c>
/// kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*; "Encrypting data written by AWS Glue"
/// (https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html): the roles passed to jobs use the
/// key, and the Glue service-role policy example (https://docs.aws.amazon.com/glue/latest/dg/create-service-policy.html)
/// grants <c>logs:AssociateKmsKey</c> on the <c>/aws-glue/</c> log groups. A KMS key policy must allow
/// (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html).
/// </summary>
public class CloudWatchLogsKeyPreflightTests
{
    private const string LogsKeyId = "5678efgh-56ef-78gh-90ij-567890abcdef";
    private const string LogsKeyArn = "arn:aws:kms:ap-northeast-1:123456789012:key/" + LogsKeyId;
    private const string LogsKeyFile = "kms-get-key-policy-" + LogsKeyId + ".json";
    private const string LogsService = "logs.ap-northeast-1.amazonaws.com";
    private static readonly string[] RoleKeyNeeds = ["role.kms.logs.generatedatakey", "role.kms.logs.decrypt", "role.kms.logs.encrypt"];
    private static readonly string[] ServiceNeeds = ["service.logs.kms.encrypt", "service.logs.kms.decrypt", "service.logs.kms.reencryptfrom", "service.logs.kms.generatedatakey", "service.logs.kms.describekey"];

    private static readonly object EnableIamPolicies = new { Sid = "EnableIamPolicies", Effect = "Allow", Principal = new { AWS = "arn:aws:iam::123456789012:root" }, Action = "kms:*", Resource = "*" };

    private static object LogsStatement(string service) => new
    {
        Sid = "AllowCloudWatchLogs",
        Effect = "Allow",
        Principal = new { Service = service },
        Action = new[] { "kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*" },
        Resource = "*",
    };

    private static object KeyPolicy(params object[] statements) => new { Version = "2012-10-17", Statement = statements };

    private static object RoleAllow(string action, string resource) => new
    {
        Version = "2012-10-17",
        Statement = new[] { new { Effect = "Allow", Action = action, Resource = resource } },
    };

    /// <summary>The bundled sample with CloudWatch Logs encryption on its own key, whose policy is <paramref name="keyPolicy"/> (none: unread).</summary>
    private static PreflightSample Encrypted(object? keyPolicy)
    {
        var sample = new PreflightSample().Write("glue-get-security-configuration-etl-encrypted.json", $$"""
            {"SecurityConfiguration": {"Name": "etl-encrypted", "EncryptionConfiguration": {
              "S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": "{{PreflightSample.KeyArn}}"}],
              "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": "{{LogsKeyArn}}"},
              "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "DISABLED"} } } }
            """);
        return keyPolicy is null ? sample : sample.PolicyFile(LogsKeyFile, keyPolicy);
    }

    [Fact]
    public async Task AllowedByTheRolesPolicyAndTheKeyPolicysLogsStatement()
    {
        using var sample = Encrypted(KeyPolicy(EnableIamPolicies, LogsStatement(LogsService)))
            .RolePolicy("logs-key", RoleAllow("kms:*", LogsKeyArn))
            .RolePolicy("associate", RoleAllow("logs:AssociateKmsKey", "arn:aws:logs:*:*:log-group:/aws-glue/*"));

        var report = await sample.RunAsync();

        Assert.All(RoleKeyNeeds, id => Assert.Equal(NeedDecision.Allowed, report.Need(id).Decision));
        Assert.Contains("statement #0 of inline policy logs-key of role etl-runtime", report.Need("role.kms.logs.encrypt").GrantedBy);
        Assert.Equal(LogsKeyArn, report.Need("role.kms.logs.encrypt").Resource);
        Assert.All(ServiceNeeds, id =>
        {
            var need = report.Need(id);
            Assert.Equal(NeedDecision.Allowed, need.Decision);
            Assert.Equal(NeedSubject.Service, need.Subject);
            Assert.Equal(LogsService, need.Principal);
            Assert.Equal([$"statement AllowCloudWatchLogs of the key policy of {LogsKeyArn}"], need.GrantedBy);
        });
        Assert.Equal(NeedDecision.Allowed, report.Need("role.logs.error.associate-kms-key").Decision);
        Assert.Equal(NeedDecision.Allowed, report.Need("role.logs.output.associate-kms-key").Decision);
        Assert.Empty(report.Unread);
    }

    [Fact]
    public async Task DeniedByTheRolesPolicies_TheRoleFixAddsTheKeyActionsAndAssociateKmsKey_Verified()
    {
        using var sample = Encrypted(KeyPolicy(EnableIamPolicies, LogsStatement(LogsService)));

        var report = await sample.RunAsync();

        Assert.All(RoleKeyNeeds, id => Assert.Equal(NeedDecision.ImplicitDeny, report.Need(id).Decision));
        Assert.Equal(["no allow in the identity-based policies"], report.Need("role.kms.logs.decrypt").Blockers);
        Assert.Equal(NeedDecision.ImplicitDeny, report.Need("role.logs.error.associate-kms-key").Decision);
        Assert.All(ServiceNeeds, id => Assert.Equal(NeedDecision.Allowed, report.Need(id).Decision));
        var fix = report.Fixes.Single(f => f.Target == "role etl-runtime");
        Assert.True(fix.Verified);
        Assert.Contains("role.logs.error.associate-kms-key", fix.Needs);
        Assert.All(RoleKeyNeeds, id => Assert.Contains(id, fix.Needs));
        Assert.DoesNotContain(fix.Needs, n => n.StartsWith("service.", StringComparison.Ordinal));
        Assert.Contains(fix.Document!.Statements, s => s.Resource!.SequenceEqual([LogsKeyArn]) && s.Action!.SequenceEqual(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]));
        Assert.Contains(fix.Document.Statements, s => s.Action!.SequenceEqual(["logs:AssociateKmsKey"]) && s.Resource!.SequenceEqual(["arn:aws:logs:ap-northeast-1:123456789012:log-group:/aws-glue/jobs/error"]));
        Assert.Empty(fix.AlsoRequired);

        var after = await sample.RolePolicy(fix.PolicyName, System.Text.Json.JsonDocument.Parse(fix.Document.ToJson()).RootElement).RunAsync();
        Assert.All(after.Needs.Where(n => n.Subject == NeedSubject.Role), n => Assert.Equal(NeedDecision.Allowed, n.Decision));
    }

    [Theory]
    [InlineData(null)] // the key policy has no statement for CloudWatch Logs
    [InlineData("logs.us-east-1.amazonaws.com")] // it allows the service principal of another Region
    public async Task DeniedByTheKeyPolicy_WithoutTheLogsServiceGrantOfTheJobsRegion_IsAlsoRequiredNeverApplied(string? otherService)
    {
        using var sample = Encrypted(otherService is null ? KeyPolicy(EnableIamPolicies) : KeyPolicy(EnableIamPolicies, LogsStatement(otherService)))
            .RolePolicy("logs-key", RoleAllow("kms:*", LogsKeyArn));

        var report = await sample.RunAsync();

        Assert.All(ServiceNeeds, id =>
        {
            var need = report.Need(id);
            Assert.Equal(NeedDecision.ImplicitDeny, need.Decision);
            Assert.Single(need.Blockers, b => b.StartsWith("no allow in the resource-based policy", StringComparison.Ordinal));
        });
        // The role's own key needs pass: the key policy enables IAM policies and the role allows.
        Assert.All(RoleKeyNeeds, id => Assert.Equal(NeedDecision.Allowed, report.Need(id).Decision));
        var fix = report.Fixes.Single(f => f.Target == "role etl-runtime");
        Assert.DoesNotContain(fix.Needs, n => n.StartsWith("service.", StringComparison.Ordinal));
        Assert.DoesNotContain(fix.Document?.Statements ?? [], s => s.Principal is not null);
        var also = Assert.Single(fix.AlsoRequired, a => a.Contains(LogsService, StringComparison.Ordinal));
        Assert.StartsWith(string.Join(", ", ServiceNeeds) + " ", also, StringComparison.Ordinal);
        Assert.Contains($"add to the key policy of {LogsKeyArn} (not applied by this tool)", also, StringComparison.Ordinal);
        Assert.EndsWith(
            """{"Sid":"AllowCloudWatchLogsToUseTheKey","Effect":"Allow","Principal":{"Service":"logs.ap-northeast-1.amazonaws.com"},"Action":["kms:Encrypt*","kms:Decrypt*","kms:ReEncrypt*","kms:GenerateDataKey*","kms:Describe*"],"Resource":"*"}""",
            also,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyPolicyThatDoesNotEnableIamPolicies_DeniesTheRolesKeyNeeds_WhateverTheRoleAllows()
    {
        using var sample = Encrypted(KeyPolicy(LogsStatement(LogsService))).RolePolicy("logs-key", RoleAllow("kms:*", LogsKeyArn));

        var report = await sample.RunAsync();

        Assert.All(RoleKeyNeeds, id => Assert.Equal(NeedDecision.ImplicitDeny, report.Need(id).Decision));
        Assert.All(ServiceNeeds, id => Assert.Equal(NeedDecision.Allowed, report.Need(id).Decision));
        var fix = report.Fixes.Single(f => f.Target == "role etl-runtime");
        Assert.DoesNotContain(fix.Needs, n => n.StartsWith("role.kms.logs.", StringComparison.Ordinal));
        Assert.Contains(fix.AlsoRequired, a => a.StartsWith("role.kms.logs.encrypt ", StringComparison.Ordinal) && a.Contains("key policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownWhenTheKeyPolicyWasNotRead_NamingIt()
    {
        using var sample = Encrypted(keyPolicy: null).RolePolicy("logs-key", RoleAllow("kms:*", LogsKeyArn));

        var report = await sample.RunAsync();

        foreach (var id in RoleKeyNeeds.Concat(ServiceNeeds))
        {
            var need = report.Need(id);
            Assert.Equal(NeedDecision.Unknown, need.Decision);
            Assert.Equal([$"the key policy of {LogsKeyArn}"], need.Unread);
        }

        Assert.Contains(report.Unread, u => u.Contains(LogsKeyId, StringComparison.Ordinal));
        var fix = report.Fixes.Single(f => f.Target == "role etl-runtime");
        Assert.DoesNotContain(fix.Needs, n => n.StartsWith("role.kms.logs.", StringComparison.Ordinal) || n.StartsWith("service.", StringComparison.Ordinal));
        Assert.DoesNotContain(fix.AlsoRequired, a => a.Contains(LogsService, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegionUnknown_TheLogsServiceNeedsAreUnknown()
    {
        using var sample = Encrypted(KeyPolicy(EnableIamPolicies, LogsStatement(LogsService)));

        var report = await sample.RunAsync(region: null);

        Assert.All(ServiceNeeds, id =>
        {
            Assert.Equal(NeedDecision.Unknown, report.Need(id).Decision);
            Assert.Contains("--region", report.Need(id).Unread.Single(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AssociateKmsKey_ExplicitlyDeniedByARolePolicy()
    {
        using var sample = Encrypted(KeyPolicy(EnableIamPolicies, LogsStatement(LogsService)))
            .RolePolicy("no-associate", new { Version = "2012-10-17", Statement = new[] { new { Sid = "NoAssociate", Effect = "Deny", Action = "logs:AssociateKmsKey", Resource = "*" } } });

        var report = await sample.RunAsync();

        Assert.Equal(NeedDecision.ExplicitDeny, report.Need("role.logs.output.associate-kms-key").Decision);
        Assert.Equal(["explicit deny: statement NoAssociate of inline policy no-associate of role etl-runtime"], report.Need("role.logs.output.associate-kms-key").Blockers);
    }

    [Fact]
    public async Task CloudWatchEncryptionDisabled_HasNoLogsKeyNeeds()
    {
        using var sample = new PreflightSample(); // the bundled security configuration: CloudWatch encryption DISABLED

        var report = await sample.RunAsync();

        Assert.DoesNotContain(report.Needs, n => n.Id.StartsWith("role.kms.logs.", StringComparison.Ordinal) || n.Id.StartsWith("service.logs.", StringComparison.Ordinal) || n.Id.EndsWith(".associate-kms-key", StringComparison.Ordinal));
    }
}
