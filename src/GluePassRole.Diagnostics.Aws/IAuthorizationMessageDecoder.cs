using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Aws;

/// <summary>
/// Decodes an encoded authorization failure message (the blob some AWS services return instead of the AccessDenied
/// text) through <c>sts:DecodeAuthorizationMessage</c>. Read-only; registered by
/// <see cref="PassRoleDiagnosticsAwsServiceCollectionExtensions.AddPassRoleDiagnosticsAws"/>.
/// </summary>
public interface IAuthorizationMessageDecoder
{
    /// <summary>Decodes <paramref name="encodedMessage"/>.</summary>
    /// <param name="encodedMessage">The encoded message as the service returned it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The decoded message, the JSON document that <c>AccessDeniedMessage.Parse</c> reads; or, when the call fails, why,
    /// naming the call (a denied call names <c>sts:DecodeAuthorizationMessage</c> in <see cref="SourceError.MissingPermission"/>).
    /// </returns>
    ValueTask<SourceResult<string>> DecodeAsync(string encodedMessage, CancellationToken cancellationToken = default);
}
