namespace GluePassRole.Diagnostics.AccessDenied.Internal;

/// <summary>Why a parse failed, as <see cref="AccessDeniedMessageFormatException"/> will report it.</summary>
internal sealed record ParseFailure(AccessDeniedMessageFormatError Error, string Message, string? EncodedAuthorizationMessage = null)
{
    public AccessDeniedMessageFormatException ToException() => new(Message, Error, EncodedAuthorizationMessage);
}
