using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>Runs alone: these tests change the process environment the AWS SDK's credential chain reads.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CredentialEnvironment
{
    public const string Name = "credential environment";
}

/// <summary>
/// The trap a new user fell into: an error file and no source silently investigated the bundled demo account. Now the
/// user's own error is read from their account, live, and with no credentials the tool says how to give a source.
/// </summary>
[Collection(CredentialEnvironment.Name)]
public sealed class InvestigateSourceTests
{
    [Fact]
    public async Task Investigate_ErrorWithoutSourceOrCredentials_ExitsTwoNamingTheSources()
    {
        var error = Path.GetTempFileName();
        await File.WriteAllTextAsync(error, "User: arn:aws:iam::111122223333:user/ana is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/etl because no identity-based policy allows the iam:PassRole action");
        try
        {
            var (exitCode, stdout, stderr) = await AwsEnvironment.RunAsync(new Dictionary<string, string>(), ["investigate", "--error-file", error]);

            Assert.Equal(2, exitCode);
            Assert.Contains("--profile", stderr, StringComparison.Ordinal);
            Assert.Contains("--live", stderr, StringComparison.Ordinal);
            Assert.Contains("--snapshot DIR", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Verdict", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(error);
        }
    }

    [Fact]
    public async Task Investigate_NoArguments_SaysInTheFirstLineItIsTheBundledSample()
    {
        var (exitCode, stdout, _) = await CliRunner.RunAsync("investigate");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("This is the bundled sample account", stdout, StringComparison.Ordinal);
    }
}
