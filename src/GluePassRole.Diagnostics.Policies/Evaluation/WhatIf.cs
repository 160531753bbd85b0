namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>A named variant of a request's context, for what-if evaluation.</summary>
/// <param name="Name">A short name, e.g. <c>MFA present</c>.</param>
/// <param name="Context">The whole context of the variant.</param>
public sealed record ContextVariant(string Name, RequestContext Context)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} [{Context}]";
}

/// <summary>Ready-made context variants.</summary>
public static class ContextVariants
{
    /// <summary>The key AWS sets when the session was authenticated with MFA.</summary>
    public const string MultiFactorAuthPresentKey = "aws:MultiFactorAuthPresent";

    /// <summary>
    /// The three states of <c>aws:MultiFactorAuthPresent</c>: <c>true</c> (signed in with MFA), <c>false</c> (console
    /// sign-in without MFA) and absent (long-term access keys) — IAM User Guide, "AWS global condition context keys".
    /// </summary>
    /// <param name="context">The context to vary; its other keys are kept.</param>
    /// <returns>The variants "MFA present", "MFA not present" and "MFA key absent".</returns>
    public static IReadOnlyList<ContextVariant> MultiFactorAuth(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return
        [
            new("MFA present", context.With(MultiFactorAuthPresentKey, "true")),
            new("MFA not present", context.With(MultiFactorAuthPresentKey, "false")),
            new("MFA key absent", context.Without(MultiFactorAuthPresentKey)),
        ];
    }
}

/// <summary>The decision of one context variant.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="Decision">Its decision.</param>
/// <param name="ChangesDecision">Whether it differs from the baseline decision.</param>
public sealed record VariantDecision(ContextVariant Variant, Decision Decision, bool ChangesDecision);

/// <summary>The decisions of a request under several contexts.</summary>
/// <param name="Baseline">The decision under the request's own context.</param>
/// <param name="Variants">Each variant's decision, in the order given.</param>
public sealed record WhatIfResult(Decision Baseline, IReadOnlyList<VariantDecision> Variants)
{
    /// <summary>The variants whose decision differs from the baseline.</summary>
    public IEnumerable<VariantDecision> Changing => Variants.Where(v => v.ChangesDecision);
}
