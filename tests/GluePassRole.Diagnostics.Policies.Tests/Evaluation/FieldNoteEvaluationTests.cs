using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Policies.Tests.Evaluation;

/// <summary>
/// The field note's simulations, reproduced: explicit deny without MFA, implicit deny with MFA, allowed after the fix.
/// PassRole semantics: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
/// MFA key: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
/// </summary>
public class FieldNoteEvaluationTests
{
    private static readonly CompiledPolicySet Before = PolicyEvaluator.Compile(FieldNote.Policies);
    private static readonly CompiledPolicySet After = PolicyEvaluator.Compile(FieldNote.PoliciesWithFix);

    [Fact]
    public void Evaluate_NoMfaContext_ExplicitDenyFromForceMfaGuardrail()
    {
        var result = Before.Evaluate(FieldNote.PassRole(mfa: null));

        Assert.Equal(Decision.ExplicitDeny, result.Decision);
        var deny = Assert.Single(result.DecidingStatements);
        Assert.Equal("DenyAllExceptListedIfNoMFA", deny.StatementLabel);
        Assert.Equal("Force_MFA", deny.Policy.Source.Name);
        Assert.Equal(PolicyType.IdentityBased, deny.PolicyType);
        Assert.Contains("aws:MultiFactorAuthPresent", result.MissingContextKeys);
    }

    [Fact]
    public void Evaluate_MfaFalse_ExplicitDeny()
    {
        Assert.Equal(Decision.ExplicitDeny, Before.Decide(FieldNote.PassRole(mfa: "false")));
    }

    [Fact]
    public void Evaluate_MfaTrue_ImplicitDenyWithGlueConsoleNearMiss()
    {
        var result = Before.Evaluate(FieldNote.PassRole(mfa: "true"));

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Empty(result.DecidingStatements);
        Assert.Equal(PolicyType.IdentityBased, result.LayerLackingAllow!.PolicyType);

        var misses = result.Misses.Where(m => m.Policy.Source.Name == "AWSGlueConsoleFullAccess" && m.FailedElement == StatementElement.Resource).ToList();
        Assert.Contains(misses, m => m.ResourcePatterns.Contains("arn:aws:iam::*:role/AWSGlueServiceRole*"));
        Assert.Contains(misses, m => m.ResourcePatterns.Contains("arn:aws:iam::*:role/service-role/AWSGlueServiceRole*"));
        Assert.All(misses, m => Assert.Contains("does not match arn:aws:iam::123456789012:role/etl-runtime", m.Reason, StringComparison.Ordinal));

        // The guardrail mentions the action but did not fire: reported as a miss on its condition.
        var guardrail = Assert.Single(result.Misses, m => m.StatementLabel == "DenyAllExceptListedIfNoMFA");
        Assert.Equal(StatementElement.Condition, guardrail.FailedElement);
    }

    [Fact]
    public void Evaluate_WithFix_Allowed()
    {
        var result = After.Evaluate(FieldNote.PassRole(mfa: "true"));

        Assert.Equal(Decision.Allowed, result.Decision);
        var allow = Assert.Single(result.DecidingStatements);
        Assert.Equal("AllowPassGlueRuntimeRoleToGlue", allow.StatementLabel);
        Assert.Equal("GlueAccess", allow.Policy.Source.AttachedTo);
    }

    [Fact]
    public void Evaluate_FixButPassedToAnotherService_ImplicitDenyOnCondition()
    {
        var result = After.Evaluate(FieldNote.PassRole(mfa: "true", service: "ec2.amazonaws.com"));

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        var miss = Assert.Single(result.Misses, m => m.StatementLabel == "AllowPassGlueRuntimeRoleToGlue");
        Assert.Equal(StatementElement.Condition, miss.FailedElement);
        Assert.Contains("iam:PassedToService", miss.Reason, StringComparison.Ordinal);
        Assert.Contains("ec2.amazonaws.com", miss.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/AWSGlueServiceRoleEtl", Decision.Allowed)]
    [InlineData("arn:aws:iam::123456789012:role/service-role/AWSGlueServiceRole-etl", Decision.Allowed)]
    [InlineData("arn:aws:iam::123456789012:role/team/AWSGlueServiceRoleEtl", Decision.ImplicitDeny)]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime", Decision.ImplicitDeny)]
    public void Decide_GlueConsoleFullAccessRoleNames_OnlyServiceRoleNamesPass(string role, Decision expected)
    {
        // AWSGlueConsoleFullAccess allows iam:PassRole on role/AWSGlueServiceRole* and role/service-role/AWSGlueServiceRole*.
        // https://docs.aws.amazon.com/glue/latest/dg/create-an-iam-role.html
        Assert.Equal(expected, Before.Decide(FieldNote.PassRole("true", role)));
    }

    [Fact]
    public void WhatIf_MfaVariants_ReportWhichChangeTheDecision()
    {
        var request = FieldNote.PassRole(mfa: null);

        var whatIf = Before.WhatIf(request, ContextVariants.MultiFactorAuth(request.Context));

        Assert.Equal(Decision.ExplicitDeny, whatIf.Baseline);
        Assert.Equal([Decision.ImplicitDeny, Decision.ExplicitDeny, Decision.ExplicitDeny], whatIf.Variants.Select(v => v.Decision));
        Assert.Equal("MFA present", Assert.Single(whatIf.Changing).Variant.Name);
    }

    [Fact]
    public void Decide_CompiledFieldNoteSet_AllocatesNothing()
    {
        var request = FieldNote.PassRole(mfa: "true");
        After.Decide(request);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            After.Decide(request);
            Before.Decide(request);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Explanation_ImplicitDeny_NamesTheLayerAndIsReadable()
    {
        var result = Before.Evaluate(FieldNote.PassRole(mfa: "true"));

        Assert.Contains("Implicitly denied: iam:PassRole on arn:aws:iam::123456789012:role/etl-runtime", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("No statement in the identity-based policies allows it.", result.Explanation, StringComparison.Ordinal);
    }
}
