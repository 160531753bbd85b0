using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Preflight;

/// <summary>
/// Reads what a Glue job's run depends on beyond IAM: the job definition itself, its security configuration and
/// connections, and the resource policies of the buckets and keys it uses. Read-only. A resource policy that was not
/// read is <see cref="SourceResultStatus.NotFound"/> or <see cref="SourceResultStatus.Unreadable"/>, never an empty policy.
/// </summary>
public interface IGlueJobResourceReader
{
    /// <summary>Gets the job's definition (<c>glue:GetJob</c>).</summary>
    /// <param name="name">The job's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The definition, or why not.</returns>
    ValueTask<SourceResult<GlueJobDefinition>> GetJobDefinitionAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a security configuration (<c>glue:GetSecurityConfiguration</c>).</summary>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The configuration, or why not.</returns>
    ValueTask<SourceResult<GlueSecurityConfiguration>> GetSecurityConfigurationAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a connection (<c>glue:GetConnection</c>).</summary>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The connection, or why not.</returns>
    ValueTask<SourceResult<GlueConnection>> GetConnectionAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a bucket's policy (<c>s3:GetBucketPolicy</c>); a bucket without one is found with no document.</summary>
    /// <param name="bucket">The bucket's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The policy, or why it was not read.</returns>
    ValueTask<SourceResult<ResourcePolicy>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>Gets a KMS key's key policy (<c>kms:GetKeyPolicy</c>, policy name <c>default</c>).</summary>
    /// <param name="keyArn">The key's ARN (or ID).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The policy, or why it was not read.</returns>
    ValueTask<SourceResult<ResourcePolicy>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default);
}

/// <summary>No source of job resources: every read says so (the resource policies are then named as unread).</summary>
internal sealed class NoGlueJobResources : IGlueJobResourceReader
{
    private const string Why = "no source of Glue job resources is configured";

    public ValueTask<SourceResult<GlueJobDefinition>> GetJobDefinitionAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SourceResult.Unreadable<GlueJobDefinition>(new SourceError($"The definition of job {name} was not read: {Why}.")));

    public ValueTask<SourceResult<GlueSecurityConfiguration>> GetSecurityConfigurationAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SourceResult.Unreadable<GlueSecurityConfiguration>(new SourceError($"Security configuration {name} was not read: {Why}.")));

    public ValueTask<SourceResult<GlueConnection>> GetConnectionAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SourceResult.Unreadable<GlueConnection>(new SourceError($"Connection {name} was not read: {Why}.")));

    public ValueTask<SourceResult<ResourcePolicy>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SourceResult.Unreadable<ResourcePolicy>(new SourceError($"The bucket policy of {bucket} was not read: {Why}.")));

    public ValueTask<SourceResult<ResourcePolicy>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SourceResult.Unreadable<ResourcePolicy>(new SourceError($"The key policy of {keyArn} was not read: {Why}.")));
}
