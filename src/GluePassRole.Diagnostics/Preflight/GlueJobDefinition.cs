namespace GluePassRole.Diagnostics.Preflight;

/// <summary>
/// What a Glue job definition says it will do at run time, as far as preflight needs it: the role it runs as, its script,
/// its arguments (<c>DefaultArguments</c> and <c>NonOverridableArguments</c>), its connections and its security
/// configuration (Glue API, <c>Job</c> structure: https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-jobs-job.html).
/// </summary>
/// <param name="Name">The job's name.</param>
/// <param name="Role">The role exactly as Glue stores it: a bare role name or a role ARN.</param>
public sealed record GlueJobDefinition(string Name, string Role)
{
    /// <summary>The S3 URI of the script (<c>Command.ScriptLocation</c>), when set.</summary>
    public string? ScriptLocation { get; init; }

    /// <summary>The job's arguments: <c>DefaultArguments</c>, overridden by <c>NonOverridableArguments</c>.</summary>
    public IReadOnlyDictionary<string, string> Arguments { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The names of the job's connections (<c>Connections.Connections</c>).</summary>
    public IReadOnlyList<string> Connections { get; init; } = [];

    /// <summary>The name of the job's security configuration, when set.</summary>
    public string? SecurityConfiguration { get; init; }

    /// <summary>Whether the job already exists (read from an account) rather than being defined by a template that would create it.</summary>
    public bool Exists { get; init; } = true;

    /// <summary>Where the definition was read (a file, a template resource), for messages and SARIF locations.</summary>
    public string? Location { get; init; }

    /// <summary>The value of a job argument, or <see langword="null"/> when it is not set or empty.</summary>
    /// <param name="name">The argument, e.g. <c>--TempDir</c>.</param>
    /// <returns>The value.</returns>
    public string? Argument(string name) => Arguments.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}

/// <summary>A Glue security configuration's encryption settings (<c>aws glue get-security-configuration</c>).</summary>
/// <param name="Name">The configuration's name.</param>
public sealed record GlueSecurityConfiguration(string Name)
{
    /// <summary>The S3 encryption mode (<c>SSE-KMS</c>, <c>SSE-S3</c>, <c>DISABLED</c>), when set.</summary>
    public string? S3EncryptionMode { get; init; }

    /// <summary>The KMS key of S3 encryption (SSE-KMS), when set.</summary>
    public string? S3KmsKeyArn { get; init; }

    /// <summary>The CloudWatch Logs encryption mode (<c>SSE-KMS</c>, <c>DISABLED</c>), when set.</summary>
    public string? CloudWatchEncryptionMode { get; init; }

    /// <summary>The KMS key of CloudWatch Logs encryption, when set.</summary>
    public string? CloudWatchKmsKeyArn { get; init; }

    /// <summary>The job bookmarks encryption mode (<c>CSE-KMS</c>, <c>DISABLED</c>), when set.</summary>
    public string? JobBookmarksEncryptionMode { get; init; }

    /// <summary>The KMS key of job bookmarks encryption, when set.</summary>
    public string? JobBookmarksKmsKeyArn { get; init; }
}

/// <summary>A Glue connection, as far as the job's role needs it (<c>aws glue get-connection</c>).</summary>
/// <param name="Name">The connection's name.</param>
public sealed record GlueConnection(string Name)
{
    /// <summary>The connection type, e.g. <c>JDBC</c> or <c>NETWORK</c>.</summary>
    public string? ConnectionType { get; init; }

    /// <summary>The Secrets Manager secret holding its credentials (<c>ConnectionProperties.SECRET_ID</c> or <c>AuthenticationConfiguration.SecretArn</c>), when set.</summary>
    public string? SecretId { get; init; }

    /// <summary>The subnet of its VPC (<c>PhysicalConnectionRequirements.SubnetId</c>), when it runs in a VPC.</summary>
    public string? SubnetId { get; init; }
}

/// <summary>A resource-based policy read for a resource (a bucket policy, a key policy).</summary>
/// <param name="Document">The policy, or <see langword="null"/> when the resource has none (<c>NoSuchBucketPolicy</c>).</param>
public sealed record ResourcePolicy(Policies.PolicyDocument? Document)
{
    /// <summary>Where it was read, e.g. the snapshot file.</summary>
    public string? Location { get; init; }

    /// <summary>The account that owns the resource, when the source knows it.</summary>
    public string? OwnerAccount { get; init; }
}
