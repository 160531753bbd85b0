namespace GluePassRole.Diagnostics.Sources;

/// <summary>An IAM Identity Center permission set and the instance that holds it: what <c>aws sso-admin</c> commands take as <c>--instance-arn</c> and <c>--permission-set-arn</c>.</summary>
/// <param name="Name">The permission set's name, e.g. <c>DataEngineer</c>.</param>
/// <param name="InstanceArn">The instance ARN, e.g. <c>arn:aws:sso:::instance/ssoins-1111111111111111</c>.</param>
/// <param name="PermissionSetArn">The permission set ARN, e.g. <c>arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-2222222222222222</c>.</param>
public sealed record IdentityCenterPermissionSet(string Name, string InstanceArn, string PermissionSetArn);
