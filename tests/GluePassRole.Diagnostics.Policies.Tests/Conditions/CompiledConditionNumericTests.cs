using static GluePassRole.Diagnostics.Policies.Tests.Conditions.Cond;

namespace GluePassRole.Diagnostics.Policies.Tests.Conditions;

// Numeric operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
public class CompiledConditionNumericTests
{
    private const string Key = "s3:max-keys";

    [Theory]
    [InlineData("NumericEquals", "10", "10", true)]
    [InlineData("NumericEquals", "10", "10.0", true)]
    [InlineData("NumericEquals", "10", "11", false)]
    [InlineData("NumericNotEquals", "10", "11", true)]
    [InlineData("NumericNotEquals", "10", "10", false)]
    [InlineData("NumericLessThan", "10", "9", true)]
    [InlineData("NumericLessThan", "10", "10", false)]
    [InlineData("NumericLessThanEquals", "10", "10", true)]
    [InlineData("NumericGreaterThan", "10", "10.5", true)]
    [InlineData("NumericGreaterThan", "10", "-3", false)]
    [InlineData("NumericGreaterThanEquals", "2.5", "2.50", true)]
    [InlineData("NumericLessThan", "3600", "900", true)]
    public void IsSatisfied_NumericOperator_ComparesNumbersNotText(string op, string policyValue, string requestValue, bool expected) =>
        Assert.Equal(expected, Eval(op, Key, [policyValue], Request(Key, requestValue)));

    [Fact]
    public void IsSatisfied_RequestValueNotANumber_DoesNotMatch()
    {
        Assert.False(Eval("NumericLessThan", Key, ["10"], Request(Key, "abc")));
    }

    [Fact]
    public void Compile_ConditionValueNotANumber_NeverMatchesAndIsReported()
    {
        var condition = Compile("NumericLessThan", Key, "abc");

        Assert.False(condition.IsSatisfied(Request(Key, "1")));
        Assert.Equal(["\"abc\" is not a number"], condition.InvalidValues);
        Assert.Contains("is not a number", condition.Explain(Request(Key, "1")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_NumericLessThanFails_ReasonSaysComparison()
    {
        var evaluation = Compile("NumericLessThan", Key, "10").Explain(Request(Key, "20"));

        Assert.Equal("NumericLessThan s3:max-keys: request value \"20\" is not less than any of [\"10\"]", evaluation.Reason);
    }
}
