using GluePassRole.Diagnostics.AccessDenied;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>The AccessDenied text the user gave, checked before any account is read: text of another kind is bad input.</summary>
internal static class ErrorInput
{
    /// <summary>The longest first line quoted back; a longer one is cut with an ellipsis.</summary>
    private const int MaxQuoted = 120;

    /// <summary>
    /// Why <paramref name="text"/> cannot be investigated as given, in one sentence (lower case, to follow the input's
    /// name): it holds no AccessDenied clause (quoting the first line read), it is too long to read, or it looks like a
    /// decoded authorization message but is not one. A text the investigation reads or reports on itself (an
    /// AccessDenied message for any action, an encoded message only) gives <see langword="null"/>.
    /// </summary>
    public static string? NotAnAccessDeniedMessage(string text)
    {
        try
        {
            _ = AccessDeniedMessage.Parse(text);
            return null;
        }
        catch (AccessDeniedMessageFormatException ex) when (ex.Error == AccessDeniedMessageFormatError.NotAccessDenied)
        {
            return "not an AWS AccessDenied message: expected text containing 'User: <principal ARN> is not authorized to perform: <action> on resource: <ARN> because ...', "
                + $"but the first line read is \"{FirstLine(text)}\".";
        }
        catch (AccessDeniedMessageFormatException ex) when (ex.Error is AccessDeniedMessageFormatError.TooLong or AccessDeniedMessageFormatError.InvalidDecodedMessage)
        {
            return char.ToLowerInvariant(ex.Message[0]) + ex.Message[1..];
        }
        catch (AccessDeniedMessageFormatException)
        {
            return null;
        }
    }

    /// <summary>The first line that is not blank, trimmed, cut to <see cref="MaxQuoted"/> characters.</summary>
    private static string FirstLine(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        return line.Length <= MaxQuoted ? line : line[..MaxQuoted] + "…";
    }
}
