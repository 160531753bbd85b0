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
}
