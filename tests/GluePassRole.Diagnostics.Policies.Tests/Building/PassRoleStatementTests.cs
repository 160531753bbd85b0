using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Policies.Tests.Building;

/// <summary>
/// <see cref="LeastPrivilegeStatementBuilder.PassRole"/>: the field note's fix, its refusals, and evaluation proof.
/// PassRole: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
/// iam:PassedToService: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService
/// Role ARN shape: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
/// Access Analyzer "PassRole With Star In Resource":
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
/// Policy name pattern [\w+=,.@-]{1,128}: https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutGroupPolicy.html
/// </summary>
public class PassRoleStatementTests
{
    private const string Role = FieldNote.RuntimeRole;

    [Fact]
    public void PassRole_FieldNoteRoleAndSid_EqualsTheFieldNoteFixExactly()
    {
        var built = LeastPrivilegeStatementBuilder.PassRole(Role, sid: "AllowPassGlueRuntimeRoleToGlue").ToJson();

        Assert.Equal(PolicyDocument.Parse(FieldNote.Fix).ToJson(), built);
    }

    [Fact]
    public void PassRole_FieldNotePlaceholderRole_DefaultSidIsTheFieldNoteSid()
    {
        // The field note named its role <glue-runtime-role> and its Sid and policy AllowPassGlueRuntimeRoleToGlue.
        const string RoleArn = "arn:aws:iam::123456789012:role/glue-runtime-role";

        Assert.Equal("AllowPassGlueRuntimeRoleToGlue", LeastPrivilegeStatementBuilder.PassRole(RoleArn).Build().Sid);
        Assert.Equal("AllowPassGlueRuntimeRoleToGlue", LeastPrivilegeStatementBuilder.PassRolePolicyName(RoleArn));
    }

    [Fact]
    public void PassRole_Default_IsTheExactLeastPrivilegeStatement()
    {
        Assert.Equal(
            """{"Version":"2012-10-17","Statement":[{"Sid":"AllowPassEtlRuntimeToGlue","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/etl-runtime","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}]}""",
            LeastPrivilegeStatementBuilder.PassRole(Role).ToJson(indented: false));
    }

    [Fact]
    public void PassRole_Json_RoundTripsCanonically()
    {
        var json = LeastPrivilegeStatementBuilder.PassRole("arn:aws-cn:iam::123456789012:role/service-role/etl-runtime", "glue.amazonaws.com.cn").ToJson();

        Assert.Equal(json, PolicyDocument.Parse(json).ToJson());
    }

    [Fact]
    public void PassRole_ExtraCondition_CanBeAdded()
    {
        var statement = LeastPrivilegeStatementBuilder.PassRole(Role)
            .Condition("ArnLike", "iam:AssociatedResourceArn", "arn:aws:glue:ap-northeast-1:123456789012:job/*")
            .Build();

        Assert.Equal(2, statement.Conditions.Count);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime", "glue.amazonaws.com", "AllowPassEtlRuntimeToGlue")]
    [InlineData("arn:aws:iam::123456789012:role/service-role/etl-runtime", "glue.amazonaws.com", "AllowPassEtlRuntimeToGlue")]
    [InlineData("arn:aws:iam::123456789012:role/ETL_v2.job@team+x=y,z", "glue.amazonaws.com", "AllowPassETLV2JobTeamXYZToGlue")]
    [InlineData("arn:aws:iam::123456789012:role/AWSGlueServiceRole-etl", "glue.amazonaws.com", "AllowPassAWSGlueServiceRoleEtlToGlue")]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime", "ec2.amazonaws.com", "AllowPassEtlRuntimeToEc2")]
    [InlineData("arn:aws:iam::123456789012:role/step", "states.amazonaws.com", "AllowPassStepToStates")]
    [InlineData("arn:aws:iam::123456789012:role/ml", "sagemaker.amazonaws.com.cn", "AllowPassMlToSagemaker")]
    [InlineData("arn:aws:iam::123456789012:role/---", "glue.amazonaws.com", "AllowPassRoleToGlue")]
    public void PassRoleSid_Derived_IsDeterministicAndAlphanumeric(string roleArn, string service, string expected)
    {
        var sid = LeastPrivilegeStatementBuilder.PassRoleSid(roleArn, service);

        Assert.Equal(expected, sid);
        Assert.All(sid, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.Equal(sid, LeastPrivilegeStatementBuilder.PassRole(roleArn, service).Build().Sid);
    }

    [Fact]
    public void PassRolePolicyName_LongNames_CutTo128ValidCharacters()
    {
        var roleArn = "arn:aws:iam::123456789012:role/" + new string('r', 64);
        var service = string.Join(".", Enumerable.Repeat("verylongservicename", 5)) + ".amazonaws.com";

        var name = LeastPrivilegeStatementBuilder.PassRolePolicyName(roleArn, service);

        Assert.Equal(128, name.Length);
        Assert.Matches(@"^[\w+=,.@-]{1,128}$", name);
        Assert.StartsWith("AllowPassRrrr", name, StringComparison.Ordinal);
        Assert.Equal(name, LeastPrivilegeStatementBuilder.PassRolePolicyName(roleArn, service));
    }

    [Theory]
    [InlineData("*", "Resource '*' would let the caller pass every role in the account, including administrator roles; name the exact role ARN instead")]
    [InlineData("arn:aws:iam::123456789012:role/*", "Role ARN 'arn:aws:iam::123456789012:role/*' contains a wildcard (* or ?); a least-privilege PassRole statement names exactly one role.")]
    [InlineData("arn:aws:iam::*:role/etl-runtime", "Role ARN 'arn:aws:iam::*:role/etl-runtime' contains a wildcard (* or ?); a least-privilege PassRole statement names exactly one role.")]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtim?", "Role ARN 'arn:aws:iam::123456789012:role/etl-runtim?' contains a wildcard (* or ?); a least-privilege PassRole statement names exactly one role.")]
    [InlineData("arn:aws:iam::123456789012:role/AWSGlueServiceRole*", "Role ARN 'arn:aws:iam::123456789012:role/AWSGlueServiceRole*' contains a wildcard (* or ?)")]
    public void PassRole_Wildcards_Refused(string roleArn, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastPrivilegeStatementBuilder.PassRole(roleArn));

        Assert.Equal("roleArn", ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/dana", "'arn:aws:iam::123456789012:user/dana' is not an IAM role ARN; expected 'arn:<partition>:iam::<12-digit account>:role/<path/>name'.")]
    [InlineData("arn:aws:iam::123456789012:policy/AllowPass", "'arn:aws:iam::123456789012:policy/AllowPass' is not an IAM role ARN")]
    [InlineData("arn:aws:sts::123456789012:assumed-role/etl-runtime/session", "'arn:aws:sts::123456789012:assumed-role/etl-runtime/session' is not an IAM role ARN")]
    [InlineData("arn:aws:iam:us-east-1:123456789012:role/etl-runtime", "'arn:aws:iam:us-east-1:123456789012:role/etl-runtime' is not an IAM role ARN")]
    [InlineData("etl-runtime", "'etl-runtime' is not an IAM role ARN")]
    [InlineData("arn:aws:iam::12345678901:role/etl-runtime", "Role ARN 'arn:aws:iam::12345678901:role/etl-runtime' has account '12345678901'; expected a 12-digit AWS account ID.")]
    [InlineData("arn:aws:iam::aws:role/etl-runtime", "Role ARN 'arn:aws:iam::aws:role/etl-runtime' has account 'aws'; expected a 12-digit AWS account ID.")]
    [InlineData("arn:azure:iam::123456789012:role/etl-runtime", "Role ARN 'arn:azure:iam::123456789012:role/etl-runtime' has partition 'azure'; expected 'aws' or 'aws-…' (aws-cn, aws-us-gov, …).")]
    [InlineData("arn:aws:iam::123456789012:role/", "Role ARN 'arn:aws:iam::123456789012:role/' has role name ''; a role name is 1-64 characters from letters, digits and _+=,.@-.")]
    [InlineData("arn:aws:iam::123456789012:role/etl runtime", "Role ARN 'arn:aws:iam::123456789012:role/etl runtime' has role name 'etl runtime'")]
    [InlineData("arn:aws:iam::123456789012:role/a//b", "Role ARN 'arn:aws:iam::123456789012:role/a//b' has path '/a//'")]
    public void PassRole_NotARoleArn_Refused(string roleArn, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastPrivilegeStatementBuilder.PassRole(roleArn));

        Assert.Equal("roleArn", ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PassRole_RoleNameOver64_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastPrivilegeStatementBuilder.PassRole("arn:aws:iam::123456789012:role/" + new string('r', 65)));

        Assert.Contains("a role name is 1-64 characters", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*", "Service '*' contains a wildcard; name exactly one service principal such as 'glue.amazonaws.com'.")]
    [InlineData("*.amazonaws.com", "Service '*.amazonaws.com' contains a wildcard")]
    [InlineData("glue", "Service 'glue' is not an AWS service principal; expected lower-case '<service>.amazonaws.com' (or '.amazonaws.com.cn'), e.g. 'glue.amazonaws.com'.")]
    [InlineData("Glue.amazonaws.com", "Service 'Glue.amazonaws.com' is not an AWS service principal")]
    [InlineData(".amazonaws.com", "Service '.amazonaws.com' is not an AWS service principal")]
    [InlineData("glue..amazonaws.com", "Service 'glue..amazonaws.com' is not an AWS service principal")]
    [InlineData("glue.example.com", "Service 'glue.example.com' is not an AWS service principal")]
    [InlineData("arn:aws:iam::123456789012:user/dana", "Service 'arn:aws:iam::123456789012:user/dana' is not an AWS service principal")]
    [InlineData("glue.amazonaws.com ", "Service 'glue.amazonaws.com ' is not an AWS service principal")]
    public void PassRole_NotAServicePrincipal_Refused(string service, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastPrivilegeStatementBuilder.PassRole(Role, service));

        Assert.Equal("service", ex.ParamName);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PassRole_BadSid_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastPrivilegeStatementBuilder.PassRole(Role, sid: "allow-pass"));

        Assert.Equal("sid", ex.ParamName);
    }

    [Fact]
    public void PassRole_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => LeastPrivilegeStatementBuilder.PassRole(null!));
        Assert.Throws<ArgumentNullException>(() => LeastPrivilegeStatementBuilder.PassRole(Role, null!));
    }

    // Evaluation proof: the statement allows exactly this role, to exactly this service.

    [Fact]
    public void Evaluate_BuiltStatement_AllowsTheRoleToGlue()
    {
        var result = PolicyEvaluator.Evaluate(AuthorizationRequest.PassRole(FieldNote.User, Role), LeastPrivilegeStatementBuilder.PassRole(Role).BuildDocument());

        Assert.Equal(Decision.Allowed, result.Decision);
        Assert.Equal("AllowPassEtlRuntimeToGlue", Assert.Single(result.DecidingStatements).StatementLabel);
    }

    [Fact]
    public void Evaluate_BuiltStatement_AnotherRole_ImplicitDeny()
    {
        var document = LeastPrivilegeStatementBuilder.PassRole(Role).BuildDocument();

        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(
            AuthorizationRequest.PassRole(FieldNote.User, "arn:aws:iam::123456789012:role/admin"), document).Decision);
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(
            AuthorizationRequest.PassRole(FieldNote.User, "arn:aws:iam::123456789012:role/etl-runtime-2"), document).Decision);
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(
            AuthorizationRequest.PassRole(FieldNote.User, "arn:aws:iam::123456789012:role/other/etl-runtime"), document).Decision);
    }

    [Fact]
    public void Evaluate_BuiltStatement_AnotherService_ImplicitDeny()
    {
        var document = LeastPrivilegeStatementBuilder.PassRole(Role).BuildDocument();

        var result = PolicyEvaluator.Evaluate(AuthorizationRequest.PassRole(FieldNote.User, Role, "ec2.amazonaws.com"), document);

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
    }

    [Fact]
    public void Evaluate_FieldNoteAccountWithBuiltFix_AllowedWithMfa()
    {
        // The field note's whole account: AWSGlueConsoleFullAccess + force-MFA + developers, plus the built fix.
        var fix = new SourcedPolicy(
            LeastPrivilegeStatementBuilder.PassRole(Role).BuildDocument(),
            new PolicySource(PolicySourceKind.GroupInline, LeastPrivilegeStatementBuilder.PassRolePolicyName(Role)) { AttachedTo = "GlueAccess" });
        var policies = FieldNote.Policies with { IdentityPolicies = [.. FieldNote.Policies.IdentityPolicies, fix] };

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(policies, FieldNote.PassRole(mfa: "true")).Decision);
        Assert.Equal(Decision.ExplicitDeny, PolicyEvaluator.Evaluate(policies, FieldNote.PassRole(mfa: "false")).Decision);
    }

    [Fact]
    public void FindBroadAllows_BuiltStatement_NothingFlagged()
    {
        Assert.Empty(PassRoleAllowAnalysis.FindBroadAllows(LeastPrivilegeStatementBuilder.PassRole(Role).BuildDocument()));
    }
}
