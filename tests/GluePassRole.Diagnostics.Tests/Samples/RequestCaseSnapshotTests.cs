using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Tests.Samples;

/// <summary>Every request case (tests/Shared/RequestCases) is a well-formed snapshot with a parseable error; the verdicts are tested elsewhere.</summary>
public sealed class RequestCaseSnapshotTests
{
    public static TheoryData<string> Cases => [.. RequestCases.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Snapshot_Loads_WithoutProblems(string name)
    {
        var snapshot = AccountSnapshot.LoadFromDirectory(RequestCases.Snapshot(name));

        Assert.Empty(snapshot.Problems);
        Assert.Equal(RequestCases.AccountId, snapshot.AccountId);
        var error = AccessDeniedMessage.Parse(File.ReadAllText(RequestCases.ErrorFile(name)));
        Assert.True(error.IsPassRole);
        Assert.Equal(RequestCases.AccountId, error.Account);
        Assert.True(File.Exists(RequestCases.Template(name)), $"{name} has no template.yaml");
        Assert.True(File.Exists(Path.Combine(RequestCases.Folder(name), "README.md")), $"{name} has no README.md");
    }

    [Fact]
    public void Names_ListEveryCaseFolder()
    {
        var folders = Directory.GetDirectories(RequestCases.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(RequestCases.Names.Order(StringComparer.Ordinal), folders);
    }
}
