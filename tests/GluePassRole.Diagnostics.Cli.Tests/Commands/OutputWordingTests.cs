using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;
using GluePassRole.Diagnostics.Investigation;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>Counts and durations as people write them: "1 case", "5.6 ms", never "1 cases" or "00:00:00.0055907".</summary>
public sealed class OutputWordingTests
{
    [Theory]
    [InlineData(5.5907, "in 5.6 ms")]
    [InlineData(1234.0, "in 1.2 s")]
    public void StepProgress_StepCompleted_DurationAsPeopleReadIt(double milliseconds, string expected)
    {
        using var writer = new StringWriter();

        new StepProgress(writer).OnStepCompleted(new StepRecord("read-role", StepOutcome.Completed, TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal($"  \u2713 read-role: completed {expected}", writer.ToString().TrimEnd());
    }

    [Fact]
    public async Task Audit_BundledAccount_SingularCountsInTheSummary()
    {
        var (_, stdout, _) = await CliRunner.RunAsync("audit");

        Assert.Contains("1 principal that can pass any role", stdout, StringComparison.Ordinal);
        Assert.Contains("1 passable role that does not trust Glue", stdout, StringComparison.Ordinal);
        Assert.Contains("\n  1 unknown\n", stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b1 [a-z]+s\b", stdout.Replace("1 only with MFA", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_OneCase_SaysOneCase()
    {
        var cases = Path.Combine(Path.GetTempPath(), "one-case-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(cases, """
            [{"name": "one", "identityPolicies": [{"name": "p", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
              "request": {"principal": "arn:aws:iam::123456789012:user/dana", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}, "expected": "Allowed"}]
            """);
        try
        {
            var (_, stdout, stderr) = await CliRunner.RunAsync("simulate", "--cases", cases);

            Assert.Contains("(1 case, 1 with an expectation", stdout + stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(cases);
        }
    }

    [Fact]
    public async Task PolicyValidateType_OneError_SaysOneError()
    {
        var policy = Path.Combine(Path.GetTempPath(), "one-error-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(policy, """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}""");
        try
        {
            var (exitCode, stdout, _) = await CliRunner.RunAsync("policy", "validate", "--type", "identity", policy);

            Assert.Equal(1, exitCode);
            Assert.Contains("IdentityBased: 1 error, 0 security warnings, 0 warnings, 0 suggestions", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(policy);
        }
    }
}
