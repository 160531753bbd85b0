namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>One high-impact permission, asked as a concrete request on a resource nobody named (so only broad grants hold it).</summary>
/// <param name="Label">What the reader sees, e.g. <c>iam:CreateAccessKey</c> or <c>s3:GetObject on all buckets</c>.</param>
/// <param name="Action">The action decided.</param>
/// <param name="Resource">The resource, with <c>{partition}</c> and <c>{account}</c> placeholders.</param>
/// <param name="PassedToService">For <c>iam:PassRole</c>: the service the role is passed to.</param>
/// <param name="UnderDefaultKeyPolicy">
/// For KMS: decide under the default key policy, which lets IAM policies grant access to the key ("Default key policy",
/// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html); a key policy must allow on its own.
/// </param>
internal sealed record HighImpactProbe(string Label, string Action, string Resource, string? PassedToService = null, bool UnderDefaultKeyPolicy = false);

/// <summary>
/// The documented high-impact set the escalation check compares (issue 12): <c>*:*</c>, <c>iam:*</c> writes,
/// <c>sts:AssumeRole</c> on other roles, <c>iam:PassRole</c> onward, <c>s3:*</c> on all buckets, <c>kms:Decrypt</c> on all
/// keys, <c>secretsmanager:GetSecretValue</c> on all secrets, <c>organizations:*</c>. Each probe names a resource no
/// policy is written for, so a grant scoped to named resources does not count; an invented action stands for "every action".
/// </summary>
internal static class HighImpactProbes
{
    private const string Role = "arn:{partition}:iam::{account}:role/glue-passrole-audit/probe-role";
    private const string User = "arn:{partition}:iam::{account}:user/glue-passrole-audit/probe-user";

    public static readonly HighImpactProbe[] All =
    [
        new("*:*", "glue-passrole-audit:AnyAction", "*"),
        new("iam:CreateUser", "iam:CreateUser", User),
        new("iam:CreateAccessKey", "iam:CreateAccessKey", User),
        new("iam:AttachUserPolicy", "iam:AttachUserPolicy", User),
        new("iam:PutRolePolicy", "iam:PutRolePolicy", Role),
        new("iam:AttachRolePolicy", "iam:AttachRolePolicy", Role),
        new("iam:UpdateAssumeRolePolicy", "iam:UpdateAssumeRolePolicy", Role),
        new("iam:CreatePolicyVersion", "iam:CreatePolicyVersion", "arn:{partition}:iam::{account}:policy/glue-passrole-audit/probe-policy"),
        new("iam:AddUserToGroup", "iam:AddUserToGroup", "arn:{partition}:iam::{account}:group/glue-passrole-audit/probe-group"),
        new("sts:AssumeRole on other roles", "sts:AssumeRole", Role),
        new("iam:PassRole onward (to Glue)", "iam:PassRole", Role, "glue.amazonaws.com"),
        new("iam:PassRole onward (to EC2)", "iam:PassRole", Role, "ec2.amazonaws.com"),
        new("s3:GetObject on all buckets", "s3:GetObject", "arn:{partition}:s3:::glue-passrole-audit-probe-bucket/probe"),
        new("s3:PutObject on all buckets", "s3:PutObject", "arn:{partition}:s3:::glue-passrole-audit-probe-bucket/probe"),
        new("kms:Decrypt on all keys", "kms:Decrypt", "arn:{partition}:kms:us-east-1:{account}:key/00000000-0000-4000-8000-000000000000", UnderDefaultKeyPolicy: true),
        new("secretsmanager:GetSecretValue on all secrets", "secretsmanager:GetSecretValue", "arn:{partition}:secretsmanager:us-east-1:{account}:secret:glue-passrole-audit-probe-AbCdEf"),
        new("organizations:*", "organizations:LeaveOrganization", "*"),
    ];
}
