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

    /// <summary>
    /// The most one AWS call may take, the SDK's retries and their back-off included. A call that runs out of time is
    /// answered as unreadable naming the call (for example <c>iam:GetRole timed out after 10 s</c>), never as an
    /// exception. It also opens its endpoint's circuit: the other calls to that endpoint (<c>host:port</c>) fail at once
    /// with the same reason, those in flight included, so an endpoint that accepts connections and never answers costs
    /// this long once, not once per call. A connection that cannot be made (refused, no route) opens it too; an answered
    /// error does not. The circuits belong to the container and stay open for 15 seconds at most.
    /// </summary>
    /// <value>
    /// The default value is 10 seconds. Must be positive, or <see cref="Timeout.InfiniteTimeSpan"/> to wait as long as the
    /// SDK does.
    /// </value>
    /// <remarks>
    /// The time starts when the call is sent (after waiting for one of the <see cref="MaxConcurrentRequests"/> slots).
    /// Reads that need several calls one after another (a managed policy: <c>GetPolicy</c>, then
    /// <c>GetPolicyVersion</c>) can take up to that many times this value; bound a whole investigation with the
    /// cancellation token passed to it. Cancellation by the caller is not a timeout: it propagates as
    /// <see cref="OperationCanceledException"/>.
    /// </remarks>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
