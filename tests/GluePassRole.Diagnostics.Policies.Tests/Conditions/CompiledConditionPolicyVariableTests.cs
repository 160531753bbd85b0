using static GluePassRole.Diagnostics.Policies.Tests.Conditions.Cond;

namespace GluePassRole.Diagnostics.Policies.Tests.Conditions;

/// <summary>Policy variables in condition values.</summary>
/// <remarks>
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html: variables are allowed in String, Bool
/// and ARN condition values (not Numeric, Date, Binary, IP); a variable without a value makes its condition value match nothing.
/// </remarks>
public class CompiledConditionPolicyVariableTests
{
    [Fact]
    public void IsSatisfied_VariableResolvesToRequestValue_Matches()
    {
        var condition = Compile("StringEquals", "aws:PrincipalTag/owner", "${aws:username}");
        var context = Request("aws:username", "alice").With("aws:PrincipalTag/owner", "alice");

        Assert.True(condition.IsSatisfied(context));
        Assert.Contains("equals \"alice\"", condition.Explain(context).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IsSatisfied_ArnLikeWithVariable_SubstitutedTextIsLiteral()
    {
        var condition = Compile("ArnLike", "iam:AssociatedResourceArn", "arn:aws:glue:*:111122223333:job/${aws:username}-*");

        Assert.True(condition.IsSatisfied(Request("aws:username", "alice").With("iam:AssociatedResourceArn", "arn:aws:glue:eu-west-1:111122223333:job/alice-etl")));
        // A '*' inside the substituted value must not act as a wildcard.
        Assert.False(condition.IsSatisfied(Request("aws:username", "*").With("iam:AssociatedResourceArn", "arn:aws:glue:eu-west-1:111122223333:job/bob-etl")));
    }

    [Fact]
    public void IsSatisfied_UnresolvedVariableWithPositiveOperator_DoesNotMatch()
    {
        var condition = Compile("StringEquals", "aws:PrincipalTag/owner", "${aws:username}");

        Assert.False(condition.IsSatisfied(Request("aws:PrincipalTag/owner", "alice")));
    }

    [Fact]
    public void IsSatisfied_UnresolvedVariableWithNegatedOperator_CountsAsNotEqual()
    {
        var condition = Compile("StringNotEquals", "aws:PrincipalTag/owner", "${aws:username}");

        Assert.True(condition.IsSatisfied(Request("aws:PrincipalTag/owner", "alice")));
    }

    [Fact]
    public void Explain_UnresolvedVariable_ReasonSaysItMatchesNothing()
    {
        var reason = Compile("StringEquals", "aws:PrincipalTag/owner", "${aws:username}").Explain(Request("aws:PrincipalTag/owner", "alice")).Reason;

        Assert.Contains("\"${aws:username}\" has a policy variable with no value in the request and matches nothing", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_VariableInNumericValue_IsNotSupportedAndNeverMatches()
    {
        var condition = Compile("NumericLessThan", "s3:max-keys", "${aws:username}");

        Assert.False(condition.HasPolicyVariables);
        Assert.Single(condition.InvalidValues);
        Assert.False(condition.IsSatisfied(Request("s3:max-keys", "1").With("aws:username", "5")));
    }

    [Fact]
    public void Compile_VariableInStringValue_IsResolvedPerRequest() =>
        Assert.True(Compile("StringEquals", "aws:PrincipalTag/owner", "${aws:username}").HasPolicyVariables);

    [Fact]
    public void IsSatisfied_WithVariables_NeverThrows()
    {
        var condition = Compile("StringLike", "s3:prefix", "home/${aws:username}/*", "${", "${}", "${aws:username, 'x'");

        var exception = Record.Exception(() => condition.Explain(Request("s3:prefix", "home/alice/a")));

        Assert.Null(exception);
    }
}
