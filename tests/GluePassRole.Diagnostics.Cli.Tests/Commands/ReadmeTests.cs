using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.Commands;

/// <summary>Issue 19, item 9: the README's commands run as written, and the live section says how to point at an emulator.</summary>
public sealed class ReadmeTests
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(SampleAccounts.RepositoryRoot, "README.md")));

    [Fact]
    public void Readme_EveryDotnetRunOfTheTool_IsARelease()
    {
        var runs = Lines.Value.Where(l => l.Contains("dotnet run --project src/GluePassRole.Diagnostics.Cli", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(runs);
        Assert.All(runs, line => Assert.Contains(" -c Release", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_LiveSection_SaysHowToPointAtAnEmulatorOrPrivateEndpoint()
    {
        var start = Array.IndexOf(Lines.Value, "### Using it live");
        Assert.True(start >= 0, "README has no '### Using it live' section");
        var section = Lines.Value.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal) && !l.StartsWith("### ", StringComparison.Ordinal)).ToList();

        Assert.Contains(section, l => l.Contains("AWS_ENDPOINT_URL", StringComparison.Ordinal));
    }
}
