using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation;

/// <summary>
/// The resource policies an investigation of another action does not read, and what that leaves open when a fix on the
/// principal is verified: a KMS key policy must allow (a fix cannot be verified without it); a bucket, secret or Data
/// Catalog policy can deny, which an implicit-deny error rules out for the call it reports.
/// </summary>
internal static class ResourcePolicies
{
    /// <summary>
    /// Why a fix on the principal is not verified by the principal's policies alone, or <see langword="null"/> when they
    /// decide. KMS: "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key"
    /// (AWS KMS Developer Guide, https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html). A policy that
    /// can only deny is ruled out by an implicit-deny error: had any policy denied the call explicitly, the decision (and
    /// the error) would be an explicit deny (IAM User Guide, "Policy evaluation logic").
    /// </summary>
    public static string? Unverified(string action, AccessDeniedMessage? error)
    {
        if (Service(action) == "kms")
        {
            return "the KMS key policy was not read, and IAM policies allow nothing on a key unless its key policy allows it too (the default key policy lets IAM policies grant access; a custom one must name the role or allow the account). "
                + "Read it with aws kms get-key-policy --key-id KEY --policy-name default.";
        }

        return CanDeny(action) is { } policy && error?.DenialKind != DenialKind.ImplicitDeny
            ? $"{policy} was not read, and the error does not say that no policy denied the call."
            : null;
    }

    /// <summary>
    /// For an action on a KMS key, whose key policy must allow and is not read here: the principal's policies with the key
    /// policy named as not read, and evaluated as the default key policy (it names the account, so IAM policies decide).
    /// The question the error's identity-based reason raises is then answered; every decision the key policy could change
    /// is qualified by the gap, and no fix is verified against it.
    /// </summary>
    public static EffectivePolicies WithUnreadKeyPolicy(EffectivePolicies policies, InvestigatedAction investigated)
    {
        if (investigated.Resource is not { } key || !key.StartsWith("arn:", StringComparison.Ordinal) || !key.Contains(":kms:", StringComparison.Ordinal)
            || !ArnText.Resource(key).StartsWith("key/", StringComparison.Ordinal) || ArnText.Account(key) is not { Length: > 0 } account)
        {
            return policies;
        }

        var partition = key.Split(':')[1];
        var standIn = PolicyDocument.Parse($$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"EnableIAMUserPermissions","Effect":"Allow","Principal":{"AWS":"arn:{{partition}}:iam::{{account}}:root"},"Action":"kms:*","Resource":"*"}]}
            """);
        var gap = new SourceGap(
            PolicyType.ResourceBased,
            $"the key policy of {key}",
            new SourceError("this investigation does not read key policies; it is evaluated as the default key policy, which lets IAM policies grant access.") { MissingPermission = "kms:GetKeyPolicy" });
        return policies with
        {
            Policies = policies.Policies with { ResourcePolicy = new SourcedPolicy(standIn, new PolicySource(PolicySourceKind.ResourcePolicy, "default key policy (stand-in: the key policy was not read)")) },
            Gaps = [.. policies.Gaps, gap],
        };
    }

    /// <summary>The sentence a verified fix adds about the resource policy it did not read, or empty.</summary>
    public static string ReadFromError(string action) => CanDeny(action) is { } policy
        ? $" {char.ToUpperInvariant(policy[0])}{policy[1..]} was not read: the error's implicit deny shows that no policy denied the call explicitly, {policy} included."
            + (Service(action) == "s3" ? " If the bucket belongs to another account, its bucket policy must also allow the role." : string.Empty)
        : string.Empty;

    private static string? CanDeny(string action) => Service(action) switch
    {
        "s3" => "the bucket policy",
        "secretsmanager" => "the secret's resource policy",
        "glue" when IsCatalogAction(action) => "the Data Catalog resource policy",
        _ => null,
    };

    // Glue resource policies control access to Data Catalog resources only (AWS Glue Developer Guide, "Resource-based policies").
    private static bool IsCatalogAction(string action)
    {
        var name = action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return name.Contains("Database", StringComparison.OrdinalIgnoreCase) || name.Contains("Table", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Partition", StringComparison.OrdinalIgnoreCase) || name.Contains("UserDefinedFunction", StringComparison.OrdinalIgnoreCase);
    }

    private static string Service(string action) =>
        action.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? action[..colon].ToLowerInvariant() : action.ToLowerInvariant();
}
