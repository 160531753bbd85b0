using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Iac;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>The offline account a command reads: infrastructure-as-code (alone or on a snapshot), else a snapshot folder.</summary>
internal static class OfflineSource
{
    /// <summary>Loads the account and points the builder at it.</summary>
    /// <returns><see langword="null"/>, or the one sentence that says why the input cannot be read.</returns>
    public static string? TryUse(IPassRoleDiagnosticsBuilder diagnostics, IacSourceOptions? iac, string snapshotDirectory, CancellationToken cancellationToken)
    {
        if (iac is not null)
        {
            try
            {
                diagnostics.UseIac(IacAccount.Load(iac, cancellationToken));
                return null;
            }
            catch (Exception ex) when (ex is IacTemplateException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                return ex.Message;
            }
        }

        try
        {
            diagnostics.UseSnapshot(AccountSnapshot.LoadFromDirectory(snapshotDirectory, cancellationToken));
            return null;
        }
        catch (AccountSnapshotException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{snapshotDirectory}: the snapshot folder cannot be read{(ex is UnauthorizedAccessException ? " (permission denied)" : ": " + ex.Message)}";
        }
    }

    /// <summary>Whether a snapshot folder given by the user exists and is a folder.</summary>
    /// <returns><see langword="null"/>, or the sentence that says what is wrong.</returns>
    public static string? CheckFolder(string snapshotDirectory) =>
        Directory.Exists(snapshotDirectory) ? null
        : File.Exists(snapshotDirectory) ? $"{snapshotDirectory}: is a file; --snapshot takes the snapshot folder."
        : $"{snapshotDirectory}: snapshot folder not found";
}
