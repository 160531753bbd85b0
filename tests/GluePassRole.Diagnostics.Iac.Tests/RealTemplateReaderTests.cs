using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// Issue 18, the corpus of real templates (tests/Shared/RealTemplates): what reading them showed the reader got wrong.
/// </summary>
public sealed class RealTemplateReaderTests
{
    /// <summary>
    /// aws-samples/aws-glue-data-quality-customise-email-notification names each of a role's three inline policies with a
    /// suffix cut from <c>AWS::StackId</c>. The policy was reported under the role's logical ID ("inline policy
    /// GlueDataQualityBlogRole"), a name no policy has and the same for all three; like a role named at deploy
    /// (issue 18, item 1) it keeps its known text with UNKNOWN for the part known only at deploy. CloudFormation's
    /// AWS::IAM::Role Policy.PolicyName is the inline policy's name
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-iam-role-policy.html).
    /// </summary>
    [Fact]
    public async Task Load_InlinePolicyNamedAtDeploy_KeepsTheKnownTextOfItsName()
    {
        const string Template = """
            Resources:
              DemoRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: demo-role
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: { Service: glue.amazonaws.com }
                        Action: sts:AssumeRole
                  Policies:
                    - PolicyName: !Join ['-', ['LaunchBlogS3IAMPolicy', !Select [4, !Split ['-', !Select [2, !Split ['/', !Ref AWS::StackId]]]]]]
                      PolicyDocument:
                        Version: '2012-10-17'
                        Statement:
                          - Effect: Allow
                            Action: iam:PassRole
                            Resource: arn:aws:iam::*:role/*
                    - PolicyName: !Ref AWS::StackId
                      PolicyDocument:
                        Version: '2012-10-17'
                        Statement:
                          - Effect: Allow
                            Action: s3:ListAllMyBuckets
                            Resource: '*'
            """;
        var account = IacAccount.Load(new IacSourceOptions { Templates = [IacSamples.Write(Template)] });

        var policies = (await account.GetInlinePoliciesAsync(IamEntityKind.Role, "demo-role")).Value!;

        Assert.Equal(["LaunchBlogS3IAMPolicy-UNKNOWN", "DemoRole"], policies.Select(p => p.Name));
    }

    /// <summary>
    /// aws-samples/aws-glue-tagger-sar adds its SAR application (AWS::Serverless::Application from the Serverless
    /// Application Repository) to a stack beside the Glue jobs. The nested stack that is not read was reported twice, as
    /// an unknown and again as a note, so `check` printed two GPR006 lines for it; it is one unknown, which says how to
    /// read it.
    /// </summary>
    [Fact]
    public void Load_NestedApplicationNotRead_IsReportedOnce()
    {
        const string Template = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              AWSGlueTagger:
                Type: AWS::Serverless::Application
                Properties:
                  Location:
                    ApplicationId: arn:aws:serverlessrepo:us-east-1:621462903008:applications/aws-glue-tagger
                    SemanticVersion: 0.1.3
            """;
        var account = IacAccount.Load(new IacSourceOptions { Templates = [IacSamples.Write(Template)] });

        var reports = account.Unknowns.Select(u => u.Reason).Concat(account.Notes).Where(r => r.Contains("nested stack AWSGlueTagger", StringComparison.Ordinal));

        Assert.Contains("--template", Assert.Single(reports), StringComparison.Ordinal);
    }

    /// <summary>
    /// aws-samples/aws-glue-job-tracker and aws-glue-flatten-nested-json attach their statements with AWS::IAM::Policy. A
    /// statement of such a policy that holds a value known only at deploy was reported at
    /// "PolicyDocument.PolicyDocument.Statement[0]", a property the resource does not have; its PolicyDocument is the
    /// policy (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-policy.html).
    /// </summary>
    [Fact]
    public void Load_PolicyResourceStatementKnownAtDeploy_IsReportedAtItsOwnPath()
    {
        const string Template = """
            Parameters:
              Bucket:
                Type: String
            Resources:
              TrackerRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: tracker
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: { Service: lambda.amazonaws.com }
                        Action: sts:AssumeRole
              TrackerPolicy:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: tracker-policy
                  Roles: [!Ref TrackerRole]
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Action: s3:GetObject
                        Resource: !Sub arn:aws:s3:::${Bucket}/*
            """;
        var account = IacAccount.Load(new IacSourceOptions { Templates = [IacSamples.Write(Template)] });

        var unknown = Assert.Single(account.Unknowns, u => u.Origin.Resource == "TrackerPolicy");

        Assert.Equal("PolicyDocument.Statement[0]", unknown.Origin.Property);
    }
}
