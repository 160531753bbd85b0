namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>An account snapshot cannot be loaded at all (for example it has no authorization-details file).</summary>
/// <remarks>Problems in single files do not throw: the snapshot serves what it can and lists them in <see cref="AccountSnapshot.Problems"/>.</remarks>
public sealed class AccountSnapshotException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong; when it does not name <paramref name="path"/>, the path is added in parentheses.</param>
    /// <param name="path">The folder or file concerned.</param>
    public AccountSnapshotException(string message, string path)
        : base(message.Contains(path, StringComparison.Ordinal) ? message : $"{message} ({path})")
    {
        Path = path;
    }

    /// <summary>The folder or file concerned.</summary>
    public string Path { get; }
}
