using System.Text.Json;
using GluePassRole.Diagnostics.Audit;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Issue 19, item 9: options take what the README says, in any case, and every message says what was expected in the
/// user's words (units, the real JSON path and position, singular counts), never a .NET type name.
/// </summary>
public sealed class MessagesAndOptionsTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create();

    private static string FieldNote => SampleAccounts.Folder("field-note");

    private static string FieldNoteError => Path.Combine(FieldNote, "error.txt");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("maybe")]
    [InlineData("yes")]
    public async Task Mfa_NeitherTrueNorFalse_SaysWhatItTakes(string value)
    {
        var (exitCode, stdout, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", FieldNote, "--error-file", FieldNoteError, "--mfa", value);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.StartsWith($"--mfa takes true or false (whether the failed request carried MFA), not '{value}'.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrecognized", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mfa_WithoutAValue_IsRefused()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", FieldNote, "--error-file", FieldNoteError, "--mfa");

        Assert.Equal(2, exitCode);
        Assert.Contains("--mfa", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mfa_Help_ShowsTrueOrFalse()
    {
        var (_, stdout, _) = await CliRunner.RunAsync("investigate", "--help");

        Assert.Contains("--mfa <true|false>", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("false", "false")]
    [InlineData("False", "false")]
    [InlineData("TRUE", "true")]
    public async Task Mfa_TrueOrFalseInAnyCase_IsTheRequestsValue(string value, string expected)
    {
        var (exitCode, stdout, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", FieldNote, "--error-file", FieldNoteError, "--mfa", value, "--format", "json");

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var mfa = json.RootElement.GetProperty("request").EnumerateArray().Single(k => k.GetProperty("key").GetString() == "aws:MultiFactorAuthPresent");
        Assert.Equal(expected, mfa.GetProperty("values")[0].GetString());
    }

    [Fact]
    public async Task RegionWithSnapshot_SaysThatRegionMeansALiveRead()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", FieldNote, "--region", "eu-west-1", "--error-file", FieldNoteError);

        Assert.Equal(2, exitCode);
        Assert.Contains("--region", stderr, StringComparison.Ordinal);
        Assert.Contains("live", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("investigate", "--output")]
    [InlineData("audit", "--output")]
    [InlineData("check", "--output")]
    [InlineData("audit", "--snapshot")]
    [InlineData("investigate", "--error-file")]
    [InlineData("simulate", "--cases")]
    public async Task EmptyPath_SaysTheOptionNeedsAPathNotATypeName(string command, string option)
    {
        var template = Path.Combine(SampleAccounts.Folder(".."), "iac", "accounts", "field-note.yaml");
        string[] args = command == "check" ? ["check", "--template", template, option, string.Empty] : [command, option, string.Empty];

        var (exitCode, stdout, stderr) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.StartsWith($"{option} needs a ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.IO", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("expected type", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audit", "--format", "JSON")]
    [InlineData("audit", "--format", "Sarif")]
    [InlineData("investigate", "--format", "JSON")]
    [InlineData("check", "--format", "JSON")]
    [InlineData("simulate", "--format", "JSON")]
    [InlineData("policy", "--type", "Identity")]
    public async Task FormatAndType_AnyCase_Accepted(string command, string option, string value)
    {
        var template = Path.Combine(SampleAccounts.Folder(".."), "iac", "accounts", "field-note.yaml");
        var policy = _temp.File("policy.json");
        await File.WriteAllTextAsync(policy, """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""");
        var cases = _temp.File("cases.json");
        await File.WriteAllTextAsync(cases, """
            [{"name": "one", "identityPolicies": [{"name": "p", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
              "request": {"principal": "arn:aws:iam::123456789012:user/dana", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}, "expected": "Allowed"}]
            """);
        string[] args = command switch
        {
            "investigate" => ["investigate", "--snapshot", FieldNote, "--error-file", FieldNoteError, option, value],
            "check" => ["check", "--template", template, option, value],
            "simulate" => ["simulate", "--cases", cases, option, value],
            "policy" => ["policy", "validate", option, value, "--format", "JSON", policy],
            _ => [command, option, value],
        };

        var (exitCode, stdout, stderr) = await CliRunner.RunAsync(args);

        Assert.True(exitCode is not (2 or 5), $"exit {exitCode}: {stderr}");
        using var json = JsonDocument.Parse(stdout);
    }

    [Fact]
    public async Task Format_Unknown_NamesTheChoices()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("audit", "--format", "html");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("--format takes text, markdown, json or sarif, not 'html'.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyTooLarge_SizesCarryTheirUnit()
    {
        var policy = _temp.File("large.json");
        var sid = new string('a', 530_000);
        await File.WriteAllTextAsync(policy, $$"""{"Version": "2012-10-17", "Statement": [{"Sid": "{{sid}}", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""");

        var (_, untyped, _) = await CliRunner.RunAsync("policy", "validate", policy);
        var (_, typed, _) = await CliRunner.RunAsync("policy", "validate", "--type", "identity", policy);

        Assert.Contains("The document is more than 524,288 bytes long, over the bound of 524,288 bytes", untyped, StringComparison.Ordinal);
        Assert.Contains("The document is 530,115 characters long, over the bound of 524,288", typed, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d long", untyped + typed);
    }

    [Fact]
    public async Task DuplicateKey_ReportedAtItsPathLineAndColumn()
    {
        var policy = _temp.File("duplicate.json");
        await File.WriteAllTextAsync(policy, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}\n  ]\n}\n");

        var (untypedExit, untyped, _) = await CliRunner.RunAsync("policy", "validate", policy);
        var (typedExit, typed, _) = await CliRunner.RunAsync("policy", "validate", "--type", "identity", policy);

        Assert.Equal(1, untypedExit);
        Assert.Contains("not valid JSON at line 4, column 25 (property \"Effect\" is given twice)", untyped, StringComparison.Ordinal);
        Assert.Contains("(at $.Statement[0].Effect, statement 0)", untyped, StringComparison.Ordinal);
        Assert.Equal(1, typedExit);
        Assert.Contains($"{policy}:4:25: error InvalidDocument", typed, StringComparison.Ordinal);
        Assert.Contains("$.Statement[0].Effect", typed, StringComparison.Ordinal);
        Assert.DoesNotContain("(at $)", untyped + typed, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditSummary_OneOfEach_Singular()
    {
        var text = PassRoleAuditRenderer.ToText(new PassRoleAuditReport { Account = "123456789012", PrincipalCount = 1, RoleCount = 1, TargetCount = 1, PairsDecided = 1 });

        Assert.Contains("  1 principal (users, and roles as sessions), 1 role, 1 trusting Glue; 1 pair decided\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoMfaConditionInTheAccount_NoMfaInference()
    {
        // The assumed-role-caller account has no MFA condition at all: nothing may say the request carried MFA or that
        // an MFA guardrail did not fire. (Fixed on main when the inference was generalised; this proves it.)
        var folder = SampleAccounts.Folder("assumed-role-caller");

        var (exitCode, stdout, _) = await CliRunner.RunAsync("investigate", "--snapshot", folder, "--error-file", Path.Combine(folder, "error.txt"));

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("carried MFA", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("guardrail fired", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("MfaGuardrail", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("InferredContext", stdout, StringComparison.Ordinal);
        Assert.Contains("no circumstance of the call matters", stdout, StringComparison.Ordinal);
    }
}
