using static GluePassRole.Diagnostics.Policies.Tests.Conditions.Cond;

namespace GluePassRole.Diagnostics.Policies.Tests.Conditions;

// String operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
public class CompiledConditionStringTests
{
    private const string Key = "iam:PassedToService";

    [Theory]
    [InlineData("StringEquals", "glue.amazonaws.com", "glue.amazonaws.com", true)]
    [InlineData("StringEquals", "glue.amazonaws.com", "Glue.amazonaws.com", false)] // values are case-sensitive
    [InlineData("StringEquals", "glue.*", "glue.amazonaws.com", false)] // no wildcards in StringEquals
    [InlineData("StringNotEquals", "glue.amazonaws.com", "ec2.amazonaws.com", true)]
    [InlineData("StringNotEquals", "glue.amazonaws.com", "glue.amazonaws.com", false)]
    [InlineData("StringEqualsIgnoreCase", "glue.amazonaws.com", "GLUE.amazonaws.com", true)]
    [InlineData("StringNotEqualsIgnoreCase", "glue.amazonaws.com", "GLUE.amazonaws.com", false)]
    [InlineData("StringLike", "glue.*", "glue.amazonaws.com", true)]
    [InlineData("StringLike", "gl?e.amazonaws.com", "glue.amazonaws.com", true)]
    [InlineData("StringLike", "Glue.*", "glue.amazonaws.com", false)] // StringLike is case-sensitive
    [InlineData("StringNotLike", "ec2.*", "glue.amazonaws.com", true)]
    [InlineData("StringNotLike", "glue.*", "glue.amazonaws.com", false)]
    public void IsSatisfied_StringOperator_ComparesAsDocumented(string op, string policyValue, string requestValue, bool expected) =>
        Assert.Equal(expected, Eval(op, Key, [policyValue], Request(Key, requestValue)));

    [Fact]
    public void IsSatisfied_SeveralConditionValues_AnyOneMatches()
    {
        // Several values for one key are ORed: reference_policies_condition-logic-multiple-context-keys-or-values.
        var condition = Compile("StringEquals", Key, "ec2.amazonaws.com", "glue.amazonaws.com");

        Assert.True(condition.IsSatisfied(Request(Key, "glue.amazonaws.com")));
        Assert.False(condition.IsSatisfied(Request(Key, "lambda.amazonaws.com")));
    }

    [Fact]
    public void IsSatisfied_NegatedWithSeveralConditionValues_RequiresNoneToMatch()
    {
        // Negated operators combine their values with NOR:
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
        var condition = Compile("StringNotEquals", "aws:PrincipalTag/role", "audit", "security");

        Assert.False(condition.IsSatisfied(Request("aws:PrincipalTag/role", "audit")));
        Assert.False(condition.IsSatisfied(Request("aws:PrincipalTag/role", "security")));
        Assert.True(condition.IsSatisfied(Request("aws:PrincipalTag/role", "dev")));
    }

    [Fact]
    public void IsSatisfied_KeyInOtherCase_FindsKey()
    {
        // Context key names are case-insensitive: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
        var condition = Compile("StringEquals", "IAM:passedtoservice", "glue.amazonaws.com");

        Assert.True(condition.IsSatisfied(Request("iam:PassedToService", "glue.amazonaws.com")));
    }

    [Fact]
    public void Explain_StringEqualsMismatch_ReasonNamesRequestAndConditionValues()
    {
        var evaluation = Compile("StringEquals", Key, "glue.amazonaws.com").Explain(Request(Key, "ec2.amazonaws.com"));

        Assert.False(evaluation.IsSatisfied);
        Assert.True(evaluation.KeyPresent);
        Assert.Equal(["ec2.amazonaws.com"], evaluation.RequestValues);
        Assert.Equal("StringEquals iam:PassedToService: request value \"ec2.amazonaws.com\" is not one of [\"glue.amazonaws.com\"]", evaluation.Reason);
    }

    [Fact]
    public void Explain_StringLikeMatch_ReasonNamesMatchingPattern()
    {
        var evaluation = Compile("StringLike", Key, "ec2.*", "glue.*").Explain(Request(Key, "glue.amazonaws.com"));

        Assert.True(evaluation.IsSatisfied);
        Assert.Equal("StringLike iam:PassedToService: request value \"glue.amazonaws.com\" matches \"glue.*\"", evaluation.Reason);
    }

    [Fact]
    public void IsSatisfied_VariablesDisabled_DollarBraceIsLiteral()
    {
        // Policy variables need "Version": "2012-10-17": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
        var condition = Policies.Conditions.CompiledCondition.Compile(
            new PolicyCondition(ConditionOperator.Parse("StringEquals"), "aws:PrincipalTag/team", ["${aws:username}"]),
            policyVariablesEnabled: false);

        Assert.False(condition.HasPolicyVariables);
        Assert.True(condition.IsSatisfied(Request("aws:PrincipalTag/team", "${aws:username}")));
    }
}
