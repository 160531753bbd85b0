using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>
/// Issue 18 item 8 (SARIF for pull requests) and issue 19 item 10 (one finding model, one SARIF mapping): every command
/// that writes SARIF (investigate, audit, check, policy validate) writes it through the same mapping, so every log has the
/// same shape: every result has a location, file URIs are relative to %SRCROOT% (--sarif-root), no absolute local path
/// appears anywhere, an input that cannot be read is named in the log, and an undecided finding is not a failure.
/// </summary>
public sealed class SarifContractTests : IDisposable
{
    private const string Dana = "arn:aws:iam::123456789012:user/dana";

    private readonly string _repo = Path.Combine(Path.GetTempPath(), "sarif-repo-" + Guid.NewGuid().ToString("N"));

    public SarifContractTests() => Directory.CreateDirectory(Path.Combine(_repo, "infra"));

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private static string Iac(params string[] parts) => Path.GetFullPath(Path.Combine([SampleAccounts.Folder(".."), "iac", .. parts]));

    /// <summary>A copy of a bundled template inside the temporary "repository", as a pull request's checkout has it.</summary>
    private string Copy(string template, string name)
    {
        var file = Path.Combine(_repo, "infra", name);
        File.Copy(template, file);
        return file;
    }

    /// <summary>A copy of a bundled sample account inside the temporary "repository".</summary>
    private string CopyAccount(string name)
    {
        var folder = Path.Combine(_repo, "accounts", name);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(SampleAccounts.Folder(name)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    private string PassAnyPolicy()
    {
        var file = Path.Combine(_repo, "infra", "pass-any.json");
        File.WriteAllText(file, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}""");
        return file;
    }

    /// <summary>The SARIF of each of the four commands, each on inputs inside the temporary "repository" with findings.</summary>
    private async Task<Dictionary<string, string>> FourLogsAsync(params string[] extra)
    {
        var logs = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task Run(string name, params string[] args)
        {
            var (_, stdout, stderr) = await CliRunner.RunAsync([.. args, "--format", "sarif", .. extra]);
            Assert.True(stdout.Length > 0, $"{name}: {stderr}");
            logs[name] = stdout;
        }

        var fieldNote = CopyAccount("field-note");
        await Run("investigate", "investigate", "--snapshot", fieldNote, "--error-file", Path.Combine(fieldNote, "error.txt"));
        await Run("audit", "audit", "--snapshot", CopyAccount("audit-escalation"));
        await Run("check", "check", "--template", Copy(Iac("cloudformation", "glue-platform.yaml"), "glue-platform.yaml"), "--group", "GlueDevelopers");
        await Run("check (a fix)", "check", "--template", Copy(Iac("accounts", "role-not-trusting-glue.yaml"), "role.yaml"));
        await Run("policy validate", "policy", "validate", "--type", "identity", PassAnyPolicy());
        return logs;
    }

    private static List<JsonElement> Results(JsonDocument log) => [.. log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()];

    private static void AssertValidSarif(string name, string text) => Assert.True(SarifLog.SchemaErrors(text).Length == 0, name + ": " + SarifLog.SchemaErrors(text));

    [Fact]
    public async Task FourCommands_EveryResultHasAFileLocation()
    {
        foreach (var (name, text) in await FourLogsAsync())
        {
            using var log = JsonDocument.Parse(text);
            var results = Results(log);
            Assert.NotEmpty(results);
            foreach (var result in results)
            {
                Assert.True(result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0, $"{name}: {result}");
                Assert.True(locations[0].TryGetProperty("physicalLocation", out _), $"{name}: {result}");
            }
        }
    }

    [Fact]
    public async Task SarifRoot_FileUrisAreRelativeToIt()
    {
        var template = Copy(Iac("cloudformation", "glue-platform.yaml"), "glue-platform.yaml");

        var (_, check, _) = await CliRunner.RunAsync("check", "--template", template, "--group", "GlueDevelopers", "--format", "sarif", "--sarif-root", _repo);
        var (_, audit, _) = await CliRunner.RunAsync("audit", "--snapshot", SampleAccounts.Folder("audit-escalation"), "--format", "sarif", "--sarif-root", SampleAccounts.Folder("."));
        var (_, policy, _) = await CliRunner.RunAsync("policy", "validate", "--type", "identity", "--format", "sarif", "--sarif-root", Path.Combine(_repo, "infra"), PassAnyPolicy());

        Assert.Equal(["infra/glue-platform.yaml"], Uris(check));
        Assert.Equal(["audit-escalation/get-account-authorization-details.json"], Uris(audit));
        Assert.Equal(["pass-any.json"], Uris(policy));
    }

    [Fact]
    public async Task SarifRoot_FolderThatDoesNotExist_IsBadInput()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("check", "--template", Iac("cloudformation", "glue-platform.yaml"), "--format", "sarif", "--sarif-root", Path.Combine(_repo, "nope"));

        Assert.Equal(2, exit);
        Assert.StartsWith("--sarif-root: folder ", stderr, StringComparison.Ordinal);
    }

    /// <summary>The distinct file URIs of a log's results, each checked to be relative to %SRCROOT%.</summary>
    private static List<string> Uris(string sarif)
    {
        using var log = JsonDocument.Parse(sarif);
        var artifacts = Results(log).Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation")).ToList();
        Assert.All(artifacts, a => Assert.Equal("%SRCROOT%", a.GetProperty("uriBaseId").GetString()));
        return [.. artifacts.Select(a => a.GetProperty("uri").GetString()!).Distinct()];
    }

    [Fact]
    public async Task FourCommands_NoAbsoluteLocalPathAnywhereInTheLog()
    {
        foreach (var (name, text) in await FourLogsAsync("--sarif-root", _repo))
        {
            Assert.DoesNotContain(_repo, text, StringComparison.Ordinal);
            Assert.DoesNotContain(SampleAccounts.RepositoryRoot, text, StringComparison.Ordinal);
            Assert.DoesNotContain(AppContext.BaseDirectory, text, StringComparison.Ordinal);
            Assert.DoesNotContain("file:", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Check_DefaultRoot_NoMessageOrPropertyHoldsTheTemplatesAbsolutePath()
    {
        var template = Iac("cloudformation", "glue-platform.yaml");
        var role = Iac("accounts", "role-not-trusting-glue.yaml");

        var (_, notes, _) = await CliRunner.RunAsync("check", "--template", template, "--group", "GlueDevelopers", "--format", "sarif");
        var (_, fix, _) = await CliRunner.RunAsync("check", "--template", role, "--format", "sarif");

        Assert.Contains("glue-platform.yaml:36 (EtlRole): ", notes, StringComparison.Ordinal);
        Assert.DoesNotContain(template, notes, StringComparison.Ordinal);
        Assert.Contains("role-not-trusting-glue.yaml:131 (RoleEtlRuntime.AssumeRolePolicyDocument)", fix, StringComparison.Ordinal);
        Assert.DoesNotContain(role, fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_FixWhereAndLoaderNotes_NameTheTemplateRelativeToTheRoot()
    {
        var logs = await FourLogsAsync("--sarif-root", _repo);

        using var fix = JsonDocument.Parse(logs["check (a fix)"]);
        Assert.Equal(
            "infra/role.yaml:131 (RoleEtlRuntime.AssumeRolePolicyDocument)",
            Results(fix).Single(r => r.GetProperty("ruleId").GetString() == "GPR003").GetProperty("properties").GetProperty("fixWhere").GetString());
        using var notes = JsonDocument.Parse(logs["check"]);
        Assert.StartsWith("infra/glue-platform.yaml:36 (EtlRole): ", Results(notes).First(r => r.GetProperty("ruleId").GetString() == "GPR006").GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("audit")]
    [InlineData("investigate", "--principal", Dana, "--role", "etl-runtime")]
    public async Task UnreadableTemplate_ValidSarifNamingTheFile_ExitsTwo(string command, params string[] question)
    {
        var file = Path.Combine(_repo, "infra", "broken.yaml");
        await File.WriteAllTextAsync(file, "Resources:\n  R:\n    Type: AWS::IAM::Group\n    Properties:\n      GroupName: !Nope x\n");

        var (exit, stdout, stderr) = await CliRunner.RunAsync([command, "--template", file, .. question, "--format", "sarif", "--sarif-root", _repo]);

        Assert.Equal(2, exit);
        Assert.Contains($"{file}:5 at $.Resources.R.Properties.GroupName", stderr, StringComparison.Ordinal);
        AssertValidSarif(command, stdout);
        Assert.DoesNotContain(_repo, stdout, StringComparison.Ordinal);
        using var log = JsonDocument.Parse(stdout);
        var invocation = log.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notification = invocation.GetProperty("toolExecutionNotifications")[0];
        Assert.Equal("error", notification.GetProperty("level").GetString());
        Assert.StartsWith("infra/broken.yaml:5 ", notification.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("infra/broken.yaml", notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        var result = Assert.Single(Results(log));
        Assert.Equal("UnreadableInput", result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("infra/broken.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(5, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public async Task Check_PrincipalNotFound_AtTheTemplateWithThePrincipalAsItsLogicalLocation()
    {
        const string Ghost = "arn:aws:iam::111122223333:user/ghost";
        var template = RequestCases.Template("admin-guardrail");

        var (exit, stdout, _) = await CliRunner.RunAsync(
            "check", "--template", template, "--snapshot", RequestCases.Snapshot("admin-guardrail"), "--account-id", RequestCases.AccountId, "--principal", Ghost, "--format", "sarif");

        Assert.Equal(1, exit);
        using var log = JsonDocument.Parse(stdout);
        var location = Results(log).Single(r => r.GetProperty("ruleId").GetString() == "GPR008").GetProperty("locations")[0];
        Assert.Equal(
            string.Join('/', Path.GetRelativePath(Environment.CurrentDirectory, template).Split(Path.DirectorySeparatorChar)),
            location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(Ghost, location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
    }

    [Fact]
    public async Task PolicyValidate_MissingFile_AResultNamesIt()
    {
        var missing = Path.Combine(_repo, "infra", "missing.json");

        var (exit, stdout, _) = await CliRunner.RunAsync("policy", "validate", "--type", "identity", "--format", "sarif", "--sarif-root", _repo, missing);

        Assert.Equal(2, exit);
        AssertValidSarif("policy validate", stdout);
        using var log = JsonDocument.Parse(stdout);
        var result = Assert.Single(Results(log));
        Assert.Equal("UnreadableInput", result.GetProperty("ruleId").GetString());
        Assert.Equal("infra/missing.json", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    /// <summary>
    /// SARIF 2.1.0 §3.27.9: kind "open" is "The rule was evaluated, and the tool concluded that there was insufficient
    /// information to decide whether a problem exists"; §3.27.10: when kind is not "fail", level SHALL be "none"
    /// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/sarif-v2.1.0-os.html). An UNKNOWN check item is not a failure.
    /// </summary>
    [Fact]
    public async Task Check_UnknownItem_IsOpenWithLevelNoneNotAFailure()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("check", "--template", Iac("cloudformation", "glue-platform.yaml"), "--group", "GlueDevelopers", "--format", "sarif");

        Assert.Equal(3, exit);
        using var log = JsonDocument.Parse(stdout);
        var unknown = Results(log).Single(r => r.GetProperty("ruleId").GetString() == "GPR001");
        Assert.Equal("open", unknown.GetProperty("kind").GetString());
        Assert.Equal("none", unknown.GetProperty("level").GetString());
        Assert.Equal("undecided", unknown.GetProperty("properties").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task FourCommands_OneMapping_SameRuleLevelLocationAndPropertyShape()
    {
        foreach (var (name, text) in await FourLogsAsync("--sarif-root", _repo))
        {
            AssertValidSarif(name, text);
            using var log = JsonDocument.Parse(text);
            var run = log.RootElement.GetProperty("runs")[0];
            var driver = run.GetProperty("tool").GetProperty("driver");
            Assert.Equal("glue-passrole", driver.GetProperty("name").GetString());
            Assert.True(driver.TryGetProperty("semanticVersion", out _), name);
            Assert.True(run.GetProperty("originalUriBaseIds").TryGetProperty("%SRCROOT%", out _), name);
            Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean(), name);
            var rules = driver.GetProperty("rules").EnumerateArray().ToList();
            foreach (var result in Results(log))
            {
                var ruleId = result.GetProperty("ruleId").GetString();
                Assert.Equal(ruleId, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
                var level = result.GetProperty("level").GetString();
                Assert.Contains(level, new[] { "error", "warning", "note", "none" });
                Assert.Equal(level == "none", result.TryGetProperty("kind", out _));
                Assert.Equal("%SRCROOT%", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
                Assert.True(result.GetProperty("locations")[0].GetProperty("logicalLocations")[0].TryGetProperty("fullyQualifiedName", out _), $"{name}: {result}");
                Assert.True(result.GetProperty("properties").TryGetProperty("subject", out _), $"{name}: {result}");
            }
        }
    }
}
