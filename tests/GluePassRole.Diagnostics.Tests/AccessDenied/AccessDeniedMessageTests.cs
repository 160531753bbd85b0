using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Tests.AccessDenied;

/// <summary>
/// Message shapes: IAM User Guide, "Troubleshoot access denied error messages"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html); policy ARNs: AWS Security Blog,
/// "Enhanced access denied error messages with policy ARNs". Verbatim strings: /work/shared/data/error-messages.md.
/// </summary>
public class AccessDeniedMessageTests
{
    public static TheoryData<string> CaseIds => AccessDeniedMessageCases.Ids;

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Parse_VerbatimExample_ReturnsFields(string id)
    {
        var expected = AccessDeniedMessageCases.All[id];

        var message = AccessDeniedMessage.Parse(expected.Text);

        Assert.Equal(expected.Principal, message.Principal);
        Assert.Equal(expected.PrincipalKind, message.PrincipalKind);
        Assert.Equal(expected.Account, message.Account);
        Assert.Equal(expected.Action, message.Action);
        Assert.Equal(expected.Resource, message.Resource);
        Assert.Equal(expected.DenialKind, message.DenialKind);
        Assert.Equal(expected.PolicyType, message.PolicyType);
        Assert.Equal(expected.TransitivePolicyType, message.TransitivePolicyType);
        Assert.Equal(expected.PolicyArn, message.PolicyArn);
        Assert.Equal(expected.Operation, message.Operation);
        Assert.Equal(expected.ErrorCode, message.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Parse_VerbatimExample_NormalizedMessageIsOneLineAndReparsesToSameFields(string id)
    {
        var message = AccessDeniedMessage.Parse(AccessDeniedMessageCases.All[id].Text);

        Assert.StartsWith("User: ", message.NormalizedMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message.NormalizedMessage);
        Assert.DoesNotContain("  ", message.NormalizedMessage, StringComparison.Ordinal);
        Assert.Equal(message.NormalizedMessage, message.ToString());

        var again = AccessDeniedMessage.Parse(message.NormalizedMessage);
        Assert.Equal(message.Principal, again.Principal);
        Assert.Equal(message.Action, again.Action);
        Assert.Equal(message.Resource, again.Resource);
        Assert.Equal(message.DenialKind, again.DenialKind);
        Assert.Equal(message.PolicyType, again.PolicyType);
        Assert.Equal(message.PolicyArn, again.PolicyArn);
        Assert.Equal(message.NormalizedMessage, again.NormalizedMessage);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void TryParse_VerbatimExample_ReturnsTrue(string id)
    {
        Assert.True(AccessDeniedMessage.TryParse(AccessDeniedMessageCases.All[id].Text, out var message));
        Assert.Equal(AccessDeniedMessageCases.All[id].Action, message.Action);
    }

    // Field note (walliz.cc, 2026-06): the Glue console block as displayed.
    [Fact]
    public void Parse_GlueConsoleBlock_ExposesPassRoleTargetAndOperation()
    {
        var message = AccessDeniedMessage.Parse(AccessDeniedMessageCases.All["glue-console"].Text);

        Assert.True(message.IsPassRole);
        Assert.Equal("arn:aws:iam::<account-id>:role/<glue-runtime-role>", message.PassedRoleArn);
        Assert.Equal("<glue-runtime-role>", message.PassedRoleName);
        Assert.Equal("/", message.PassedRolePath);
        Assert.Equal("<human-user>", message.UserName);
        Assert.Equal("UpdateJob", message.Operation);
        Assert.Equal(
            "User: arn:aws:iam::<account-id>:user/<human-user> is not authorized to perform: iam:PassRole on resource: arn:aws:iam::<account-id>:role/<glue-runtime-role> because no identity-based policy allows the iam:PassRole action",
            message.NormalizedMessage);
    }

    [Fact]
    public void Parse_ServiceRolePath_ExposesPathAndName()
    {
        var message = AccessDeniedMessage.Parse(AccessDeniedMessageCases.All["kube2iam-no-reason"].Text);

        Assert.Equal("arn:aws:iam::SECRET:role/service-role/AWSGlueServiceRole-datascience", message.PassedRoleArn);
        Assert.Equal("/service-role/", message.PassedRolePath);
        Assert.Equal("AWSGlueServiceRole-datascience", message.PassedRoleName);
        Assert.Equal("k8s-jupyter", message.RoleName);
        Assert.Equal("9bfded24-k8s-jupyter", message.SessionName);
        Assert.False(message.IsSsoRole);
    }

    [Fact]
    public void Parse_NotPassRole_HasNoPassedRole()
    {
        var message = AccessDeniedMessage.Parse(AccessDeniedMessageCases.All["blog-enhanced"].Text);

        Assert.False(message.IsPassRole);
        Assert.Null(message.PassedRoleArn);
        Assert.Null(message.PassedRoleName);
        Assert.Null(message.PassedRolePath);
    }

    [Fact]
    public void Parse_PassRoleOnWildcard_HasNoPassedRole()
    {
        var message = AccessDeniedMessage.Parse("User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/*");

        Assert.True(message.IsPassRole);
        Assert.Null(message.PassedRoleArn);
    }

    [Fact]
    public void Parse_LowercasePassRoleAction_IsPassRole()
    {
        var message = AccessDeniedMessage.Parse("User: arn:aws:iam::123456789012:user/u is not authorized to perform: IAM:passrole on resource: arn:aws-cn:iam::123456789012:role/r");

        Assert.True(message.IsPassRole);
        Assert.Equal("arn:aws-cn:iam::123456789012:role/r", message.PassedRoleArn);
    }

    [Fact]
    public void Parse_SsoAssumedRole_ExposesPermissionSet()
    {
        var message = AccessDeniedMessage.Parse(
            "User: arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Data_Engineer_0123456789abcdef/jane@example.com is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/GlueJobRole because no identity-based policy allows the iam:PassRole action");

        Assert.Equal(PrincipalKind.AssumedRole, message.PrincipalKind);
        Assert.Equal("AWSReservedSSO_Data_Engineer_0123456789abcdef", message.RoleName);
        Assert.Equal("jane@example.com", message.SessionName);
        Assert.True(message.IsSsoRole);
        Assert.Equal("Data_Engineer", message.SsoPermissionSetName);
    }

    [Fact]
    public void Parse_NotSsoLookalike_IsNotSso()
    {
        var message = AccessDeniedMessage.Parse("User: arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin/s is not authorized to perform: iam:PassRole");

        Assert.False(message.IsSsoRole);
        Assert.Null(message.SsoPermissionSetName);
    }

    [Theory]
    [InlineData("arn:aws:sts::123456789012:federated-user/Bob", PrincipalKind.FederatedUser, "123456789012", "Bob", null)]
    [InlineData("arn:aws:iam::123456789012:root", PrincipalKind.Root, "123456789012", null, null)]
    [InlineData("arn:aws:iam::123456789012:role/service-role/Runner", PrincipalKind.IamRole, "123456789012", null, "Runner")]
    [InlineData("arn:aws:iam::123456789012:user/division/team/Alice", PrincipalKind.IamUser, "123456789012", "Alice", null)]
    [InlineData("arn:aws:iam::123456789012:group/Admins", PrincipalKind.Unknown, "123456789012", null, null)]
    [InlineData("anonymous", PrincipalKind.Unknown, null, null, null)]
    public void Parse_PrincipalForms_ClassifiesPrincipal(string principal, PrincipalKind kind, string? account, string? userName, string? roleName)
    {
        var message = AccessDeniedMessage.Parse($"User: {principal} is not authorized to perform: glue:UpdateJob on resource: arn:aws:glue:us-east-1:123456789012:job/j");

        Assert.Equal(principal, message.Principal);
        Assert.Equal(kind, message.PrincipalKind);
        Assert.Equal(account, message.Account);
        Assert.Equal(userName, message.UserName);
        Assert.Equal(roleName, message.RoleName);
    }

    [Theory]
    [InlineData("with an explicit deny in a service control policy", PolicyType.ServiceControlPolicy)]
    [InlineData("with an explicit deny in a resource control policy", PolicyType.ResourceControlPolicy)]
    [InlineData("with an explicit deny in a session policy", PolicyType.SessionPolicy)]
    [InlineData("with an explicit deny in a sessions policy", PolicyType.SessionPolicy)]
    [InlineData("with an explicit deny in a permissions boundary", PolicyType.PermissionsBoundary)]
    [InlineData("with an explicit deny in an identity-based policy", PolicyType.IdentityBased)]
    [InlineData("with an explicit deny in a resource-based policy", PolicyType.ResourceBased)]
    [InlineData("with an explicit deny in a VPC endpoint policy", PolicyType.VpcEndpointPolicy)]
    [InlineData("with an explicit deny in the role trust policy", PolicyType.RoleTrustPolicy)]
    // IAM UG note: "the error message can include the phrase due to an explicit deny in a Service Control Policy".
    [InlineData("due to an explicit deny in a Service Control Policy", PolicyType.ServiceControlPolicy)]
    public void Parse_ExplicitReasonForEveryPolicyType_ReturnsType(string reason, PolicyType type)
    {
        var message = AccessDeniedMessage.Parse($"User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r {reason}");

        Assert.Equal(DenialKind.ExplicitDeny, message.DenialKind);
        Assert.Equal(type, message.PolicyType);
        Assert.Equal("arn:aws:iam::123456789012:role/r", message.Resource);
        Assert.Null(message.PolicyArn);
    }

    [Theory]
    [InlineData("identity-based policy", PolicyType.IdentityBased)]
    [InlineData("resource-based policy", PolicyType.ResourceBased)]
    [InlineData("permissions boundary", PolicyType.PermissionsBoundary)]
    [InlineData("session policy", PolicyType.SessionPolicy)]
    [InlineData("service control policy", PolicyType.ServiceControlPolicy)]
    [InlineData("resource control policy", PolicyType.ResourceControlPolicy)]
    [InlineData("VPC endpoint policy", PolicyType.VpcEndpointPolicy)]
    [InlineData("role trust policy", PolicyType.RoleTrustPolicy)]
    public void Parse_ImplicitReasonForEveryPolicyType_ReturnsType(string type, PolicyType expected)
    {
        var message = AccessDeniedMessage.Parse($"User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r because no {type} allows the iam:PassRole action.");

        Assert.Equal(DenialKind.ImplicitDeny, message.DenialKind);
        Assert.Equal(expected, message.PolicyType);
        Assert.Equal("arn:aws:iam::123456789012:role/r", message.Resource);
        Assert.EndsWith("allows the iam:PassRole action", message.NormalizedMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(": ")]
    [InlineData(", with policy ARN: ")]
    [InlineData(", with policy ARN:\n")]
    public void Parse_PolicyArnSuffixSpellings_ReturnPolicyArn(string separator)
    {
        var message = AccessDeniedMessage.Parse(
            "User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r with an explicit deny in an identity-based policy"
            + separator + "arn:aws:iam::123456789012:policy/Force_MFA.");

        Assert.Equal(PolicyType.IdentityBased, message.PolicyType);
        Assert.Equal("arn:aws:iam::123456789012:policy/Force_MFA", message.PolicyArn);
        Assert.Equal("arn:aws:iam::123456789012:role/r", message.PassedRoleArn);
    }

    [Fact]
    public void Parse_UnknownPolicyType_KeepsDenialKindWithoutType()
    {
        var message = AccessDeniedMessage.Parse("User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r with an explicit deny in a declarative policy: arn:aws:organizations::1:policy/x");

        Assert.Equal(DenialKind.ExplicitDeny, message.DenialKind);
        Assert.Null(message.PolicyType);
        Assert.Equal("arn:aws:organizations::1:policy/x", message.PolicyArn);
    }

    [Fact]
    public void Parse_TrailingPeriodWithoutReason_IsNotPartOfResource()
    {
        var message = AccessDeniedMessage.Parse("User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r.");

        Assert.Equal("arn:aws:iam::123456789012:role/r", message.Resource);
        Assert.Equal(DenialKind.Unspecified, message.DenialKind);
    }

    [Fact]
    public void Parse_NoResourceTrailingPeriod_ActionHasNoPeriod()
    {
        var message = AccessDeniedMessage.Parse("User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:ListRoles.");

        Assert.Equal("iam:ListRoles", message.Action);
        Assert.Null(message.Resource);
    }

    [Fact]
    public void Parse_JavaSuffix_ExposesStatusAndRequestId()
    {
        var message = AccessDeniedMessage.Parse(AccessDeniedMessageCases.All["java-sdk-suffix"].Text);

        Assert.Equal(400, message.HttpStatusCode);
        Assert.Equal("37158697-0000-4000-8000-000000000000", message.RequestId);
        Assert.Equal("arn:aws:iam::01234567890:role/ecsTaskExecutionRole", message.PassedRoleArn);
    }

    // AWS SDK for Java 2.x separates the fields with commas.
    [Fact]
    public void Parse_JavaV2Suffix_ExposesStatusCodeAndRequestId()
    {
        var message = AccessDeniedMessage.Parse("User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r because no identity-based policy allows the iam:PassRole action (Service: Glue, Status Code: 400, Request ID: abc-123)");

        Assert.Equal(400, message.HttpStatusCode);
        Assert.Equal("abc-123", message.RequestId);
        Assert.Equal("arn:aws:iam::123456789012:role/r", message.Resource);
    }

    [Fact]
    public void Parse_GoSuffix_ExposesStatusAndRequestId()
    {
        var message = AccessDeniedMessage.Parse(AccessDeniedMessageCases.All["go-sdk-suffix"].Text);

        Assert.Equal(403, message.HttpStatusCode);
        Assert.Equal("eca9fcd9-0000-4000-8000-000000000000", message.RequestId);
    }

    [Fact]
    public void Parse_GoSuffixWithoutReason_ResourceStopsAtStatusCode()
    {
        var message = AccessDeniedMessage.Parse("AccessDenied: User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r\n\tstatus code: 403, request id: x");

        Assert.Equal("arn:aws:iam::123456789012:role/r", message.Resource);
    }

    // Constructed from the AWS SDK for Go v2 (smithy-go) error format: "operation error <Service>: <Operation>, https response error …, api error <Code>: <Message>".
    [Fact]
    public void Parse_GoV2Wrapper_ExposesOperationCodeAndRequestId()
    {
        var message = AccessDeniedMessage.Parse("operation error Glue: UpdateJob, https response error StatusCode: 400, RequestID: 5f0e-11, api error AccessDeniedException: User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r because no identity-based policy allows the iam:PassRole action");

        Assert.Equal("UpdateJob", message.Operation);
        Assert.Equal("AccessDeniedException", message.ErrorCode);
        Assert.Equal("5f0e-11", message.RequestId);
        Assert.Equal(400, message.HttpStatusCode);
    }

    [Fact]
    public void Parse_Ec2EncodedMessage_ExposesEncodedMessage()
    {
        var message = AccessDeniedMessage.Parse(AccessDeniedMessageCases.All["ec2-encoded"].Text);

        Assert.Equal("AbCd-12_xyz", message.EncodedAuthorizationMessage);
        Assert.Equal("arn:aws:iam::<ACCOUNT_ID>:role/EC2-Admin-Role", message.PassedRoleArn);
    }

    [Fact]
    public void Parse_DotNetAggregateWrappingCliMessage_StopsAtClosingParenthesis()
    {
        var message = AccessDeniedMessage.Parse("One or more errors occurred. (An error occurred (AccessDeniedException) when calling the UpdateJob operation: User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r) (Another error)");

        Assert.Equal("arn:aws:iam::123456789012:role/r", message.Resource);
        Assert.Equal("UpdateJob", message.Operation);
        Assert.Equal("AccessDeniedException", message.ErrorCode);
    }

    [Fact]
    public void Parse_WrappedAnywhereWithIndentation_ParsesLikeOneLine()
    {
        var message = AccessDeniedMessage.Parse("  User:\r\n    arn:aws:iam::123456789012:user/u\r\n  is not\tauthorized to\n perform:\n\n iam:PassRole on\n resource:\n   arn:aws:glue:eu-west-2:123456789012:job/Copy parking\n Liberator because no\n identity-based\n policy allows the iam:PassRole\n action\n");

        Assert.Equal("arn:aws:glue:eu-west-2:123456789012:job/Copy parking Liberator", message.Resource);
        Assert.Equal(PolicyType.IdentityBased, message.PolicyType);
    }

    // CloudWatch / JSON logs keep the escapes as text.
    [Fact]
    public void Parse_JsonEscapedText_UnescapesNewlinesAndQuotes()
    {
        var message = AccessDeniedMessage.Parse(@"User: arn:aws:iam::123456789012:user/u is not authorized to perform:\ns3:GetObject on resource: \""arn:aws:s3:::b/o\"" with an explicit deny in a resource control policy");

        Assert.Equal("s3:GetObject", message.Action);
        Assert.Equal("arn:aws:s3:::b/o", message.Resource);
        Assert.Equal(PolicyType.ResourceControlPolicy, message.PolicyType);
    }

    [Fact]
    public void Parse_WithoutUserPrefix_TakesArnBeforeClause()
    {
        var message = AccessDeniedMessage.Parse("Error: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/x");

        Assert.Equal("arn:aws:sts::123456789012:assumed-role/r/s", message.Principal);
        Assert.Equal(PrincipalKind.AssumedRole, message.PrincipalKind);
    }

    [Fact]
    public void Parse_TwoMessagesWithoutReason_TakesFirstAndStopsBeforeSecond()
    {
        var message = AccessDeniedMessage.Parse("User: arn:aws:iam::123456789012:user/a is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r1\nUser: arn:aws:iam::123456789012:user/b is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r2");

        Assert.Equal("arn:aws:iam::123456789012:user/a", message.Principal);
        Assert.Equal("arn:aws:iam::123456789012:role/r1", message.Resource);
    }

    [Fact]
    public void Parse_BotocoreExceptionNameOnly_ReturnsErrorCode()
    {
        var message = AccessDeniedMessage.Parse("botocore.errorfactory.AccessDeniedException: User: arn:aws:iam::123456789012:user/a is not authorized to perform: iam:PassRole");

        Assert.Equal("AccessDeniedException", message.ErrorCode);
        Assert.Null(message.Operation);
    }

    // Go SDK v2 inside a Terraform diagnostic: modelled errors have no "api error" prefix (real shape, e.g. Terraform/RDS reports;
    // values constructed for Glue).
    [Fact]
    public void Parse_TerraformGoV2Diagnostic_ExposesOperationAndCode()
    {
        var message = AccessDeniedMessage.Parse("""
            ╷
            │ Error: creating Glue Job (nightly load): operation error Glue: CreateJob, https response error StatusCode: 400, RequestID: 8c2d-77, AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/terraform/ci is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/GlueRuntime because no identity-based policy allows the iam:PassRole action
            │
            │   with aws_glue_job.nightly,
            ╵
            """);

        Assert.Equal("CreateJob", message.Operation);
        Assert.Equal("AccessDeniedException", message.ErrorCode);
        Assert.Equal("8c2d-77", message.RequestId);
        Assert.Equal("GlueRuntime", message.PassedRoleName);
        Assert.Equal(PolicyType.IdentityBased, message.PolicyType);
    }

    // gravitational/teleport#30226: Go SDK v1 error with its verbose metadata dump, and with double spaces and a trailing ". ".
    [Theory]
    [InlineData("AccessDeniedException: User: <aws-role-arn> is not authorized to perform: redshift-serverless:GetWorkgroup on resource: <redshift-serverless-workgroup-arn> because no identity-based policy allows the redshift-serverless:GetWorkgroup action\n{\n  RespMetadata: {\n    StatusCode: 400,\n    RequestID: \\\"<request-id>\\\"\n  },\n  Message_: \\\"User: <aws-role-arn> is not authorized to perform: redshift-serverless:GetWorkgroup on resource: <redshift-serverless-workgroup-arn>  because no identity-based policy allows the redshift-serverless:GetWorkgroup action\\\"\n}.", "redshift-serverless:GetWorkgroup", "<redshift-serverless-workgroup-arn>")]
    [InlineData("AccessDeniedException: User: <aws-role-arn>  is not authorized to perform: memorydb:DescribeClusters on resource: <memorydb-arn> because no identity-based policy allows the memorydb:DescribeClusters action\n\tstatus code: 400, request id: <request-id>. ", "memorydb:DescribeClusters", "<memorydb-arn>")]
    public void Parse_GoV1Forms_ReturnFields(string text, string action, string resource)
    {
        var message = AccessDeniedMessage.Parse(text);

        Assert.Equal("<aws-role-arn>", message.Principal);
        Assert.Equal(PrincipalKind.Unknown, message.PrincipalKind);
        Assert.Equal(action, message.Action);
        Assert.Equal(resource, message.Resource);
        Assert.Equal("AccessDeniedException", message.ErrorCode);
        Assert.Equal(400, message.HttpStatusCode);
        Assert.Equal("<request-id>", message.RequestId);
        Assert.Equal(PolicyType.IdentityBased, message.PolicyType);
    }

    [Fact]
    public void With_ChangedResource_KeepsDerivedMembersConsistent()
    {
        var message = AccessDeniedMessage.Parse(AccessDeniedMessageCases.All["glue-cli-createjob"].Text);

        var changed = message with { Resource = "arn:aws:iam::1111:role/team/Other" };

        Assert.Equal("Other", changed.PassedRoleName);
        Assert.Equal("/team/", changed.PassedRolePath);
        Assert.NotEqual(message, changed);
        Assert.Equal(message, AccessDeniedMessage.Parse(AccessDeniedMessageCases.All["glue-cli-createjob"].Text));
    }
}
