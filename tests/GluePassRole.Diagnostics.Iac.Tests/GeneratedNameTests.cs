namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// Issue 18, item 10: stand-in names obey IAM's limits (a role or user name has at most 64 characters, IAM User Guide,
/// "IAM and AWS STS quotas"). CloudFormation names a role with no RoleName <c>STACK-LogicalId-RANDOM</c> and shortens the
/// stack name and logical ID when that would be longer ("Name type",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html).
/// </summary>
public sealed class GeneratedNameTests
{
    private const string StackName = "export-rs-logs-solution-deployment-template";

    private const string Template = """
        Parameters:
          ExecutionRoleName:
            Type: String
        Resources:
          LambdaExecutionRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
          GlueServiceRoleWithNameFromParameter:
            Type: AWS::IAM::Role
            Properties:
              RoleName: !Ref ExecutionRoleName
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: glue.amazonaws.com}, Action: sts:AssumeRole}]}
          Short:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
        """;

    private static IacAccount Load() => IacAccount.Load(new IacSourceOptions { Templates = [IacSamples.Write(Template)], StackName = StackName });

    [Fact]
    public void Load_GeneratedRoleNameLongerThan64_ShortenedAndNoted()
    {
        var account = Load();

        Assert.Contains("export-rs-logs-solution-deploym-LambdaExecutionRole-GENERATED", account.RoleNames);
        Assert.Contains(StackName + "-Short-GENERATED", account.RoleNames);
        Assert.All(account.RoleNames, name => Assert.InRange(name.Length, 1, 64));
        Assert.Contains(account.Notes, n => n.Contains("LambdaExecutionRole", StringComparison.Ordinal) && n.Contains("64-character", StringComparison.Ordinal));
        Assert.DoesNotContain(account.Notes, n => n.Contains("Short has", StringComparison.Ordinal) && n.Contains("64-character", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_StandInForNameKnownAtDeploy_WithinTheLimit()
    {
        var account = Load();

        var standIn = Assert.Single(account.RoleNames, n => n.EndsWith("-UNKNOWN", StringComparison.Ordinal));
        Assert.InRange(standIn.Length, 1, 64);
        Assert.StartsWith("export-rs-logs-solution-", standIn, StringComparison.Ordinal);
    }
}
