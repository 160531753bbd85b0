using System.Text.Json;
using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary><c>investigate --context</c>, <c>--at</c> and <c>--verbose</c>: what the caller pins of the request, and the request shown.</summary>
public class InvestigateRequestOptionsTests
{
    private static readonly string SourceIp = RequestCases.Snapshot("source-ip");

    // The allow holds from 10.0.0.0/8 only (IAM User Guide, condition operators: IpAddress): pinning the caller's address
    // decides the circumstance.
    [Theory]
    [InlineData("aws:SourceIp=10.1.2.3", "Allowed")]
    [InlineData("aws:SourceIp=203.0.113.7", "ImplicitDeny")]
    public async Task Investigate_ContextPinsTheSourceIp_DecidesIt(string pin, string expected)
    {
        var (exitCode, stdout, stderr) = await CliRunner.RunAsync(
            "investigate", "--snapshot", SourceIp, "--principal", "arn:aws:iam::111122223333:user/dana", "--role", "etl-runtime", "--context", pin, "--format", "json");

        Assert.True(exitCode is 0 or 1, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(expected, json.RootElement.GetProperty("decision").GetString());
        Assert.Contains(json.RootElement.GetProperty("request").EnumerateArray(), k => k.GetProperty("key").GetString() == "aws:SourceIp" && k.GetProperty("source").GetString() == "Option");
    }

    // aws:CurrentTime (IAM User Guide, global condition keys): --at asks about another moment.
    [Fact]
    public async Task Investigate_AtAfterTheWindow_ImplicitDeny()
    {
        var (_, stdout, stderr) = await CliRunner.RunAsync(
            "investigate", "--snapshot", RequestCases.Snapshot("time-window"), "--principal", "arn:aws:iam::111122223333:user/dana", "--role", "etl-runtime",
            "--at", "2100-01-01T00:00:00Z", "--format", "json");

        using var json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("decision").GetString() == "ImplicitDeny", stderr);
        Assert.Contains(json.RootElement.GetProperty("request").EnumerateArray(), k => k.GetProperty("key").GetString() == "aws:CurrentTime" && k.GetProperty("values")[0].GetString() == "2100-01-01T00:00:00Z");
    }

    [Theory]
    [InlineData("--context", "SourceIp")]
    [InlineData("--at", "yesterday")]
    public async Task Investigate_MalformedPin_BadInputSayingWhatWasExpected(string option, string value)
    {
        var (exitCode, _, stderr) = await CliRunner.RunAsync("investigate", "--snapshot", SourceIp, "--principal", "arn:aws:iam::111122223333:user/dana", "--role", "etl-runtime", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(option + " expects", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_Verbose_ShowsEveryKeyWithItsSource()
    {
        var (_, stdout, _) = await CliRunner.RunAsync("investigate", "--verbose", "--snapshot", SourceIp, "--principal", "arn:aws:iam::111122223333:user/dana", "--role", "etl-runtime");

        Assert.Contains("Request evaluated (each key and where it came from):", stdout, StringComparison.Ordinal);
        Assert.Contains("aws:PrincipalArn=arn:aws:iam::111122223333:user/dana (AccountData", stdout, StringComparison.Ordinal);
        Assert.Contains("aws:SourceIp: circumstance", stdout, StringComparison.Ordinal);
    }
}
