using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

using System.Text.Json;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

public sealed class SimulateCommandTests : IDisposable
{
    private const string Fix = """{"Version":"2012-10-17","Statement":[{"Sid":"AllowPassGlueRuntimeRoleToGlue","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/etl-runtime","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}]}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("glue-passrole-simulate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Simulate_CaseFileAsJson_PrintsDecisionExpectationAndExplanation()
    {
        var cases = Write("cases.json", $$"""
            [
              { "name": "glue", "expected": "Allowed", "identityPolicies": [{{Fix}}],
                "request": { "principal": "arn:aws:iam::123456789012:user/dana", "action": "iam:PassRole", "resource": "arn:aws:iam::123456789012:role/etl-runtime", "context": { "iam:PassedToService": "glue.amazonaws.com" } } },
              { "name": "ec2", "expected": "ImplicitDeny", "identityPolicies": [{{Fix}}],
                "request": { "principal": "arn:aws:iam::123456789012:user/dana", "action": "iam:PassRole", "resource": "arn:aws:iam::123456789012:role/etl-runtime", "context": { "iam:PassedToService": "ec2.amazonaws.com" } } }
            ]
            """);

        var (exitCode, stdout, _) = await CliRunner.RunAsync("simulate", "--cases", cases, "--format", "json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout);
        var results = json.RootElement.EnumerateArray().ToList();
        Assert.Equal("Allowed", results[0].GetProperty("decision").GetString());
        Assert.True(results[0].GetProperty("match").GetBoolean());
        Assert.Equal("AllowPassGlueRuntimeRoleToGlue", results[0].GetProperty("decidingStatements")[0].GetProperty("statement").GetString());
        Assert.Equal("ImplicitDeny", results[1].GetProperty("decision").GetString());
        Assert.Equal("IdentityBased", results[1].GetProperty("layerLackingAllow").GetProperty("policyType").GetString());
        Assert.Contains("ec2.amazonaws.com", results[1].GetProperty("misses")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_CaseDiffersFromExpectation_ExitsOneAndSaysFail()
    {
        var cases = Write("cases.json", $$"""
            [ { "name": "wrong", "expected": "Allowed", "identityPolicies": [{{Fix}}],
                "request": { "principal": "arn:aws:iam::123456789012:user/dana", "action": "iam:PassRole", "resource": "arn:aws:iam::123456789012:role/other" } } ]
            """);

        var (exitCode, stdout, _) = await CliRunner.RunAsync("simulate", "--cases", cases);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL  wrong: ImplicitDeny (expected Allowed)", stdout, StringComparison.Ordinal);
        Assert.Contains("simulate: 0 passed, 1 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_SingleRequestOnCommandLine_Evaluates()
    {
        var policy = Write("fix.json", Fix);

        var (exitCode, stdout, _) = await CliRunner.RunAsync(
            "simulate", "--policy", policy, "--principal", "arn:aws:iam::123456789012:user/dana", "--action", "iam:PassRole",
            "--resource", "arn:aws:iam::123456789012:role/etl-runtime", "--context", "iam:PassedToService=glue.amazonaws.com");

        Assert.Equal(0, exitCode);
        Assert.Contains("request: Allowed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_BadContextPair_ExitsTwo()
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("simulate", "--principal", "p", "--action", "a:b", "--resource", "*", "--context", "novalue");

        Assert.Equal(2, exitCode);
        Assert.Contains("expected key=value", stderr, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
