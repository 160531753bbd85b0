namespace GluePassRole.Diagnostics.TestShared;

/// <summary>The bundled sample accounts under samples/accounts in the repository. Linked into every test project.</summary>
internal static class SampleAccounts
{
    private static readonly Lazy<string> Root = new(() => Path.Combine(RepositoryRoot, "samples", "accounts"));
    private static readonly Lazy<string> Repository = new(FindRepository);

    /// <summary>The repository root: the folder holding GluePassRole.Diagnostics.sln.</summary>
    public static string RepositoryRoot => Repository.Value;

    public static string Folder(string name) => Path.Combine(Root.Value, name);

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GluePassRole.Diagnostics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No GluePassRole.Diagnostics.sln above {AppContext.BaseDirectory}.");
    }
}
