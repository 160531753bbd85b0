namespace GluePassRole.Diagnostics.AccessDenied;

/// <summary>
/// Thrown by <see cref="AccessDeniedMessage.Parse(string)"/> when a text is not an AWS AccessDenied message:
/// it is empty, longer than <see cref="AccessDeniedMessage.MaxInputLength"/>, or has no
/// <c>User: &lt;arn&gt; is not authorized to perform: &lt;action&gt;</c> clause. The message says what was expected.
/// </summary>
public sealed class AccessDeniedMessageFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the text and what was expected.</param>
    public AccessDeniedMessageFormatException(string message)
        : base(message)
    {
    }
}
