using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

// IAM User Guide, "AWS JSON policy elements: Principal"
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html: resource-based policy
// statements must have Principal. simulate refuses one without, naming the file and statement, instead of a verdict.
public sealed class SimulateResourcePolicyPrincipalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("glue-passrole-simulate-principal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Simulate_ResourcePolicyWithoutPrincipal_BadInputNamingFileAndStatement()
    {
        var bucket = Path.Combine(_directory, "bucket.json");
        File.WriteAllText(bucket, """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""");

        var (exitCode, _, stderr) = await CliRunner.RunAsync(
            "simulate", "--resource-policy", bucket,
            "--principal", "arn:aws:iam::111111111111:user/dana", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/key");

        Assert.Equal(2, exitCode);
        Assert.Contains(bucket, stderr, StringComparison.Ordinal);
        Assert.Contains("Principal", stderr, StringComparison.Ordinal);
        Assert.Contains("statement 0", stderr, StringComparison.Ordinal);
    }
}
