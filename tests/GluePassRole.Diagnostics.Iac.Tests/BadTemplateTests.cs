using System.Diagnostics;
using System.Text;

namespace GluePassRole.Diagnostics.Iac.Tests;

/// <summary>Broken templates get an <see cref="IacTemplateException"/> with the file, the line and the path; nothing crashes or hangs.</summary>
public sealed class BadTemplateTests
{
    private static IacTemplateException Fails(string text, string extension = ".yaml")
    {
        var file = IacSamples.Write(text, extension);
        var error = Assert.Throws<IacTemplateException>(() => IacAccount.FromTemplate(file));
        Assert.Equal(file, error.File);
        return error;
    }

    [Fact]
    public void FromTemplate_YamlSyntaxError_LineOfTheError()
    {
        var error = Fails("Resources:\n  Role:\n    Type: AWS::IAM::Role\n   Properties: [unclosed\n");

        Assert.Equal(4, error.Line);
        Assert.StartsWith("Not valid YAML", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTemplate_UnknownTag_LineAndPath()
    {
        var error = Fails("Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Reff Other\n");

        Assert.Equal(5, error.Line);
        Assert.Equal("$.Resources.Role.Properties.RoleName", error.DocumentPath);
        Assert.Contains("Unknown tag !Reff", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTemplate_CircularRef_NamesTheCycle()
    {
        var error = Fails("""
            Resources:
              A:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: !Sub "${B}-a"
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
              B:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: !Ref A
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
            """);

        Assert.Contains("Circular reference", error.Reason, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void FromTemplate_CircularCondition_Fails()
    {
        var error = Fails("""
            Conditions:
              A: !Not [!Condition B]
              B: !Not [!Condition A]
            Resources:
              R:
                Type: AWS::IAM::Group
                Condition: A
            """);

        Assert.Contains("circular condition", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTemplate_TenMegabytes_RejectedQuickly()
    {
        var text = new StringBuilder("Resources:\n");
        for (var i = 0; text.Length < 10 * 1024 * 1024; i++)
        {
            text.Append("  G").Append(i).Append(":\n    Type: AWS::IAM::Group\n");
        }

        var watch = Stopwatch.StartNew();
        var error = Fails(text.ToString());

        Assert.Contains("over the limit", error.Reason, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void FromTemplate_AliasBomb_RejectedAtTheAlias()
    {
        var error = Fails("a: &a [x, x]\nb: &b [*a, *a]\nResources: {}\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("aliases", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTemplate_DeepNesting_Rejected()
    {
        var error = Fails("Resources: " + new string('[', 200) + new string(']', 200) + "\n");

        Assert.Contains("nests deeper", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTemplate_DuplicateKey_LineOfTheSecond()
    {
        var error = Fails("Resources:\n  R:\n    Type: AWS::IAM::Group\n  R:\n    Type: AWS::IAM::Group\n");

        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void FromTemplate_InvalidPolicyDocument_PathToTheDocument()
    {
        var error = Fails("""
            Resources:
              G:
                Type: AWS::IAM::Group
                Properties:
                  Policies:
                    - PolicyName: p
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement: [{Effect: Maybe, Action: "*", Resource: "*"}]
            """);

        Assert.Equal("$.Resources.G.Properties.Policies[0].PolicyDocument", error.DocumentPath);
        Assert.Equal(7, error.Line);
    }

    [Fact]
    public void FromTemplate_JsonSyntaxError_LineFromJson()
    {
        var error = Fails("{\n\t\"Resources\": {\n\t\t\"R\": {\"Type\": \"AWS::IAM::Group\" \"Properties\": {}}\n\t}\n}\n", ".json");

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void FromTemplate_RefToNothing_NamesIt()
    {
        var error = Fails("Resources:\n  G:\n    Type: AWS::IAM::Group\n    Properties:\n      GroupName: !Ref Missing\n");

        Assert.Contains("'Missing'", error.Reason, StringComparison.Ordinal);
        Assert.Equal(5, error.Line);
    }
}
