namespace GluePassRole.Diagnostics.Sources;

/// <summary>The Identity Center reader of a source that reads no IAM Identity Center data: every answer is Unreadable with the reason.</summary>
internal sealed class NoIdentityCenterReader(string reason) : IIdentityCenterReader
{
    private readonly SourceError _error = new(reason);

    public ValueTask<SourceResult<IdentityCenterPermissionSet>> FindPermissionSetAsync(string permissionSetName, string? region = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permissionSetName);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(SourceResult.Unreadable<IdentityCenterPermissionSet>(_error));
    }

    /// <summary>The reader for a source that is not an <see cref="IIdentityCenterReader"/>.</summary>
    public static IIdentityCenterReader For(object source) =>
        source as IIdentityCenterReader ?? new NoIdentityCenterReader($"the account source ({source.GetType().Name}) reads no IAM Identity Center data");
}
