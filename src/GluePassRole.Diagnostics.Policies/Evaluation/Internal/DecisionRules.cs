namespace GluePassRole.Diagnostics.Policies.Evaluation.Internal;

/// <summary>
/// How allows from the layers combine once no explicit deny applied and every SCP/RCP level allowed — one place, used by
/// both the fast path and the explained path. IAM User Guide: "Policy evaluation logic"
/// (reference_policies_evaluation-logic.html), "Cross-account policy evaluation logic"
/// (reference_policies_evaluation-logic-cross-account.html), "Permissions boundaries" and "Session policies".
/// </summary>
internal static class DecisionRules
{
    /// <summary>Returns the layer that lacks an allow, or <see langword="null"/> when the request is allowed.</summary>
    public static PolicyType? LayerLackingAllow(in DecisionFacts facts)
    {
        if (facts.ServicePrincipal)
        {
            // A service principal has no identity policies; only the resource policy (e.g. a trust policy) can grant.
            return facts.ResourceGrant != PrincipalGrant.None ? null : PolicyType.ResourceBased;
        }

        if (facts.Mandatory != MandatoryGrant.None && facts.ResourceGrant == PrincipalGrant.None)
        {
            // A role's trust policy and a KMS key policy must allow on their own: an identity-based allow without one is
            // an implicit deny, in the same account too (reference_policies_evaluation-logic.html; KMS key-policies.html).
            return PolicyType.ResourceBased;
        }

        if (facts.CrossAccount)
        {
            // Both accounts must allow: the principal's identity policies (within its boundary and session policy) and the
            // resource policy, which must name the principal or its account.
            return !facts.IdentityAllows ? PolicyType.IdentityBased
                : !facts.BoundaryAllows ? PolicyType.PermissionsBoundary
                : !facts.SessionAllows ? PolicyType.SessionPolicy
                : facts.ResourceGrant == PrincipalGrant.None ? PolicyType.ResourceBased
                : null;
        }

        if (facts.RootUser)
        {
            return null; // the account's root user needs no identity policy in its own account
        }

        switch (facts.ResourceGrant)
        {
            case PrincipalGrant.Direct:
                // Grants to the user ARN or the session ARN are not limited by an implicit deny elsewhere.
                return null;
            case PrincipalGrant.Role:
                // Grants to the role ARN are limited by an implicit deny in the boundary or the session policy.
                if (facts.BoundaryAllows && facts.SessionAllows)
                {
                    return null;
                }

                break;
        }

        return !facts.IdentityAllows ? PolicyType.IdentityBased
            : !facts.BoundaryAllows ? PolicyType.PermissionsBoundary
            : !facts.SessionAllows ? PolicyType.SessionPolicy
            : null;
    }
}

/// <summary>What each layer said about one request, for <see cref="DecisionRules"/>.</summary>
/// <remarks>
/// <see cref="SessionAllows"/> is false for a federated-user session (GetFederationToken) without a session policy: such
/// a session has no permissions of its own (STS API reference, GetFederationToken, <c>Policy</c>).
/// </remarks>
internal readonly record struct DecisionFacts(
    MandatoryGrant Mandatory,
    bool ServicePrincipal,
    bool RootUser,
    bool CrossAccount,
    PrincipalGrant ResourceGrant,
    bool IdentityAllows,
    bool BoundaryAllows,
    bool SessionAllows);
