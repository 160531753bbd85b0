using Amazon.Extensions.NETCore.Setup;

namespace GluePassRole.Diagnostics.Aws;

/// <summary>Options of the live AWS sources registered by <see cref="PassRoleDiagnosticsAwsServiceCollectionExtensions.AddPassRoleDiagnosticsAws"/>.</summary>
public sealed class PassRoleDiagnosticsAwsOptions
{
    /// <summary>
    /// The AWS SDK options (profile, region, credentials, endpoint overrides) used to build the clients.
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: an <see cref="AWSOptions"/> registered in the container is used when
    /// present, otherwise the SDK's default chain (environment, <c>AWS_PROFILE</c>, shared config files, container and
    /// instance credentials).
    /// </value>
    public AWSOptions? Aws { get; set; }

    /// <summary>How IAM is read.</summary>
    /// <value>The default value is <see cref="IamReadStrategy.Targeted"/>.</value>
    public IamReadStrategy IamReadStrategy { get; set; } = IamReadStrategy.Targeted;

    /// <summary>The most AWS calls one reader has in flight at once.</summary>
    /// <value>The default value is 8. Must be between 1 and 64.</value>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>
    /// Whether reading a user or role starts the reads the investigation will ask for next (its groups, their inline and
    /// attached policies and the managed policy versions) at once, so they overlap instead of running one after another.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ReadAhead { get; set; } = true;

    /// <summary>How long a read is reused. Within this time each user, group, role and managed policy version is fetched once.</summary>
    /// <value>The default value is 2 minutes. Must be positive.</value>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(2);
}
