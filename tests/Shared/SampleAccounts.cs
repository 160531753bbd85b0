namespace GluePassRole.Diagnostics.TestShared;

/// <summary>The bundled sample accounts under samples/accounts in the repository. Linked into every test project.</summary>
internal static class SampleAccounts
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Folder(string name) => Path.Combine(Root.Value, name);

    /// <summary>samples/accounts under the repository root (the folder holding GluePassRole.Diagnostics.sln).</summary>
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GluePassRole.Diagnostics.sln")))
            {
                return Path.Combine(dir.FullName, "samples", "accounts");
            }
        }

        throw new DirectoryNotFoundException($"No GluePassRole.Diagnostics.sln above {AppContext.BaseDirectory}.");
    }
}
