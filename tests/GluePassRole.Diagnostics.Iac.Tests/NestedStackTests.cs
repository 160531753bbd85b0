namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>
/// Issue 18, item 12: nested stacks (<c>AWS::CloudFormation::Stack</c>, <c>AWS::Serverless::Application</c>) whose template
/// is a local file or given with --template are read as part of the deployment; the others are named as not read.
/// </summary>
public sealed class NestedStackTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("iac-nested-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relative, string text)
    {
        var file = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    private IacAccount Load()
    {
        Write("nested/glue-role.yaml", """
            Parameters:
              RoleName:
                Type: String
            Resources:
              GlueRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: !Ref RoleName
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: glue.amazonaws.com}, Action: sts:AssumeRole}]}
              Unnamed:
                Type: AWS::IAM::Group
            """);
        var given = Write("given.yaml", """
            Resources:
              Analysts:
                Type: AWS::IAM::Group
                Properties:
                  GroupName: analysts
            """);
        var parent = Write("parent.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              RoleStack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: nested/glue-role.yaml
                  Parameters:
                    RoleName: nested-glue
              GivenStack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://s3.amazonaws.com/templates-bucket/given.yaml
              MissingStack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://s3.amazonaws.com/templates-bucket/missing.yaml
              RepoApp:
                Type: AWS::Serverless::Application
                Properties:
                  Location:
                    ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/glue-helpers
                    SemanticVersion: 1.0.0
            """);
        return IacAccount.Load(new IacSourceOptions { Templates = [parent, given] });
    }

    [Fact]
    public void Load_LocalTemplateUrl_ReadWithTheParametersItIsGiven()
    {
        var account = Load();

        Assert.Contains("nested-glue", account.RoleNames);
        Assert.Contains("parent-RoleStack-GENERATED-Unnamed-GENERATED", account.GroupNames);
        Assert.Contains(Path.Combine(_folder, "nested", "glue-role.yaml"), account.Files);
        Assert.DoesNotContain(account.Unknowns, u => u.Origin.Resource == "RoleStack");
    }

    [Fact]
    public void Load_TemplateUrlGivenWithTemplate_NotUnknown()
    {
        var account = Load();

        Assert.Contains("analysts", account.GroupNames);
        Assert.DoesNotContain(account.Unknowns, u => u.Origin.Resource == "GivenStack");
        Assert.Contains(account.Notes, n => n.Contains("GivenStack", StringComparison.Ordinal) && n.Contains("--template", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NestedStacksNotAvailable_NamedAsNotRead()
    {
        var account = Load();

        Assert.Contains(account.Unknowns, u => u.Origin.Resource == "MissingStack" && u.Reason.Contains("missing.yaml", StringComparison.Ordinal) && u.Reason.Contains("not read", StringComparison.Ordinal));
        Assert.Contains(account.Unknowns, u => u.Origin.Resource == "RepoApp" && u.Reason.Contains("AWS::Serverless::Application", StringComparison.Ordinal));
    }

    private const string GlueChild = """
        Parameters:
          Env:
            Type: String
          CrawlerName:
            Type: String
        Resources:
          CrawlerRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: glue.amazonaws.com}, Action: sts:AssumeRole}]}
          NamedRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: !Sub ${Env}-glue
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: glue.amazonaws.com}, Action: sts:AssumeRole}]}
          RunRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: !Sub ${CrawlerName}-run
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: glue.amazonaws.com}, Action: sts:AssumeRole}]}
          Crawler:
            Type: AWS::Glue::Crawler
            Properties:
              Name: !Sub glue-${CrawlerName}
              Role: !Ref CrawlerRole
              DatabaseName: db
              Targets: {S3Targets: [{Path: s3://bucket/}]}
        """;

    private static string ParentWith(string templateUrl) => $$"""
        Parameters:
          Bucket:
            Type: String
        Resources:
          Other:
            Type: AWS::CloudFormation::Stack
            Properties:
              TemplateURL: https://example.s3.amazonaws.com/other.yaml
          Glue:
            Type: AWS::CloudFormation::Stack
            Properties:
              TemplateURL: {{templateUrl}}
              Parameters:
                Env: prod
                CrawlerName: !Join ['-', [dbcrawler, !GetAtt Other.Outputs.Random]]
        """;

    /// <summary>
    /// CloudFormation gives a nested stack the parent's Parameters property values
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html,
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-stack.html) and names it
    /// PARENT-LogicalId-RANDOM (the AWS pages do not spell the format out; deployments show it, e.g.
    /// "parent-ragstack-84XG2HNPDDZG" in https://raw.githubusercontent.com/HatmanStack/RAGStack-Lambda/main/docs/NESTED_STACK_DEPLOYMENT.md).
    /// The child is given first, as the corpus' glue-s2s-vpn does.
    /// </summary>
    [Theory]
    [InlineData("!Sub https://glue-templates.s3.amazonaws.com/Templates/glue.yaml")]
    [InlineData("!Sub 'https://${Bucket}.s3.amazonaws.com/glue.yaml'")]
    [InlineData("templates/glue.yaml")] // a local path that does not exist: its file name
    public void Load_TemplateGivenWithTemplateNestedInAnother_ReadAsThatNestedStack(string templateUrl)
    {
        var child = Write("glue.yaml", GlueChild);
        var parent = Write("main.yaml", ParentWith(templateUrl));

        var account = IacAccount.Load(new IacSourceOptions { Templates = [child, parent] });

        // The parent's value applied; the stack name derived as CloudFormation does, its random part a stand-in.
        Assert.Contains("prod-glue", account.RoleNames);
        Assert.Contains("main-Glue-GENERATED-CrawlerRole-GENERATED", account.RoleNames);
        Assert.DoesNotContain("glue-CrawlerRole-GENERATED", account.RoleNames);
        // A deploy-time value the parent passes stays unknown, saying so, not "has no value".
        Assert.Contains(account.Unknowns, u => u.Reason.Contains("passed by the parent stack", StringComparison.Ordinal) && u.Reason.Contains("Other.Outputs.Random", StringComparison.Ordinal));
        Assert.DoesNotContain(account.Unknowns, u => u.Reason.Contains("parameter CrawlerName has no value", StringComparison.Ordinal));
        Assert.Contains(account.Notes, n => n.StartsWith(child, StringComparison.Ordinal) && n.Contains("read as nested stack Glue of " + parent, StringComparison.Ordinal)
            && n.Contains("main-Glue-<random>", StringComparison.Ordinal) && (templateUrl.StartsWith('!') ? n.Contains("matched by file name", StringComparison.Ordinal) : true));
        Assert.DoesNotContain(account.Unknowns, u => u.Origin.Resource == "Glue");
        Assert.Contains("dbcrawler-UNKNOWN-run", account.RoleNames);
    }

    [Fact]
    public void Load_TemplateGivenWithTemplateAtTheLocalPath_MatchedByPath()
    {
        var child = Write("nested/glue.yaml", GlueChild);
        var parent = Write("main.yaml", ParentWith("nested/glue.yaml"));

        var account = IacAccount.Load(new IacSourceOptions { Templates = [child, parent], StackName = "etl" });

        Assert.Contains("etl-Glue-GENERATED-CrawlerRole-GENERATED", account.RoleNames);
        Assert.Contains(account.Notes, n => n.Contains("its TemplateURL (nested/glue.yaml) is this file", StringComparison.Ordinal) && !n.Contains("matched by file name", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TemplateNamedByTwoNestedStacks_AmbiguousAndReadOnItsOwn()
    {
        var child = Write("glue.yaml", GlueChild);
        var first = Write("a/main.yaml", ParentWith("https://bucket.s3.amazonaws.com/glue.yaml"));
        var second = Write("b/other.yaml", ParentWith("https://bucket.s3.amazonaws.com/x/glue.yaml"));

        var account = IacAccount.Load(new IacSourceOptions { Templates = [child, first, second], Parameters = new Dictionary<string, string> { ["Env"] = "dev" } });

        Assert.Contains("dev-glue", account.RoleNames);
        Assert.Contains("glue-CrawlerRole-GENERATED", account.RoleNames);
        Assert.Contains(account.Notes, n => n.StartsWith(child, StringComparison.Ordinal) && n.Contains("ambiguous", StringComparison.Ordinal)
            && n.Contains("Glue in " + first, StringComparison.Ordinal) && n.Contains("Glue in " + second, StringComparison.Ordinal));
    }
}
