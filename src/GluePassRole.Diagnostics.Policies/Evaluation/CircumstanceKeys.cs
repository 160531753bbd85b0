namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>
/// The global condition keys whose values depend on how and where the caller made the call — its network, its
/// sign-in, its client — and that no account data records (IAM User Guide, "AWS global condition context keys",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html). A request builder that
/// reads the account cannot know them, so a verdict is computed for each class of their values instead.
/// </summary>
public static class CircumstanceKeys
{
    /// <summary>The keys that are circumstances of every request (keys are case-insensitive).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "aws:SourceIp",
        "aws:VpcSourceIp",
        "aws:SourceVpc",
        "aws:SourceVpcArn",
        "aws:SourceVpce",
        "aws:Ec2InstanceSourceVpc",
        "aws:Ec2InstanceSourcePrivateIPv4",
        ContextVariants.MultiFactorAuthPresentKey,
        "aws:MultiFactorAuthAge",
        "aws:TokenIssueTime",
        "aws:ViaAWSService",
        "aws:CalledVia",
        "aws:CalledViaFirst",
        "aws:CalledViaLast",
        "aws:SourceIdentity",
        "aws:UserAgent",
        "aws:Referer",
        "aws:FederatedProvider",
    ];

    private static readonly HashSet<string> Keys = new(All, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="key"/> is one of <see cref="All"/>.</summary>
    /// <param name="key">A condition key.</param>
    /// <returns><see langword="true"/> for a circumstance key.</returns>
    public static bool IsCircumstance(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Keys.Contains(key);
    }
}
