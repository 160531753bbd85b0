using GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

public sealed class PolicyValidateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("glue-passrole-validate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Validate_AllFilesValid_PrintsOkAndExitsZero()
    {
        var a = Write("a.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}""");
        var b = Write("b.json", Uri.EscapeDataString("""{"Statement":{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}}"""));

        var (exitCode, stdout, _) = await CliRunner.RunAsync("policy", "validate", a, b);

        Assert.Equal(0, exitCode);
        Assert.Contains($"{a}: OK (1 statement)", stdout, StringComparison.Ordinal);
        Assert.Contains($"{b}: OK (1 statement)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_OneFileInvalid_PrintsErrorWithJsonPathAndExitsOne()
    {
        var good = Write("good.json", """{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""");
        var bad = Write("bad.json", """{"Statement":[{"Effect":"Allow","Action":"s3:*"},{"Effect":"allow","Action":"s3:*"}]}""");

        var (exitCode, stdout, _) = await CliRunner.RunAsync("policy", "validate", good, bad);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{good}: OK", stdout, StringComparison.Ordinal);
        Assert.Contains($"{bad}: INVALID", stdout, StringComparison.Ordinal);
        Assert.Contains("$.Statement[1].Effect", stdout, StringComparison.Ordinal);
        Assert.Contains("statement 1", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_SaysSoAndExitsTwo()
    {
        var missing = Path.Combine(_directory, "nope.json");

        var (exitCode, _, stderr) = await CliRunner.RunAsync("policy", "validate", missing);

        Assert.Equal(2, exitCode);
        Assert.Contains("file not found", stderr, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
