namespace GluePassRole.Diagnostics.Aws;

/// <summary>How the live IAM reader reads the account.</summary>
public enum IamReadStrategy
{
    /// <summary>
    /// Targeted calls for exactly the principal and role under investigation (<c>iam:GetUser</c>,
    /// <c>iam:ListGroupsForUser</c>, <c>iam:List*Policies</c>, <c>iam:GetPolicy</c>, <c>iam:GetPolicyVersion</c>, ...),
    /// issued concurrently. Needs only the read permissions of those calls; the cheapest for large accounts.
    /// </summary>
    Targeted,

    /// <summary>
    /// One paginated <c>iam:GetAccountAuthorizationDetails</c> call that reads every user, group, role and managed policy
    /// at once, then answers from memory. Falls back to <see cref="Targeted"/> when the call is denied.
    /// </summary>
    AccountAuthorizationDetails,
}
