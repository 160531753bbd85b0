using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Policies.Validation;

/// <summary>What <see cref="PolicyValidator.Validate(string, PolicyType)"/> found in one document.</summary>
public sealed record PolicyValidationResult
{
    /// <summary>The policy type the document was checked as.</summary>
    public required PolicyType PolicyType { get; init; }

    /// <summary>
    /// The parsed document; <see langword="null"/> when the text is not a policy document at all (the one finding is then
    /// <see cref="PolicyRules.InvalidDocument"/>). Its <see cref="PolicyDocument.Type"/> is set when it has no error.
    /// </summary>
    public PolicyDocument? Document { get; init; }

    /// <summary>The findings, document-level first, then by statement, in document order.</summary>
    public required IReadOnlyList<PolicyFinding> Findings { get; init; }

    /// <summary>Whether any finding is an <see cref="PolicyFindingKind.Error"/>: AWS would reject the document as this type.</summary>
    public bool HasErrors => Findings.Any(f => f.Kind == PolicyFindingKind.Error);

    /// <summary>Whether any finding is a <see cref="PolicyFindingKind.SecurityWarning"/>.</summary>
    public bool HasSecurityWarnings => Findings.Any(f => f.Kind == PolicyFindingKind.SecurityWarning);

    /// <summary>How many findings are of <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public int Count(PolicyFindingKind kind) => Findings.Count(f => f.Kind == kind);

    /// <inheritdoc />
    public override string ToString() =>
        $"{PolicyType}: {Plural.Count(Count(PolicyFindingKind.Error), "error")}, {Plural.Count(Count(PolicyFindingKind.SecurityWarning), "security warning")}, "
        + $"{Plural.Count(Count(PolicyFindingKind.Warning), "warning")}, {Plural.Count(Count(PolicyFindingKind.Suggestion), "suggestion")}";
}
