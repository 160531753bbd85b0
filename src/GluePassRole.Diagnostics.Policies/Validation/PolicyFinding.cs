using GluePassRole.Diagnostics.Policies.Reporting;

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

    /// <summary>The finding in the form every report shares: its JSON path as the subject, its statement, Sid and element as facts, the file's line and column as its location.</summary>
    /// <param name="file">The file the document was read from, when it was read from one.</param>
    /// <returns>The finding.</returns>
    public ReportFinding ToReportFinding(string? file = null)
    {
        List<ReportFact> evidence = [new("kind", Kind.ToString()), new("jsonPath", JsonPath)];
        if (StatementIndex is int index)
        {
            evidence.Add(new("statementIndex", index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (Sid is { } sid)
        {
            evidence.Add(new("sid", sid));
        }

        if (Element is { } element)
        {
            evidence.Add(new("element", element));
        }

        return new ReportFinding(Code, Severity(Kind), JsonPath, Message)
        {
            Evidence = evidence,
            Locations = [new ReportLocation { File = file, Line = Line, Column = Line is null ? null : Column ?? 1, LogicalName = JsonPath, LogicalKind = "element" }],
        };
    }

    /// <summary>
    /// A kind on the shared scale: errors are errors, security warnings and warnings are warnings (a rule's <c>security</c>
    /// tag tells them apart), suggestions are notes.
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The severity.</returns>
    public static ReportSeverity Severity(PolicyFindingKind kind) => kind switch
    {
        PolicyFindingKind.Error => ReportSeverity.Error,
        PolicyFindingKind.Suggestion => ReportSeverity.Note,
        _ => ReportSeverity.Warning,
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind} {Code}{(Line is int line ? $" at {line}:{Column}" : string.Empty)} {JsonPath}: {Message}";
}
