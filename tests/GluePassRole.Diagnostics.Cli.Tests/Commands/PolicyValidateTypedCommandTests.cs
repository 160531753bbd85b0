using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

// policy validate --type: IAM Access Analyzer's finding kinds (IAM User Guide, "IAM policy validation check reference",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html) by policy type.
// SARIF: OASIS "Static Analysis Results Interchange Format (SARIF) Version 2.1.0", validated against its JSON schema
// (TestData/sarif, see its NOTICE).
public sealed class PolicyValidateTypedCommandTests : IDisposable
{
    private const string PassAnyRole = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "PassAnything",
              "Effect": "Allow",
              "Action": "iam:PassRole",
              "Resource": "*"
            }
          ]
        }
        """;

    private const string FieldNoteFix = """
        {"Version":"2012-10-17","Statement":[{"Sid":"AllowPassEtlRuntimeToGlue","Effect":"Allow","Action":"iam:PassRole",
          "Resource":"arn:aws:iam::123456789012:role/etl-runtime","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}]}
        """;

    private const string BucketPolicyWithoutPrincipal = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}
          ]
        }
        """;


    private readonly string _directory = Directory.CreateTempSubdirectory("glue-passrole-checks-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Validate_TypeIdentityPassRoleOnStar_PrintsFindingsAtTheLineAndExitsFour()
    {
        var file = Write("pass-any.json", PassAnyRole);

        var (exitCode, stdout, _) = await CliRunner.RunAsync("policy", "validate", "--type", "identity", file);

        Assert.Equal(4, exitCode);
        Assert.Contains($"{file}:8:", stdout, StringComparison.Ordinal);
        Assert.Contains("security warning PassRoleOnAnyRole", stdout, StringComparison.Ordinal);
        Assert.Contains("$.Statement[0].Resource", stdout, StringComparison.Ordinal);
        Assert.Contains("PassRoleWithoutPassedToService", stdout, StringComparison.Ordinal);
        Assert.Contains("why:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TypeIdentityLeastPrivilege_PrintsOkAndExitsZero()
    {
        var file = Write("fix.json", FieldNoteFix);

        var (exitCode, stdout, _) = await CliRunner.RunAsync("policy", "validate", "--type", "identity", file);

        Assert.Equal(0, exitCode);
        Assert.Contains($"{file}: OK as IdentityBased (1 statement)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TypeResourceWithoutPrincipal_ErrorAndExitsOne()
    {
        // IAM User Guide, reference_policies_elements_principal: Principal is required in resource-based policies.
        var bucket = Write("bucket.json", BucketPolicyWithoutPrincipal);
        var passAny = Write("pass-any.json", PassAnyRole);

        var (exitCode, stdout, _) = await CliRunner.RunAsync("policy", "validate", "--type", "resource", bucket, passAny);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{bucket}:4:", stdout, StringComparison.Ordinal);
        Assert.Contains("error MissingPrincipal", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TypeTrustForGlue_ExitsZero()
    {
        var trust = Write("trust.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");

        var (exitCode, _, _) = await CliRunner.RunAsync("policy", "validate", "--type", "trust", trust);

        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Validate_FormatJson_WritesFindingsWithPathAndPosition()
    {
        var file = Write("pass-any.json", PassAnyRole);

        var (exitCode, stdout, _) = await CliRunner.RunAsync("policy", "validate", "--type", "identity", "--format", "json", file);

        Assert.Equal(4, exitCode);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(1, json.RootElement.GetProperty("schemaVersion").GetInt32());
        var output = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal("IdentityBased", output.GetProperty("policyType").GetString());
        Assert.True(output.GetProperty("valid").GetBoolean());
        var anyRole = output.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "PassRoleOnAnyRole");
        Assert.Equal("SecurityWarning", anyRole.GetProperty("kind").GetString());
        Assert.Equal("$.Statement[0].Resource", anyRole.GetProperty("jsonPath").GetString());
        Assert.Equal(0, anyRole.GetProperty("statementIndex").GetInt32());
        Assert.Equal("PassAnything", anyRole.GetProperty("sid").GetString());
        Assert.Equal(8, anyRole.GetProperty("line").GetInt32());
        Assert.Equal(7, anyRole.GetProperty("column").GetInt32());
    }

    [Fact]
    public async Task Validate_FormatSarif_ConformsToTheSarif210SchemaAndPointsAtTheLine()
    {
        var passAny = Write("pass-any.json", PassAnyRole);
        var bucket = Write("bucket.json", BucketPolicyWithoutPrincipal);
        var encoded = Write("encoded.json", Uri.EscapeDataString(PassAnyRole));

        var (exitCode, stdout, _) = await CliRunner.RunAsync("policy", "validate", "--type", "resource", "--format", "sarif", passAny, bucket, encoded);

        Assert.Equal(1, exitCode);
        AssertValidSarif(stdout);
        using var sarif = JsonDocument.Parse(stdout);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = Assert.Single(sarif.RootElement.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Contains(rules, r => r.GetProperty("id").GetString() == "MissingPrincipal" && r.GetProperty("help").GetProperty("text").GetString()!.Length > 0);

        var results = run.GetProperty("results").EnumerateArray().ToList();
        var missing = results.First(r => r.GetProperty("ruleId").GetString() == "MissingPrincipal"
            && Location(r).GetProperty("artifactLocation").GetProperty("uri").GetString()!.EndsWith("/bucket.json", StringComparison.Ordinal));
        Assert.Equal("error", missing.GetProperty("level").GetString());
        Assert.Equal(rules.FindIndex(r => r.GetProperty("id").GetString() == "MissingPrincipal"), missing.GetProperty("ruleIndex").GetInt32());
        Assert.Equal(4, Location(missing).GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(5, Location(missing).GetProperty("region").GetProperty("startColumn").GetInt32());

        // URL-encoded input: found, but its lines are not the file's, so no region.
        var fromEncoded = results.First(r => Location(r).GetProperty("artifactLocation").GetProperty("uri").GetString()!.EndsWith("/encoded.json", StringComparison.Ordinal));
        Assert.False(Location(fromEncoded).TryGetProperty("region", out _));
    }

    [Fact]
    public async Task Validate_FormatSarifWithSecurityWarningsOnly_WarningLevelAndExitsFour()
    {
        var passAny = Write("pass-any.json", PassAnyRole);

        var (exitCode, stdout, _) = await CliRunner.RunAsync("policy", "validate", "--type", "identity", "--format", "sarif", passAny);

        Assert.Equal(4, exitCode);
        AssertValidSarif(stdout);
        using var sarif = JsonDocument.Parse(stdout);
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("warning", r.GetProperty("level").GetString()));
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "PassRoleOnAnyRole");
    }

    [Fact]
    public async Task Validate_FormatSarifWithMissingFile_StillValidSarifAndExitsTwo()
    {
        var missing = Path.Combine(_directory, "nope.json");

        var (exitCode, stdout, stderr) = await CliRunner.RunAsync("policy", "validate", "--type", "scp", "--format", "sarif", missing);

        Assert.Equal(2, exitCode);
        Assert.Contains("file not found", stderr, StringComparison.Ordinal);
        AssertValidSarif(stdout);
        using var sarif = JsonDocument.Parse(stdout);
        Assert.False(sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public async Task Validate_FormatJsonWithoutType_BadInput()
    {
        var file = Write("fix.json", FieldNoteFix);

        var (exitCode, _, stderr) = await CliRunner.RunAsync("policy", "validate", "--format", "json", file);

        Assert.Equal(2, exitCode);
        Assert.Contains("--type", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownType_BadInput()
    {
        var file = Write("fix.json", FieldNoteFix);

        var (exitCode, _, stderr) = await CliRunner.RunAsync("policy", "validate", "--type", "bucket", file);

        Assert.Equal(2, exitCode);
        Assert.Contains("identity, resource, trust, boundary, scp, rcp, session", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownFormat_BadInput()
    {
        var file = Write("fix.json", FieldNoteFix);

        var (exitCode, _, _) = await CliRunner.RunAsync("policy", "validate", "--type", "identity", "--format", "xml", file);

        Assert.Equal(2, exitCode);
    }

    [Fact]
    public async Task Validate_SarifWrongOnPurpose_FailsTheSchema()
    {
        // The schema check itself must be able to fail: a result without a message is not SARIF.
        var file = Write("pass-any.json", PassAnyRole);
        var (_, stdout, _) = await CliRunner.RunAsync("policy", "validate", "--type", "identity", "--format", "sarif", file);
        var broken = stdout.Replace("\"message\"", "\"note\"", StringComparison.Ordinal);

        using var json = JsonDocument.Parse(broken);
        Assert.False(SarifLog.IsValid(json.RootElement));
    }

    private static JsonElement Location(JsonElement result) => result.GetProperty("locations")[0].GetProperty("physicalLocation");

    private static void AssertValidSarif(string text) => Assert.Equal(string.Empty, SarifLog.SchemaErrors(text));

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
