namespace GluePassRole.Diagnostics.Sources;

/// <summary>Says which account and principal a source reads as (<c>sts:GetCallerIdentity</c>).</summary>
public interface IAccountIdentitySource
{
    /// <summary>Gets the caller identity.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The identity, or why it is unknown.</returns>
    ValueTask<SourceResult<CallerIdentity>> GetCallerIdentityAsync(CancellationToken cancellationToken = default);
}
