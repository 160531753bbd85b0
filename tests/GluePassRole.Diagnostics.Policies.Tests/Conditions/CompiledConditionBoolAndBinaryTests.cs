using static GluePassRole.Diagnostics.Policies.Tests.Conditions.Cond;

namespace GluePassRole.Diagnostics.Policies.Tests.Conditions;

// Bool and BinaryEquals: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
public class CompiledConditionBoolAndBinaryTests
{
    private const string Mfa = "aws:MultiFactorAuthPresent";

    [Theory]
    [InlineData("true", "true", true)]
    [InlineData("false", "true", false)]
    [InlineData("false", "false", true)]
    [InlineData("True", "true", true)] // true/false are read case-insensitively
    [InlineData("true", "TRUE", true)]
    [InlineData("true", "yes", false)]
    [InlineData("true", " true", false)]
    [InlineData("true", "1", false)]
    public void IsSatisfied_Bool_ComparesBooleans(string policyValue, string requestValue, bool expected) =>
        Assert.Equal(expected, Eval("Bool", Mfa, [policyValue], Request(Mfa, requestValue)));

    [Fact]
    public void IsSatisfied_ForceMfaBoolIfExistsWithoutKey_Matches()
    {
        // Force-MFA guardrail: long-term access keys send no aws:MultiFactorAuthPresent, so the Deny applies.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
        var evaluation = Compile("BoolIfExists", Mfa, "false").Explain(RequestContext.Empty);

        Assert.True(evaluation.IsSatisfied);
        Assert.False(evaluation.KeyPresent);
        Assert.Empty(evaluation.RequestValues);
        Assert.Equal("key aws:MultiFactorAuthPresent is not in the request; BoolIfExists treats a missing key as a match", evaluation.Reason);
    }

    [Fact]
    public void IsSatisfied_ForceMfaBoolIfExistsWithMfa_DoesNotMatch() =>
        Assert.False(Eval("BoolIfExists", Mfa, ["false"], Request(Mfa, "true")));

    [Theory]
    [InlineData("QmluYXJ5VmFsdWU=", "QmluYXJ5VmFsdWU=", true)]
    [InlineData("QmluYXJ5VmFsdWU=", "QmluYXJ5VmFsdWF=", false)]
    [InlineData("QmluYXJ5VmFsdWU=", "not base64!", false)]
    public void IsSatisfied_BinaryEquals_ComparesDecodedBytes(string policyValue, string requestValue, bool expected) =>
        Assert.Equal(expected, Eval("BinaryEquals", "key", [policyValue], Request("key", requestValue)));

    [Fact]
    public void Compile_BinaryEqualsInvalidBase64_IsReported()
    {
        var condition = Compile("BinaryEquals", "key", "%%%");

        Assert.Equal(["\"%%%\" is not base64"], condition.InvalidValues);
        Assert.False(condition.IsSatisfied(Request("key", "%%%")));
    }
}
