namespace GluePassRole.Diagnostics.AccessDenied;

/// <summary>
/// Thrown by <see cref="AccessDeniedMessage.Parse(string)"/> when a text cannot be read as an AWS AccessDenied message.
/// <see cref="Error"/> says why (empty, too long, not an AccessDenied message, only an encoded message, bad decoded JSON);
/// the message says what was expected and, for JSON, where.
/// </summary>
public sealed class AccessDeniedMessageFormatException : FormatException
{
    /// <summary>Creates the exception with <see cref="AccessDeniedMessageFormatError.NotAccessDenied"/>.</summary>
    /// <param name="message">What is wrong with the text and what was expected.</param>
    public AccessDeniedMessageFormatException(string message)
        : this(message, AccessDeniedMessageFormatError.NotAccessDenied)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the text and what was expected.</param>
    /// <param name="error">Why the text could not be read.</param>
    /// <param name="encodedAuthorizationMessage">For <see cref="AccessDeniedMessageFormatError.EncodedMessageOnly"/>, the encoded message.</param>
    public AccessDeniedMessageFormatException(string message, AccessDeniedMessageFormatError error, string? encodedAuthorizationMessage = null)
        : base(message)
    {
        Error = error;
        EncodedAuthorizationMessage = encodedAuthorizationMessage;
    }

    /// <summary>Why the text could not be read.</summary>
    public AccessDeniedMessageFormatError Error { get; }

    /// <summary>
    /// For <see cref="AccessDeniedMessageFormatError.EncodedMessageOnly"/>, the text after <c>Encoded authorization failure message:</c>;
    /// decode it with <see cref="AccessDeniedMessage.DecodeCommand(string)"/> (needs <see cref="AccessDeniedMessage.DecodePermission"/>)
    /// and parse the output. Otherwise <see langword="null"/>.
    /// </summary>
    public string? EncodedAuthorizationMessage { get; }
}
