using GluePassRole.Diagnostics.Policies.Conditions;
using static GluePassRole.Diagnostics.Policies.Tests.Conditions.Cond;

namespace GluePassRole.Diagnostics.Policies.Tests.Conditions;

// Date operators accept W3C ISO 8601 forms and epoch (UNIX) seconds:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
public class CompiledConditionDateTests
{
    private const string Key = "aws:CurrentTime";

    [Theory]
    [InlineData("2026-11-28T00:00:00Z")]
    [InlineData("2026-11-28T00:00Z")]
    [InlineData("2026-11-28")]
    [InlineData("2026-11-28T00:00:00.000Z")]
    [InlineData("2026-11-28T01:00:00+01:00")]
    [InlineData("2026-11-27T19:00:00-0500")]
    [InlineData("2026-11-28T00:00:00")]
    [InlineData("1795824000")]
    public void IsSatisfied_DateEqualsInAnyForm_ComparesInstants(string policyValue) =>
        Assert.True(Eval("DateEquals", Key, [policyValue], Request(Key, "2026-11-28T00:00:00Z")));

    [Theory]
    [InlineData("DateLessThan", "2027-01-01T00:00:00Z", true)]
    [InlineData("DateLessThan", "2026-11-28T12:00:00Z", false)]
    [InlineData("DateLessThanEquals", "2026-11-28T12:00:00Z", true)]
    [InlineData("DateGreaterThan", "2026-11-28", true)]
    [InlineData("DateGreaterThanEquals", "2026-11-29", false)]
    [InlineData("DateNotEquals", "2026-11-28T12:00:00Z", false)]
    [InlineData("DateNotEquals", "2026-11-28T12:00:01Z", true)]
    public void IsSatisfied_DateOperator_ComparesAsDocumented(string op, string policyValue, bool expected) =>
        Assert.Equal(expected, Eval(op, Key, [policyValue], Request(Key, "2026-11-28T12:00:00Z")));

    [Fact]
    public void IsSatisfied_RequestValueInEpochSeconds_Compares() =>
        Assert.True(Eval("DateLessThan", "aws:TokenIssueTime", ["2026-11-28T00:00:00Z"], Request("aws:TokenIssueTime", "1795823999")));

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("yesterday")]
    [InlineData("2026-11-28T25:00Z")]
    public void Compile_InvalidDate_NeverMatches(string policyValue)
    {
        var condition = Compile("DateLessThan", Key, policyValue);

        Assert.False(condition.IsSatisfied(Request(Key, "2000-01-01T00:00:00Z")));
        Assert.Single(condition.InvalidValues);
    }

    [Fact]
    public void TryParse_Fraction_KeepsSubSecondPrecision()
    {
        Assert.True(IamDate.TryParse("2026-11-28T00:00:00.5Z", out var half));
        Assert.True(IamDate.TryParse("2026-11-28T00:00:00Z", out var whole));
        Assert.Equal(TimeSpan.TicksPerSecond / 2, half - whole);
    }
}
