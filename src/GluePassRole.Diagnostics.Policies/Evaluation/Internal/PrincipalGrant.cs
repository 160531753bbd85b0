namespace GluePassRole.Diagnostics.Policies.Evaluation.Internal;

/// <summary>
/// How a resource-based policy's Principal names the requester. The kind matters within one account: grants to the
/// user or session ARN (or to everyone) stand on their own, grants to a role ARN are still limited by the boundary and
/// session policy, and grants to the account only delegate to the account's own IAM policies (IAM User Guide, "Policy
/// evaluation logic": reference_policies_evaluation-logic.html, and "Cross-account policy evaluation logic").
/// </summary>
internal enum PrincipalGrant
{
    None = 0,
    Account = 1,
    Role = 2,
    Direct = 3,
}
