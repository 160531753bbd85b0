using static GluePassRole.Diagnostics.Policies.Tests.Conditions.Cond;

namespace GluePassRole.Diagnostics.Policies.Tests.Conditions;

/// <summary>The missing-key, IfExists and set-qualifier matrix.</summary>
/// <remarks>
/// Sources:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html (missing key, IfExists)
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAllValues, ForAnyValue)
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html (negated set operators)
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html (OR / NOR)
/// </remarks>
public class CompiledConditionKeyAndSetTests
{
    private const string Key = "aws:TagKeys";

    [Theory]
    // Positive operators: a missing key does not match.
    [InlineData("StringEquals", false)]
    [InlineData("StringLike", false)]
    [InlineData("NumericLessThan", false)]
    [InlineData("DateGreaterThan", false)]
    [InlineData("Bool", false)]
    [InlineData("BinaryEquals", false)]
    [InlineData("IpAddress", false)]
    [InlineData("ArnLike", false)]
    // Negated operators: a missing key makes the condition true.
    [InlineData("StringNotEquals", true)]
    [InlineData("StringNotEqualsIgnoreCase", true)]
    [InlineData("StringNotLike", true)]
    [InlineData("NumericNotEquals", true)]
    [InlineData("DateNotEquals", true)]
    [InlineData("NotIpAddress", true)]
    [InlineData("ArnNotEquals", true)]
    [InlineData("ArnNotLike", true)]
    // IfExists: a missing key is a match, positive or negated.
    [InlineData("StringEqualsIfExists", true)]
    [InlineData("StringNotEqualsIfExists", true)]
    [InlineData("NumericLessThanIfExists", true)]
    [InlineData("IpAddressIfExists", true)]
    // Set qualifiers: ForAllValues is true over an empty set, ForAnyValue needs a value.
    [InlineData("ForAllValues:StringEquals", true)]
    [InlineData("ForAllValues:StringNotLike", true)]
    [InlineData("ForAnyValue:StringEquals", false)]
    [InlineData("ForAnyValue:StringNotEquals", false)]
    [InlineData("ForAnyValue:StringEqualsIfExists", true)]
    public void IsSatisfied_KeyMissing_FollowsOperatorRule(string op, bool expected)
    {
        var value = op.Contains("Numeric", StringComparison.Ordinal) ? "1"
            : op.Contains("Date", StringComparison.Ordinal) ? "2026-01-01"
            : op.Contains("Bool", StringComparison.Ordinal) ? "true"
            : op.Contains("Binary", StringComparison.Ordinal) ? "AAAA"
            : op.Contains("Ip", StringComparison.Ordinal) ? "10.0.0.0/8"
            : op.Contains("Arn", StringComparison.Ordinal) ? "arn:aws:iam::*:role/*"
            : "x";

        Assert.Equal(expected, Eval(op, Key, [value], RequestContext.Empty));
    }

    [Theory]
    [InlineData("ForAllValues:StringEquals", true)]
    [InlineData("ForAnyValue:StringEquals", false)]
    [InlineData("StringEquals", false)]
    [InlineData("StringNotEquals", true)]
    [InlineData("StringEqualsIfExists", true)]
    public void IsSatisfied_KeyPresentWithEmptySet_BehavesAsMissing(string op, bool expected) =>
        Assert.Equal(expected, Eval(op, Key, ["x"], Request(Key)));

    [Theory]
    [InlineData(new[] { "Dept" }, true)]
    [InlineData(new[] { "Dept", "CostCenter" }, true)]
    [InlineData(new[] { "Dept", "Owner" }, false)]
    public void IsSatisfied_ForAllValues_EveryRequestValueMustMatch(string[] requestValues, bool expected) =>
        Assert.Equal(expected, Eval("ForAllValues:StringEquals", Key, ["Dept", "CostCenter"], Request(Key, requestValues)));

    [Theory]
    [InlineData(new[] { "Owner", "Dept" }, true)]
    [InlineData(new[] { "Owner" }, false)]
    public void IsSatisfied_ForAnyValue_OneRequestValueSuffices(string[] requestValues, bool expected) =>
        Assert.Equal(expected, Eval("ForAnyValue:StringEquals", Key, ["Dept", "CostCenter"], Request(Key, requestValues)));

    [Theory]
    // AWS's worked example: Deny with ForAllValues:StringNotLike "key1*".
    [InlineData(new[] { "key1:legal" }, false)]
    [InlineData(new[] { "key1:hr", "key1:personnel" }, false)]
    [InlineData(new[] { "key2:audit" }, true)]
    [InlineData(new[] { "key1:hr", "key2:audit" }, false)]
    public void IsSatisfied_ForAllValuesNegated_EveryRequestValueMustMatchNone(string[] requestValues, bool expected) =>
        Assert.Equal(expected, Eval("ForAllValues:StringNotLike", Key, ["key1*"], Request(Key, requestValues)));

    [Theory]
    [InlineData(new[] { "key1:hr", "key2:audit" }, true)]
    [InlineData(new[] { "key1:hr" }, false)]
    public void IsSatisfied_ForAnyValueNegated_OneRequestValueMatchingNoneSuffices(string[] requestValues, bool expected) =>
        Assert.Equal(expected, Eval("ForAnyValue:StringNotLike", Key, ["key1*"], Request(Key, requestValues)));

    [Theory]
    // Without a qualifier several request values act like ForAnyValue for positive operators...
    [InlineData("StringEquals", new[] { "a", "b" }, true)]
    [InlineData("StringEquals", new[] { "c", "d" }, false)]
    // ...and the negated operator is exactly its negation (no request value may match).
    [InlineData("StringNotEquals", new[] { "a", "c" }, false)]
    [InlineData("StringNotEquals", new[] { "c", "d" }, true)]
    public void IsSatisfied_MultivaluedRequestWithoutQualifier_NegatedIsNegationOfPositive(string op, string[] requestValues, bool expected) =>
        Assert.Equal(expected, Eval(op, Key, ["a"], Request(Key, requestValues)));

    [Fact]
    public void IsSatisfied_IfExistsKeyPresent_ComparesNormally()
    {
        var condition = Compile("StringEqualsIfExists", "iam:PassedToService", "glue.amazonaws.com");

        Assert.True(condition.IsSatisfied(Request("iam:PassedToService", "glue.amazonaws.com")));
        Assert.False(condition.IsSatisfied(Request("iam:PassedToService", "ec2.amazonaws.com")));
    }

    [Theory]
    [InlineData("StringEquals", "key aws:TagKeys is not in the request; StringEquals does not match a missing key")]
    [InlineData("StringNotEquals", "key aws:TagKeys is not in the request; the negated operator StringNotEquals is satisfied when the key is missing")]
    [InlineData("ForAllValues:StringEquals", "key aws:TagKeys is not in the request; ForAllValues:StringEquals is satisfied by an empty set of request values")]
    [InlineData("ForAnyValue:StringEquals", "key aws:TagKeys is not in the request; ForAnyValue:StringEquals needs at least one request value")]
    public void Explain_KeyMissing_ReasonStatesRule(string op, string expected)
    {
        var evaluation = Compile(op, Key, "x").Explain(RequestContext.Empty);

        Assert.False(evaluation.KeyPresent);
        Assert.Equal(expected, evaluation.Reason);
    }

    [Fact]
    public void Explain_ForAllValuesWithSeveralValues_ReasonCoversEachValue()
    {
        var evaluation = Compile("ForAllValues:StringEquals", Key, "Dept").Explain(Request(Key, "Dept", "Owner"));

        Assert.False(evaluation.IsSatisfied);
        Assert.Equal(["Dept", "Owner"], evaluation.RequestValues);
        Assert.Equal(
            "ForAllValues:StringEquals aws:TagKeys: every request value must match a condition value: "
            + "request value \"Dept\" equals \"Dept\"; request value \"Owner\" is not one of [\"Dept\"]",
            evaluation.Reason);
    }

    [Fact]
    public void Explain_AgreesWithIsSatisfied()
    {
        string[] ops = ["StringEquals", "StringNotEquals", "ForAllValues:StringLike", "ForAnyValue:StringNotLike", "StringLikeIfExists"];
        RequestContext[] contexts = [RequestContext.Empty, Request(Key), Request(Key, "a"), Request(Key, "a", "b"), Request(Key, "c")];
        foreach (var op in ops)
        {
            var condition = Compile(op, Key, "a*");
            foreach (var context in contexts)
            {
                Assert.Equal(condition.IsSatisfied(context), condition.Explain(context).IsSatisfied);
            }
        }
    }
}
