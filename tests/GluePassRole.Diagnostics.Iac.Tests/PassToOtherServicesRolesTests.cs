namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// GPR005 asks about the IaC's roles too, as sessions of themselves: whatever runs as a role (a Lambda function, a
/// pipeline) can pass what its policies allow, and <c>iam:PassRole</c> on <c>*</c> without an <c>iam:PassedToService</c>
/// condition lets it pass the job's role to any service (IAM User Guide, "Granting a user permissions to pass a role to
/// an AWS service", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html). Issue 18 review item 2.
/// </summary>
public sealed class PassToOtherServicesRolesTests
{
    private const string Yaml = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          GlueJobRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: glue-job
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: glue.amazonaws.com}, Action: sts:AssumeRole}]}
          DeployerRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: deployer
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
              Policies:
                - PolicyName: pass-any
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Sid: PassAny
                        Effect: Allow
                        Action: iam:PassRole
                        Resource: "*"
          AdminRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: admin
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: codebuild.amazonaws.com}, Action: sts:AssumeRole}]}
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
          ScopedRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: scoped
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
              Policies:
                - PolicyName: pass-to-glue
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: iam:PassRole
                        Resource: "*"
                        Condition: {StringEquals: {iam:PassedToService: glue.amazonaws.com}}
          Job:
            Type: AWS::Glue::Job
            Properties:
              Name: nightly
              Role: !GetAtt GlueJobRole.Arn
              Command: {Name: glueetl, ScriptLocation: s3://bucket/script.py}
        """;

    [Fact]
    public async Task Check_RolesThatCanPassTheJobRoleToAnyService_AreGpr005WithTheGrantingStatement()
    {
        var result = await IacCheck.RunAsync(IacAccount.FromTemplate(IacSamples.Write(Yaml)), [], []);

        var findings = result.Findings.Where(f => f.RuleId == "GPR005").ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(IacCheckSeverity.Warning, f.Severity));
        var deployer = Assert.Single(findings, f => f.Message.StartsWith("arn:aws:iam::123456789012:role/deployer ", StringComparison.Ordinal));
        Assert.Contains("can pass arn:aws:iam::123456789012:role/glue-job to ec2.amazonaws.com, not only to Glue", deployer.Message, StringComparison.Ordinal);
        Assert.Contains("statement PassAny of inline policy pass-any of role deployer", deployer.Message, StringComparison.Ordinal);
        var admin = Assert.Single(findings, f => f.Message.StartsWith("arn:aws:iam::123456789012:role/admin ", StringComparison.Ordinal));
        Assert.Contains("Statement #0 of AWS managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess) allows it, and an AWS managed policy cannot be changed", admin.Message, StringComparison.Ordinal);

        // The fix is on the role that holds the managed policy: an explicit deny of passing the job's role elsewhere.
        var fix = Assert.IsType<IacCheckFix>(admin.Fix);
        Assert.Equal((IacFixTargetKind.Role, "admin"), (fix.Target.Kind, fix.Target.Name));
        Assert.Equal("AdminRole", admin.Origin?.Resource);
        var deny = Assert.Single(fix.Policy!.Statements);
        Assert.Equal(Policies.Effect.Deny, deny.Effect);
        Assert.Equal(["arn:aws:iam::123456789012:role/glue-job"], deny.Resource);
        Assert.DoesNotContain(findings, f => f.Message.Contains("role/scoped ", StringComparison.Ordinal));
    }
}
