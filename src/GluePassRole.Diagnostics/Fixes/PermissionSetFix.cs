using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Fixes;

/// <summary>
/// The fix for an IAM Identity Center role (<c>AWSReservedSSO_&lt;PermissionSetName&gt;_&lt;hash&gt;</c>): Identity Center
/// owns the role and rewrites it whenever the permission set is provisioned, so the statement goes in the permission
/// set's inline policy, which is then provisioned to the account.
/// </summary>
internal static class PermissionSetFix
{
    /// <summary>The name Identity Center gives a permission set's inline policy on the roles it provisions.</summary>
    public const string InlinePolicyName = "AwsSSOInlinePolicy";

    private const string RolePrefix = "AWSReservedSSO_";
    private const string PathPrefix = "/aws-reserved/sso.amazonaws.com/";

    /// <summary>The permission set's name, from the role name <c>AWSReservedSSO_&lt;name&gt;_&lt;hash&gt;</c> (the name may hold underscores).</summary>
    public static string? PermissionSetName(string roleName)
    {
        if (!roleName.StartsWith(RolePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = roleName[RolePrefix.Length..];
        var hash = rest.LastIndexOf('_');
        return hash > 0 ? rest[..hash] : null;
    }

    /// <summary>The Identity Center Region from the role's path <c>/aws-reserved/sso.amazonaws.com/&lt;region&gt;/</c>, when it has one.</summary>
    public static string? Region(string? roleArn)
    {
        var at = roleArn?.IndexOf(PathPrefix, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var rest = roleArn![(at + PathPrefix.Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? rest[..slash] : null;
    }

    /// <summary>
    /// The permission set fix: its inline policy as provisioned on the role plus <paramref name="statement"/>, written
    /// with <c>put-inline-policy-to-permission-set</c> and provisioned to the principal's account. The instance and
    /// permission set ARNs are <paramref name="permissionSet"/>'s when found; otherwise placeholders naming the reads that
    /// find them, and the rationale says why (<paramref name="readingAccount"/>: the account whose credentials read).
    /// </summary>
    public static ProposedFix Create(EffectivePolicies policies, PolicyStatement statement, SourceResult<IdentityCenterPermissionSet> permissionSet, string? readingAccount)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        var principal = policies.Principal;
        var name = PermissionSetName(principal.Name) ?? principal.Name;
        var current = policies.Policies.IdentityPolicies.FirstOrDefault(p =>
            p.Source.Kind == PolicySourceKind.RoleInline && string.Equals(p.Source.Name, InlinePolicyName, StringComparison.Ordinal));
        var document = current is null
            ? new PolicyDocument { Version = PolicyDocument.Version2012, Statements = [statement] }
            : FixPlanning.WithStatement(current.Document, statement);

        var found = permissionSet.Value;
        var instance = found?.InstanceArn ?? "<sso-instance-arn: aws sso-admin list-instances>";
        var permissionSetArn = found?.PermissionSetArn ?? $"<permission-set-arn of {name}: aws sso-admin list-permission-sets, then describe-permission-set>";
        var region = Region(principal.IamArn);
        var regionOption = region is null ? string.Empty : $" --region {region}";
        var command =
            $"aws sso-admin put-inline-policy-to-permission-set{regionOption} --instance-arn {instance} --permission-set-arn {permissionSetArn} --inline-policy {FixPlanning.Quote(document)}"
            + $" && aws sso-admin provision-permission-set{regionOption} --instance-arn {instance} --permission-set-arn {permissionSetArn} --target-type AWS_ACCOUNT --target-id {principal.AccountId}";

        var merged = current is null
            ? $"The role has no {InlinePolicyName}, so the permission set had no inline policy when it was last provisioned: the document is the statement alone."
            : $"put-inline-policy-to-permission-set replaces the permission set's whole inline policy, so the document is its inline policy as provisioned on this role ({InlinePolicyName}) plus the statement.";
        var rationale =
            $"{principal.Name} is an IAM Identity Center role for permission set {name}: Identity Center owns it and rewrites it at every provisioning, so a direct change to the role (aws iam put-role-policy) would be lost. "
            + $"The statement goes in the permission set's inline policy, then the permission set is provisioned to account {principal.AccountId}. {merged} "
            + "Compare it with the current one first (aws sso-admin get-inline-policy-for-permission-set), in case the permission set changed since. "
            + $"Run the commands in the organization's management account or the Identity Center delegated administrator account{(region is null ? string.Empty : $", Region {region}")}. "
            + Arns(name, permissionSet, readingAccount);
        return new ProposedFix(new FixTarget(FixTargetType.PermissionSet, name) { Arn = found?.PermissionSetArn }, InlinePolicyName, document, command) { Rationale = rationale };
    }

    /// <summary>Where the ARNs in the commands come from, or why they are placeholders.</summary>
    private static string Arns(string name, SourceResult<IdentityCenterPermissionSet> permissionSet, string? readingAccount)
    {
        const string Find = "aws sso-admin list-instances gives the instance ARN; aws sso-admin list-permission-sets --instance-arn INSTANCE lists the permission set ARNs, and describe-permission-set names each";
        if (permissionSet.TryGetValue(out var found))
        {
            return $"Permission set {name} is {found.PermissionSetArn} in instance {found.InstanceArn}.";
        }

        if (permissionSet.Status == SourceResultStatus.NotFound)
        {
            return $"No {permissionSet.NotFoundSubject} was found, so the instance and permission set ARNs are placeholders: the role may come from another Identity Center instance (another Region or organization). {Find} (find {name}).";
        }

        var error = permissionSet.Error!;
        var denied = error.MissingPermission is null
            ? string.Empty
            : $" {error.MissingPermission} is needed{(readingAccount is null ? string.Empty : $" in account {readingAccount}")}, where the investigation reads; Identity Center answers in the management or delegated administrator account.";
        var message = error.Message.TrimEnd();
        return $"The instance and permission set ARNs are placeholders. {message}{(message.EndsWith('.') ? string.Empty : ".")}{denied} {Find} (find {name}).";
    }
}
