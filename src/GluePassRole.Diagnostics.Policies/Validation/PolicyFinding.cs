namespace GluePassRole.Diagnostics.Policies.Validation;

/// <summary>One finding of <see cref="PolicyValidator"/>: what is wrong, where, and why it matters.</summary>
public sealed record PolicyFinding
{
    /// <summary>The check's stable code, e.g. <c>PassRoleOnAnyRole</c> (see <see cref="PolicyRules"/>).</summary>
    public required string Code { get; init; }

    /// <summary>How serious it is.</summary>
    public required PolicyFindingKind Kind { get; init; }

    /// <summary>What is wrong in this document, naming the values involved.</summary>
    public required string Message { get; init; }

    /// <summary>What goes wrong when the finding is ignored, and what to do instead.</summary>
    public required string WhyItMatters { get; init; }

    /// <summary>The AWS documentation page the check is based on.</summary>
    public required Uri HelpUri { get; init; }

    /// <summary>The JSON path of the element, e.g. <c>$.Statement[1].Resource[0]</c>; <c>$</c> for the whole document.</summary>
    public required string JsonPath { get; init; }

    /// <summary>The zero-based statement index, or <see langword="null"/> for a document-level finding.</summary>
    public int? StatementIndex { get; init; }

    /// <summary>The statement's Sid, when it has one.</summary>
    public string? Sid { get; init; }

    /// <summary>The policy element, e.g. <c>Principal</c>, <c>Resource</c>, <c>Condition</c>, <c>Version</c>.</summary>
    public string? Element { get; init; }

    /// <summary>
    /// The 1-based line of the element in the source text; <see langword="null"/> when unknown (URL-encoded input, whose
    /// lines are not the file's).
    /// </summary>
    public int? Line { get; init; }

    /// <summary>The 1-based column (UTF-16 code units) of the element in the source text; <see langword="null"/> when unknown.</summary>
    public int? Column { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind} {Code}{(Line is int line ? $" at {line}:{Column}" : string.Empty)} {JsonPath}: {Message}";
}
