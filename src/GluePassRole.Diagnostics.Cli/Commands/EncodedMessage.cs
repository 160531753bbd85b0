using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Aws;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>A pasted error that holds only an encoded authorization failure message, decoded live when the account is read live.</summary>
internal static class EncodedMessage
{
    /// <summary>
    /// When <paramref name="errorText"/> holds only an encoded message, decodes it through <c>sts:DecodeAuthorizationMessage</c>.
    /// </summary>
    /// <returns>
    /// The decoded JSON, to investigate as if pasted; <see langword="null"/> when the text is something else or the call
    /// failed (then one sentence on <paramref name="stderr"/> says why, which permission it needs and the command that
    /// decodes it by hand).
    /// </returns>
    public static async Task<string?> TryDecodeAsync(string errorText, IAuthorizationMessageDecoder decoder, TextWriter stderr, CancellationToken cancellationToken)
    {
        string encoded;
        try
        {
            _ = AccessDeniedMessage.Parse(errorText);
            return null;
        }
        catch (AccessDeniedMessageFormatException ex) when (ex is { Error: AccessDeniedMessageFormatError.EncodedMessageOnly, EncodedAuthorizationMessage: { } blob })
        {
            encoded = blob;
        }
        catch (AccessDeniedMessageFormatException)
        {
            return null;
        }

        var decoded = await decoder.DecodeAsync(encoded, cancellationToken).ConfigureAwait(false);
        if (decoded.TryGetValue(out var json))
        {
            return json;
        }

        await stderr.WriteLineAsync(
            $"The error holds only an encoded authorization message and decoding it live failed: {decoded.Error?.Message ?? decoded.ToString()} "
            + $"Decoding needs {AccessDeniedMessage.DecodePermission}; with it, run: {AccessDeniedMessage.DecodeCommand(encoded)}").ConfigureAwait(false);
        return null;
    }
}
