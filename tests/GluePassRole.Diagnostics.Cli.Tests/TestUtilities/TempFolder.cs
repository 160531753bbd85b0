using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Cli.Tests.TestUtilities;

/// <summary>A temporary folder, deleted on dispose; optionally a copy of a bundled sample account to break on purpose.</summary>
internal sealed class TempFolder : IDisposable
{
    private TempFolder(string path) => Path = path;

    public string Path { get; }

    public static TempFolder Create() => new(Directory.CreateTempSubdirectory("glue-passrole-cli-").FullName);

    /// <summary>A copy of the sample account <paramref name="sample"/> (samples/accounts).</summary>
    public static TempFolder CopyOf(string sample)
    {
        var folder = Create();
        Copy(SampleAccounts.Folder(sample), folder.Path);
        return folder;
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            Copy(folder, System.IO.Path.Combine(to, System.IO.Path.GetFileName(folder)));
        }
    }
}
