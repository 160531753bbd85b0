namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>The files a command reads and writes for the user, each failure worded as one sentence naming the file.</summary>
internal static class CliFiles
{
    /// <summary>Writes to <paramref name="file"/>, else to standard output; says why on standard error when the file cannot be written.</summary>
    /// <returns><see langword="false"/> when the file could not be written (the command's bad-input exit).</returns>
    public static async Task<bool> WriteOutputAsync(string text, FileInfo? file, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            await stdout.WriteAsync(text).ConfigureAwait(false);
            return true;
        }

        if (await TryWriteAsync(file, text, cancellationToken).ConfigureAwait(false) is { } notWritten)
        {
            await stderr.WriteLineAsync(notWritten).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="file"/>, creating its folder as users expect.</summary>
    /// <returns><see langword="null"/>, or the sentence that says why the file cannot be written.</returns>
    public static Task<string?> TryWriteAsync(FileInfo file, string text, CancellationToken cancellationToken) =>
        TryWriteAsync(file, (stream, ct) => stream.WriteAsync(new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), ct).AsTask(), cancellationToken);

    /// <summary>Writes <paramref name="file"/> through <paramref name="write"/> (UTF-8, streamed), creating its folder as users expect.</summary>
    /// <returns><see langword="null"/>, or the sentence that says why the file cannot be written.</returns>
    public static async Task<string?> TryWriteAsync(FileInfo file, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            if (Directory.Exists(file.FullName))
            {
                return $"{file}: is a folder; give --output a file name.";
            }

            if (file.Directory is { Exists: false } folder)
            {
                // A file where a folder of the path should be cannot be worked around: name it.
                for (var parent = folder; parent is not null; parent = parent.Parent)
                {
                    if (File.Exists(parent.FullName))
                    {
                        return $"{file}: cannot be written: {parent.FullName} is a file, not a folder.";
                    }
                }

                folder.Create();
            }

            var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"{file}: cannot be written (permission denied).";
        }
        catch (IOException ex)
        {
            return $"{file}: cannot be written: {ex.Message}";
        }
    }

    /// <summary>Why a file the user named cannot be opened for reading, before trying: missing, or a folder.</summary>
    /// <returns><see langword="null"/> when it is a file, else the sentence naming it.</returns>
    public static string? Missing(FileInfo file) =>
        file.Exists ? null
        : Directory.Exists(file.FullName) ? $"{file}: is a folder, not a file."
        : $"{file}: file not found";

    /// <summary>
    /// Reads a text file the user named (<c>-</c> reads <paramref name="stdin"/>); an empty or whitespace-only file is
    /// refused. Cancellation stops the wait at once, even when the read itself cannot be interrupted (a FIFO or a terminal
    /// nobody writes to): the read is abandoned.
    /// </summary>
    /// <param name="file">The file.</param>
    /// <param name="what">What the file should hold, for the sentence about an empty file, e.g. <c>the AccessDenied text</c>.</param>
    /// <param name="stdin">Standard input.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text, or the sentence that says why there is none.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<(string? Text, string? Error)> TryReadTextAsync(FileInfo file, string what, TextReader stdin, CancellationToken cancellationToken)
    {
        string text;
        var name = file.Name == "-" ? "standard input" : file.ToString();
        try
        {
            if (file.Name == "-")
            {
                text = await stdin.ReadToEndAsync(cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (Directory.Exists(file.FullName))
            {
                return (null, $"{file}: is a folder, not a file holding {what}.");
            }
            else if (!file.Exists)
            {
                return (null, $"{file}: file not found");
            }
            else
            {
                // Opening a FIFO blocks the opening thread until a writer comes: open it on a pool thread.
                text = await Task.Run(() => File.ReadAllTextAsync(file.FullName, cancellationToken), cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (UnauthorizedAccessException)
        {
            return (null, $"{name}: cannot be read (permission denied).");
        }
        catch (IOException ex)
        {
            return (null, $"{name}: cannot be read: {ex.Message}");
        }

        return string.IsNullOrWhiteSpace(text)
            ? (null, $"{name} {(text.Length == 0 ? "is empty" : "holds only white space")}; expected {what}.")
            : (text, null);
    }
}
