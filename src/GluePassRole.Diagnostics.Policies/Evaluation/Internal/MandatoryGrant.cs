namespace GluePassRole.Diagnostics.Policies.Evaluation.Internal;

/// <summary>
/// A resource-based policy that must allow a request on its own. "IAM role trust policies and KMS key policies are
/// exceptions to this logic, because they must explicitly allow access for principals" (IAM User Guide, "Policy evaluation
/// logic", reference_policies_evaluation-logic.html); for KMS: "Without permission from the key policy, IAM policies that
/// allow permissions have no effect" (AWS KMS Developer Guide, key-policies.html).
/// </summary>
internal enum MandatoryGrant
{
    /// <summary>The general rules apply: an identity-based allow is enough within one account.</summary>
    None,

    /// <summary>An STS action on a role (AssumeRole*, TagSession, SetSourceIdentity): the role's trust policy must allow it.</summary>
    TrustPolicy,

    /// <summary>A KMS action on a key: the key policy must allow it (itself, or by naming the account to enable IAM policies).</summary>
    KeyPolicy,
}
