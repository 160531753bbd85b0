using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Tests.Matching;

public class ActionPatternTests
{
    // The service prefix and action name are case-insensitive; '*' and '?' may appear in either.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
    [Theory]
    [InlineData("iam:PassRole", "iam:PassRole", true)]
    [InlineData("iam:PassRole", "IAM:passrole", true)]
    [InlineData("IAM:PASSROLE", "iam:PassRole", true)]
    [InlineData("iam:Pass*", "iam:PassRole", true)]
    [InlineData("iam:pass*", "iam:PassRole", true)]
    [InlineData("iam:*", "iam:PassRole", true)]
    [InlineData("*", "iam:PassRole", true)]
    [InlineData("iam:P?ssRole", "iam:PassRole", true)]
    [InlineData("iam:*Role", "iam:PassRole", true)]
    [InlineData("iam:*AccessKey*", "iam:ListAccessKeys", true)]
    [InlineData("i?m:PassRole", "iam:PassRole", true)]
    [InlineData("iam:PassRole", "iam:PassRoleX", false)]
    [InlineData("iam:PassRole", "glue:PassRole", false)]
    [InlineData("iam:Get*", "iam:PassRole", false)]
    [InlineData("glue:*", "iam:PassRole", false)]
    [InlineData("iam:Pass?", "iam:PassRole", false)]
    [InlineData("iam", "iam:PassRole", false)]
    public void IsMatch_IamActionPatterns_MatchCaseInsensitively(string pattern, string action, bool expected)
    {
        Assert.Equal(expected, ActionPattern.Create(pattern).IsMatch(action));
    }

    [Fact]
    public void Pattern_ReturnsTextAsWritten()
    {
        Assert.Equal("iam:Pass*", ActionPattern.Create("iam:Pass*").Pattern);
    }

    [Fact]
    public void IsMatchAll_Star_IsTrue()
    {
        Assert.True(ActionPattern.Create("*").IsMatchAll);
        Assert.False(ActionPattern.Create("iam:*").IsMatchAll);
    }
}
