namespace GluePassRole.Diagnostics.Policies.Tests;

// Operators: IAM User Guide, "IAM JSON policy elements: Condition operators"
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
public class ConditionOperatorTests
{
    [Theory]
    [InlineData("StringEquals", ConditionOperatorKind.StringEquals, ConditionSetQualifier.None, false)]
    [InlineData("StringNotEqualsIgnoreCase", ConditionOperatorKind.StringNotEqualsIgnoreCase, ConditionSetQualifier.None, false)]
    [InlineData("BoolIfExists", ConditionOperatorKind.Bool, ConditionSetQualifier.None, true)]
    [InlineData("ForAllValues:StringLike", ConditionOperatorKind.StringLike, ConditionSetQualifier.ForAllValues, false)]
    [InlineData("ForAnyValue:ArnNotLikeIfExists", ConditionOperatorKind.ArnNotLike, ConditionSetQualifier.ForAnyValue, true)]
    [InlineData("DateGreaterThanEquals", ConditionOperatorKind.DateGreaterThanEquals, ConditionSetQualifier.None, false)]
    [InlineData("NotIpAddress", ConditionOperatorKind.NotIpAddress, ConditionSetQualifier.None, false)]
    [InlineData("BinaryEquals", ConditionOperatorKind.BinaryEquals, ConditionSetQualifier.None, false)]
    [InlineData("Null", ConditionOperatorKind.Null, ConditionSetQualifier.None, false)]
    [InlineData("numericlessthanequals", ConditionOperatorKind.NumericLessThanEquals, ConditionSetQualifier.None, false)]
    public void TryParse_DocumentedOperator_Parses(string name, ConditionOperatorKind kind, ConditionSetQualifier qualifier, bool ifExists)
    {
        Assert.True(ConditionOperator.TryParse(name, out var parsed));
        Assert.Equal(new ConditionOperator(kind, qualifier, ifExists), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("StringEqualz")]
    [InlineData("NullIfExists")] // "You can add IfExists to the end of any condition operator name except the Null condition"
    [InlineData("ForSomeValues:StringEquals")]
    [InlineData("ForAllValues:")]
    [InlineData("IfExists")]
    [InlineData("1")]
    [InlineData("StringEquals,Bool")]
    [InlineData(" StringEquals")]
    public void TryParse_UndocumentedOperator_Fails(string name)
    {
        Assert.False(ConditionOperator.TryParse(name, out _));
        Assert.Throws<ArgumentException>(() => ConditionOperator.Parse(name));
    }

    [Fact]
    public void Name_RoundTripsThroughTryParse()
    {
        foreach (var kind in Enum.GetValues<ConditionOperatorKind>())
        {
            foreach (var qualifier in Enum.GetValues<ConditionSetQualifier>())
            {
                foreach (var ifExists in new[] { false, true })
                {
                    if (kind == ConditionOperatorKind.Null && ifExists)
                    {
                        continue;
                    }

                    var op = new ConditionOperator(kind, qualifier, ifExists);
                    Assert.Equal(op, ConditionOperator.Parse(op.Name));
                }
            }
        }
    }

    [Theory]
    [InlineData("StringNotLike", true)]
    [InlineData("NotIpAddress", true)]
    [InlineData("ArnNotEquals", true)]
    [InlineData("StringLike", false)]
    [InlineData("Null", false)]
    public void IsNegated_MatchesTheNotOperators(string name, bool negated)
    {
        Assert.Equal(negated, ConditionOperator.Parse(name).IsNegated);
    }
}
