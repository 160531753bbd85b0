using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>A principal's policies as the evaluator needs them, with provenance, and what could not be read.</summary>
/// <param name="Principal">The principal and the IAM identity it maps to.</param>
/// <param name="PrincipalStatus">Whether the principal's IAM user or role was found, is known not to exist, or could not be read.</param>
/// <param name="Policies">The policies that were read; every one carries its <see cref="PolicySource"/>.</param>
public sealed record EffectivePolicies(ResolvedPrincipal Principal, SourceResultStatus PrincipalStatus, PolicySet Policies)
{
    /// <summary>Parts that could not be read. When any exist, a decision computed from <see cref="Policies"/> may be wrong.</summary>
    public IReadOnlyList<SourceGap> Gaps { get; init; } = [];

    /// <summary>Facts worth telling the reader that are not gaps, e.g. "used the bundled copy of AWSGlueConsoleFullAccess v14".</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The AWS managed policies served from the library's bundled copies (each also has a note).</summary>
    internal IReadOnlyList<ManagedPolicy> BundledCopies { get; init; } = [];

    /// <summary>The groups of an IAM user, as read (also those whose policies play no part).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The principal's unique ID, tags and organization, as far as the source could read them.</summary>
    public PrincipalAttributes Attributes { get; init; } = PrincipalAttributes.Unknown;

    /// <summary>Whether the principal was found and every part of its policies was read.</summary>
    public bool IsComplete => PrincipalStatus == SourceResultStatus.Found && Gaps.Count == 0;

    /// <summary>
    /// The policies for deciding requests for <paramref name="action"/> on <paramref name="resource"/>: a gap that is one
    /// statement which cannot match such a request is moved to <see cref="Notes"/> (it cannot change the decision).
    /// </summary>
    /// <param name="action">The action decided, e.g. <c>iam:PassRole</c>.</param>
    /// <param name="resource">The resource ARN, or <see langword="null"/> for any resource.</param>
    /// <returns>This, or a copy with fewer gaps.</returns>
    internal EffectivePolicies ScopedTo(string action, string? resource)
    {
        if (Gaps.All(g => g.CouldAffect(action, resource)))
        {
            return this;
        }

        var on = resource is null ? action : $"{action} on {resource}";
        return this with
        {
            Gaps = [.. Gaps.Where(g => g.CouldAffect(action, resource))],
            Notes = [.. Notes, .. Gaps.Where(g => !g.CouldAffect(action, resource)).Select(g => NotCounted(g, on))],
        };
    }

    /// <summary>Why an unknown statement is left out of a decision.</summary>
    internal static string NotCounted(SourceGap gap, string request) =>
        $"Not counted: {gap.Subject} is not known ({gap.Error.Message.TrimEnd('.')}), but it covers only {gap.Statement}, which cannot match {request}.";
}
