using static GluePassRole.Diagnostics.Policies.Tests.Conditions.Cond;

namespace GluePassRole.Diagnostics.Policies.Tests.Conditions;

// ARN operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
// Null: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
public class CompiledConditionArnAndNullTests
{
    private const string Key = "iam:AssociatedResourceArn";
    private const string Job = "arn:aws:glue:eu-west-1:111122223333:job/nightly";

    [Theory]
    [InlineData("ArnEquals", Job, true)]
    [InlineData("ArnEquals", "arn:aws:glue:eu-west-1:111122223333:job/*", true)] // ArnEquals also takes wildcards
    [InlineData("ArnLike", "arn:aws:glue:*:111122223333:job/*", true)]
    [InlineData("ArnLike", "arn:aws:glue:*:444455556666:job/*", false)]
    [InlineData("ArnLike", "arn:aws:glue:eu-west-1:111122223333:JOB/*", false)] // case-sensitive
    [InlineData("ArnNotLike", "arn:aws:glue:*:444455556666:*", true)]
    [InlineData("ArnNotEquals", Job, false)]
    [InlineData("ArnNotLike", "arn:aws:glue:*:*:job/*", false)]
    public void IsSatisfied_ArnOperator_MatchesArn(string op, string policyValue, bool expected) =>
        Assert.Equal(expected, Eval(op, Key, [policyValue], Request(Key, Job)));

    [Fact]
    public void IsSatisfied_ArnNotLikeWithoutKey_IsTrue() =>
        // Negated operators with a missing key evaluate to true: see the "Important" note on the operators page.
        Assert.True(Eval("ArnNotLike", Key, ["arn:aws:glue:*:*:*"], RequestContext.Empty));

    [Theory]
    [InlineData("true", false, true)]
    [InlineData("true", true, false)]
    [InlineData("false", true, true)]
    [InlineData("false", false, false)]
    [InlineData("TRUE", false, true)]
    public void IsSatisfied_Null_TestsKeyPresence(string policyValue, bool keyPresent, bool expected)
    {
        var context = keyPresent ? Request("aws:TokenIssueTime", "2026-11-28T00:00:00Z") : RequestContext.Empty;

        Assert.Equal(expected, Eval("Null", "aws:TokenIssueTime", [policyValue], context));
    }

    [Fact]
    public void IsSatisfied_NullTrueWithEmptyValueSet_TreatsKeyAsMissing() =>
        Assert.True(Eval("Null", "aws:TagKeys", ["true"], Request("aws:TagKeys")));

    [Fact]
    public void Explain_NullFalseWithoutKey_SaysWhy()
    {
        var evaluation = Compile("Null", "aws:TokenIssueTime", "false").Explain(RequestContext.Empty);

        Assert.False(evaluation.IsSatisfied);
        Assert.False(evaluation.KeyPresent);
        Assert.StartsWith("Null aws:TokenIssueTime: key is not in the request", evaluation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_NullWithNonBoolean_NeverMatches()
    {
        var condition = Compile("Null", "aws:TokenIssueTime", "maybe");

        Assert.False(condition.IsSatisfied(RequestContext.Empty));
        Assert.Single(condition.InvalidValues);
    }
}
