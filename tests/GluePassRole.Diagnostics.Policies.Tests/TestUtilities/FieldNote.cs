using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Tests.TestUtilities;

/// <summary>The field note's incident: a user in GlueAccess (AWSGlueConsoleFullAccess) and developers (force-MFA + a custom policy).</summary>
internal static class FieldNote
{
    public const string Account = "123456789012";
    public const string User = "arn:aws:iam::123456789012:user/dana";
    public const string RuntimeRole = "arn:aws:iam::123456789012:role/etl-runtime";

    public const string DevelopersPolicy = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"ReadTheLake","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::data-lake","arn:aws:s3:::data-lake/*"]},
          {"Sid":"Logs","Effect":"Allow","Action":"logs:*","Resource":"*"}
        ]}
        """;

    public const string Fix = """
        {"Version":"2012-10-17","Statement":[{"Sid":"AllowPassGlueRuntimeRoleToGlue","Effect":"Allow","Action":"iam:PassRole",
          "Resource":"arn:aws:iam::123456789012:role/etl-runtime","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}]}
        """;

    public static SourcedPolicy GlueConsole => new(
        TestData.ManagedPolicy("AWSGlueConsoleFullAccess"),
        new PolicySource(PolicySourceKind.GroupManaged, "AWSGlueConsoleFullAccess") { Arn = "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess", AttachedTo = "GlueAccess" });

    public static SourcedPolicy ForceMfa => new(
        PolicyDocument.Parse(TestData.ForceMfaJson),
        new PolicySource(PolicySourceKind.GroupManaged, "Force_MFA") { Arn = "arn:aws:iam::123456789012:policy/Force_MFA", AttachedTo = "developers" });

    public static SourcedPolicy Developers => new(
        PolicyDocument.Parse(DevelopersPolicy),
        new PolicySource(PolicySourceKind.GroupInline, "developer-access") { AttachedTo = "developers" });

    public static SourcedPolicy FixPolicy => new(
        PolicyDocument.Parse(Fix),
        new PolicySource(PolicySourceKind.GroupInline, "AllowPassGlueRuntimeRoleToGlue") { AttachedTo = "GlueAccess" });

    public static PolicySet Policies => new() { IdentityPolicies = [GlueConsole, ForceMfa, Developers] };

    public static PolicySet PoliciesWithFix => Policies with { IdentityPolicies = [.. Policies.IdentityPolicies, FixPolicy] };

    public static AuthorizationRequest PassRole(string? mfa, string role = RuntimeRole, string service = "glue.amazonaws.com")
    {
        var request = AuthorizationRequest.PassRole(User, role, service);
        return mfa is null ? request : request with { Context = request.Context.With("aws:MultiFactorAuthPresent", mfa) };
    }
}
