namespace GluePassRole.Diagnostics.AccessDenied;

/// <summary>Why a text could not be read as an AccessDenied message (<see cref="AccessDeniedMessageFormatException.Error"/>).</summary>
public enum AccessDeniedMessageFormatError
{
    /// <summary>The text holds no <c>User: &lt;arn&gt; is not authorized to perform: &lt;action&gt;</c> clause: it is some other text.</summary>
    NotAccessDenied = 0,

    /// <summary>The text is empty or only whitespace: bad input, not a message at all.</summary>
    Empty,

    /// <summary>The text is longer than <see cref="AccessDeniedMessage.MaxInputLength"/> characters and was not read.</summary>
    TooLong,

    /// <summary>
    /// The text holds only an encoded authorization failure message (EC2 style) and no readable clause; decode it first
    /// (<see cref="AccessDeniedMessageFormatException.EncodedAuthorizationMessage"/>, <see cref="AccessDeniedMessage.DecodeCommand(string)"/>).
    /// </summary>
    EncodedMessageOnly,

    /// <summary>The text is JSON but not a decoded authorization message as <c>sts:DecodeAuthorizationMessage</c> returns it.</summary>
    InvalidDecodedMessage,
}
