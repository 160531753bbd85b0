using GluePassRole.Diagnostics.Sources.Snapshot;
using GluePassRole.Diagnostics.TestShared;

namespace GluePassRole.Diagnostics.Tests.TestUtilities;

/// <summary>The snapshots in TestData (written by TestData/make_snapshots.py) and a scratch folder for broken ones.</summary>
internal static class TestSnapshots
{
    public const string Account = "111122223333";

    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static AccountSnapshot FieldNote() => AccountSnapshot.LoadFromDirectory(Folder("FieldNote"));

    public static AccountSnapshot FieldNoteSdk() => AccountSnapshot.LoadFromDirectory(Folder("FieldNoteSdk"));
}

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gpr-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A copy of a bundled sample account, leaving out the files and folders whose relative path starts with <paramref name="without"/>.</summary>
    public static TempFolder CopyOfSample(string sample, string? without = null)
    {
        var copy = new TempFolder();
        var source = SampleAccounts.Folder(sample);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(source, file);
            if (without is null || !relative.StartsWith(without, StringComparison.Ordinal))
            {
                copy.Write(relative, File.ReadAllText(file));
            }
        }

        return copy;
    }

    public string Write(string relative, string content)
    {
        var file = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public string CopyFrom(string snapshot, string file, Func<string, string>? change = null)
    {
        var text = File.ReadAllText(System.IO.Path.Combine(TestSnapshots.Folder(snapshot), file));
        return Write(file, change is null ? text : change(text));
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
