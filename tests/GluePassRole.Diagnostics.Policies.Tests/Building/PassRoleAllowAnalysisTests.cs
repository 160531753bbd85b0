using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Policies.Tests.Building;

/// <summary>
/// Overly broad iam:PassRole allows.
/// Grant PassRole on specific roles, limited by iam:PassedToService:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
/// Access Analyzer security warning "PassRole With Star In Resource":
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
/// </summary>
public class PassRoleAllowAnalysisTests
{
    private static IReadOnlyList<BroadPassRoleAllow> Find(string json) => PassRoleAllowAnalysis.FindBroadAllows(PolicyDocument.Parse(json));

    private static string Doc(string statement) => $$$"""{"Version":"2012-10-17","Statement":[{{{statement}}}]}""";

    [Fact]
    public void FindBroadAllows_AdministratorAccess_FlagsStarOnStar()
    {
        var broad = Assert.Single(PassRoleAllowAnalysis.FindBroadAllows(TestData.ManagedPolicy("AdministratorAccess")));

        Assert.Equal(0, broad.StatementIndex);
        Assert.Equal(BroadPassRoleReasons.AnyRole | BroadPassRoleReasons.AnyService, broad.Reasons);
        Assert.Equal("*", broad.CoveringAction);
        Assert.Equal("#0", broad.Label);
        Assert.Equal(
            "Allow via '*' grants iam:PassRole and covers every role (Resource \"*\") and has no iam:PassedToService condition, so the role "
            + "can be passed to any service; name the exact role ARN and add StringEquals iam:PassedToService for the one service that needs it.",
            broad.Explanation);
    }

    [Fact]
    public void FindBroadAllows_AdministratorLikeInline_Flagged()
    {
        var broad = Assert.Single(Find(Doc("""{"Sid":"Admin","Effect":"Allow","Action":"*","Resource":"*"}""")));

        Assert.Equal("Admin", broad.Label);
        Assert.Equal("Admin: " + broad.Explanation, broad.ToString());
    }

    [Fact]
    public void FindBroadAllows_IamStarOnStar_Flagged()
    {
        var broad = Assert.Single(Find(Doc("""{"Sid":"IamAdmin","Effect":"Allow","Action":["s3:GetObject","iam:*"],"Resource":"*"}""")));

        Assert.Equal("iam:*", broad.CoveringAction);
        Assert.Equal(BroadPassRoleReasons.AnyRole | BroadPassRoleReasons.AnyService, broad.Reasons);
    }

    [Theory]
    [InlineData("iam:Pass*")]
    [InlineData("iam:passrole")]
    [InlineData("iam:P?ssRole")]
    [InlineData("*:PassRole")]
    public void FindBroadAllows_ActionPatternsCoveringPassRole_Flagged(string action)
    {
        var broad = Assert.Single(Find(Doc($$$"""{"Effect":"Allow","Action":"{{{action}}}","Resource":"*"}""")));

        Assert.Equal(action, broad.CoveringAction);
    }

    [Fact]
    public void FindBroadAllows_PassRoleWithoutPassedToService_FlaggedAnyServiceOnly()
    {
        var broad = Assert.Single(Find(Doc("""{"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/etl-runtime"}""")));

        Assert.Equal(BroadPassRoleReasons.AnyService, broad.Reasons);
        Assert.Contains("has no iam:PassedToService condition", broad.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("covers every role", broad.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void FindBroadAllows_StarResourceWithPassedToService_FlaggedAnyRoleOnly()
    {
        var broad = Assert.Single(Find(Doc("""
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}
            """)));

        Assert.Equal(BroadPassRoleReasons.AnyRole, broad.Reasons);
    }

    [Theory]
    [InlineData("arn:aws:iam::*:role/*")]
    [InlineData("arn:aws:iam::123456789012:role/*")]
    [InlineData("arn:aws:iam::*:*")]
    [InlineData("arn:aws:iam::*")]
    [InlineData("arn:aws:*")]
    [InlineData("arn:*:iam::*:role/*")]
    [InlineData("arn:aws:iam::123456789012:role*")]
    public void FindBroadAllows_PatternCoveringEveryRole_FlaggedAnyRole(string resource)
    {
        var broad = Assert.Single(Find(Doc($$$"""
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"{{{resource}}}","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"} } }
            """)));

        Assert.Equal(BroadPassRoleReasons.AnyRole, broad.Reasons);
        Assert.Contains($"Resource \"{resource}\"", broad.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::*:role/AWSGlueServiceRole*")]
    [InlineData("arn:aws:iam::123456789012:role/service-role/*")]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime")]
    [InlineData("arn:aws:s3:::*")]
    public void FindBroadAllows_ScopedAndConditioned_NotFlagged(string resource)
    {
        Assert.Empty(Find(Doc($$$"""
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"{{{resource}}}","Condition":{"StringLike":{"iam:PassedToService":"glue.amazonaws.com"} } }
            """)));
    }

    [Fact]
    public void FindBroadAllows_NotActionNotExcludingPassRole_Flagged()
    {
        var broad = Assert.Single(Find(Doc("""{"Effect":"Allow","NotAction":["iam:CreateUser","organizations:*"],"Resource":"*"}""")));

        Assert.Equal("NotAction iam:CreateUser,organizations:*", broad.CoveringAction);
    }

    [Theory]
    [InlineData("iam:*")]
    [InlineData("iam:PassRole")]
    [InlineData("*")]
    public void FindBroadAllows_NotActionExcludingPassRole_NotFlagged(string notAction)
    {
        Assert.Empty(Find(Doc($$$"""{"Effect":"Allow","NotAction":"{{{notAction}}}","Resource":"*"}""")));
    }

    [Fact]
    public void FindBroadAllows_NotResourceNotExcludingRoles_FlaggedAnyRole()
    {
        var broad = Assert.Single(Find(Doc("""
            {"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::123456789012:role/admin","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}
            """)));

        Assert.Equal(BroadPassRoleReasons.AnyRole, broad.Reasons);
        Assert.Contains("NotResource", broad.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void FindBroadAllows_NotResourceExcludingEveryRole_FlaggedOnlyForService()
    {
        var broad = Assert.Single(Find(Doc("""{"Effect":"Allow","Action":"iam:*","NotResource":"arn:aws:iam::*:role/*"}""")));

        Assert.Equal(BroadPassRoleReasons.AnyService, broad.Reasons);
    }

    [Theory]
    [InlineData("StringNotEquals", "\"ec2.amazonaws.com\"")]
    [InlineData("StringLike", "\"*\"")]
    [InlineData("Null", "\"false\"")]
    [InlineData("StringEquals", "\"glue.amazonaws.com\"", "iam:AssociatedResourceArn")]
    public void FindBroadAllows_ConditionThatDoesNotLimitTheService_FlaggedAnyService(string op, string value, string key = "iam:PassedToService")
    {
        var broad = Assert.Single(Find(Doc($$$"""
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/etl-runtime","Condition":{"{{{op}}}":{"{{{key}}}":{{{value}}}} } }
            """)));

        Assert.Equal(BroadPassRoleReasons.AnyService, broad.Reasons);
    }

    [Theory]
    [InlineData("StringEquals")]
    [InlineData("StringEqualsIfExists")]
    [InlineData("StringLike")]
    [InlineData("ForAnyValue:StringEquals")]
    public void FindBroadAllows_PassedToServiceLimited_NotFlagged(string op)
    {
        Assert.Empty(Find(Doc($$$"""
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/etl-runtime","Condition":{"{{{op}}}":{"IAM:passedtoservice":"glue.amazonaws.com"} } }
            """)));
    }

    [Fact]
    public void FindBroadAllows_DenyAndUnrelatedStatements_NotFlagged()
    {
        Assert.Empty(Find("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Deny","Action":"*","Resource":"*"},
              {"Effect":"Allow","Action":["glue:*","s3:*","iam:GetRole","iam:ListRoles"],"Resource":"*"},
              {"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}
            ]}
            """));
    }

    [Fact]
    public void FindBroadAllows_SeveralStatements_ReportsEachWithItsIndex()
    {
        var found = Find("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Fine","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/a","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}},
              {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/b"},
              {"Sid":"Star","Effect":"Allow","Action":"iam:Pass*","Resource":"*"}
            ]}
            """);

        Assert.Equal([1, 2], found.Select(f => f.StatementIndex));
        Assert.Equal(["#1", "Star"], found.Select(f => f.Label));
    }

    [Fact]
    public void FindBroadAllows_AWSGlueConsoleFullAccess_NothingFlagged()
    {
        // Its PassRole statements are scoped to AWSGlueServiceRole* / service-role/AWSGlueServiceRole* / AWSGlueServiceNotebookRole*
        // and conditioned on iam:PassedToService (field note; IAM-FACTS §3).
        var document = TestData.ManagedPolicy("AWSGlueConsoleFullAccess");
        Assert.Contains(document.Statements, s => s.Action?.Contains("iam:PassRole") == true);

        Assert.Empty(PassRoleAllowAnalysis.FindBroadAllows(document));
    }

    [Fact]
    public void FindBroadAllows_PowerUserAccess_DoesNotFlagPassRole()
    {
        // PowerUserAccess allows NotAction iam:*, organizations:*, account:* on *: iam:PassRole is excluded.
        var found = PassRoleAllowAnalysis.FindBroadAllows(TestData.ManagedPolicy("PowerUserAccess"));

        Assert.DoesNotContain(found, f => f.CoveringAction.StartsWith("NotAction", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => PassRoleAllowAnalysis.FindBroadAllows(null!));
        Assert.Throws<ArgumentNullException>(() => PassRoleAllowAnalysis.Analyze(null!));
    }
}
