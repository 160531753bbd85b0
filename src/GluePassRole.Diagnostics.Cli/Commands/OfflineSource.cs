using GluePassRole.Diagnostics.DependencyInjection;
using GluePassRole.Diagnostics.Iac;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>The offline account a command reads: infrastructure-as-code (alone or on a snapshot), else a snapshot folder.</summary>
internal static class OfflineSource
{
    /// <summary>
    /// Loads the account and points the builder at it. The files are read on a pool thread that is abandoned on
    /// cancellation (Ctrl+C): a file that blocks (a FIFO nobody writes to, a stalled network share) cannot be interrupted,
    /// only stopped waiting for, and <paramref name="reading"/> then says which file it was.
    /// </summary>
    /// <returns><see langword="null"/>, or the one sentence that says why the input cannot be read.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<string?> TryUseAsync(
        IPassRoleDiagnosticsBuilder diagnostics, IacSourceOptions? iac, string snapshotDirectory, OfflineReading reading, CancellationToken cancellationToken, Action<Exception>? unread = null)
    {
        if (iac is not null)
        {
            try
            {
                diagnostics.UseIac(await OffThreadAsync(() => IacAccount.Load(iac, cancellationToken), cancellationToken).ConfigureAwait(false));
                return null;
            }
            catch (Exception ex) when (ex is IacTemplateException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                unread?.Invoke(ex);
                return ex.Message;
            }
        }

        try
        {
            diagnostics.UseSnapshot(await OffThreadAsync(() => AccountSnapshot.LoadFromDirectory(snapshotDirectory, reading, cancellationToken), cancellationToken).ConfigureAwait(false));
            return null;
        }
        catch (AccountSnapshotException ex)
        {
            unread?.Invoke(ex);
            return ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            unread?.Invoke(ex);
            return $"{snapshotDirectory}: the snapshot folder cannot be read{(ex is UnauthorizedAccessException ? " (permission denied)" : ": " + ex.Message)}";
        }
    }

    /// <summary>
    /// Loads the offline account for a command and says, on <paramref name="stderr"/>, why it could not: Ctrl+C while
    /// reading names what was not read (exit 130), unreadable input is one sentence (exit 2).
    /// </summary>
    /// <param name="diagnostics">The builder the account is registered on.</param>
    /// <param name="iac">The IaC sources, or <see langword="null"/> for a snapshot alone.</param>
    /// <param name="snapshotDirectory">The snapshot folder.</param>
    /// <param name="stderr">Where the sentence goes.</param>
    /// <param name="outcome">What the cancelled command did not reach, e.g. <c>no verdict was reached</c>.</param>
    /// <param name="parts">The parts of the account a cancelled read leaves unread, e.g. <see cref="OfflineReading.AuditParts"/>.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <param name="unread">Told what could not be read (e.g. to name the file in a SARIF log), before the sentence is written.</param>
    /// <returns><see langword="null"/> when the account is in use, else the exit code.</returns>
    public static async Task<int?> UseAsync(
        IPassRoleDiagnosticsBuilder diagnostics, IacSourceOptions? iac, string snapshotDirectory, TextWriter stderr, string outcome, string parts, CancellationToken cancellationToken, Action<Exception>? unread = null)
    {
        var reading = new OfflineReading(snapshotDirectory, iac);
        string? unreadable;
        try
        {
            unreadable = await TryUseAsync(diagnostics, iac, snapshotDirectory, reading, cancellationToken, unread).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync(reading.Cancelled(outcome, parts)).ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }

        if (unreadable is null)
        {
            return null;
        }

        await stderr.WriteLineAsync(unreadable).ConfigureAwait(false);
        return ExitCodes.BadInput;
    }

    /// <summary>Whether a snapshot folder given by the user exists and is a folder.</summary>
    /// <returns><see langword="null"/>, or the sentence that says what is wrong.</returns>
    public static string? CheckFolder(string snapshotDirectory) =>
        Directory.Exists(snapshotDirectory) ? null
        : File.Exists(snapshotDirectory) ? $"{snapshotDirectory}: is a file; --snapshot takes the snapshot folder."
        : $"{snapshotDirectory}: snapshot folder not found";

    /// <summary>Runs a blocking read on a pool thread; stops waiting for it (and leaves it to end on its own) when cancelled.</summary>
    internal static Task<T> OffThreadAsync<T>(Func<T> read, CancellationToken cancellationToken) =>
        Task.Run(read, cancellationToken).WaitAsync(cancellationToken);
}

/// <summary>
/// Which file of an offline source is being read, so that a read cancelled with Ctrl+C can say what was not read, as
/// <see cref="StepTrail"/> does for live reads.
/// </summary>
internal sealed class OfflineReading(string snapshotDirectory, IacSourceOptions? iac) : IProgress<string>
{
    private string? _file;

    /// <summary>The parts of the account an investigation reads, in the words of <see cref="StepTrail"/>.</summary>
    public const string InvestigationParts = "the caller's account, the Glue job, the role and its trust policy, the principal's policies";

    /// <summary>The parts of the account an audit reads.</summary>
    public const string AuditParts = "its users, groups, roles and policies";

    public void Report(string value) => Volatile.Write(ref _file, value);

    /// <summary>One sentence for a cancelled read: the file it waited on and what was not read.</summary>
    /// <param name="outcome">What did not happen, e.g. <c>no verdict was reached</c>.</param>
    /// <param name="parts">The parts of the account that were not read, e.g. <see cref="InvestigationParts"/>.</param>
    public string Cancelled(string outcome, string parts)
    {
        if (iac is not null)
        {
            var inputs = iac.Templates.Concat(iac.TerraformPlans).Append(iac.CdkOutDirectory).Append(iac.SnapshotDirectory).OfType<string>();
            return $"Cancelled while reading the infrastructure-as-code input ({string.Join(", ", inputs)}); {outcome}. Not read: any of it, so none of the account: {parts}.";
        }

        return Volatile.Read(ref _file) is { } file
            ? $"Cancelled while reading {file}; {outcome}. Not read: {Path.GetRelativePath(snapshotDirectory, file)} and the snapshot's files after it, so none of the account: {parts}."
            : $"Cancelled while reading the snapshot {snapshotDirectory}; {outcome}. Not read: its files, so none of the account: {parts}.";
    }
}
