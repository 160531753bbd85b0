namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>Settings of the evaluator that follow AWS facts which change over time.</summary>
public sealed record PolicyEvaluatorOptions
{
    /// <summary>The options used when none are given.</summary>
    public static PolicyEvaluatorOptions Default { get; } = new();

    /// <summary>
    /// The service prefixes that resource control policies apply to. RCPs are ignored for any other service.
    /// </summary>
    /// <value>
    /// The default value is the services AWS listed when RCPs launched: <c>s3</c>, <c>sts</c>, <c>sqs</c>,
    /// <c>secretsmanager</c>, <c>kms</c> (AWS Organizations User Guide, "Resource control policies"). Neither <c>iam</c>
    /// nor <c>glue</c> is among them, so RCPs never decide <c>iam:PassRole</c>.
    /// </value>
    public IReadOnlySet<string> ResourceControlPolicyServices { get; init; } =
        new HashSet<string>(["s3", "sts", "sqs", "secretsmanager", "kms"], StringComparer.OrdinalIgnoreCase);
}
