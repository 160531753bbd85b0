namespace GluePassRole.Diagnostics.Policies.Actions;

/// <summary>
/// Thrown by <see cref="ServiceAuthorizationReference"/> when its embedded data is missing or cannot be read. The
/// message names the resource and, for unreadable data, the byte offset (in the decompressed data) where reading failed.
/// </summary>
public sealed class ServiceAuthorizationReferenceException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong, without the location.</param>
    /// <param name="resourceName">The manifest resource name of the embedded data.</param>
    /// <param name="offset">The byte offset in the decompressed data where reading failed, when known.</param>
    /// <param name="innerException">The underlying error, when there is one.</param>
    public ServiceAuthorizationReferenceException(string problem, string resourceName, long? offset = null, Exception? innerException = null)
        : base(Compose(problem, resourceName, offset), innerException)
    {
        Problem = problem;
        ResourceName = resourceName;
        Offset = offset;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The manifest resource name of the embedded Service Authorization Reference data.</summary>
    public string ResourceName { get; }

    /// <summary>The byte offset in the decompressed data where reading failed, or <see langword="null"/> when not known.</summary>
    public long? Offset { get; }

    private static string Compose(string problem, string resourceName, long? offset) =>
        offset is long at
            ? $"The embedded Service Authorization Reference data '{resourceName}' cannot be read: {problem} (at byte {at})"
            : $"The embedded Service Authorization Reference data '{resourceName}' cannot be read: {problem}";
}
