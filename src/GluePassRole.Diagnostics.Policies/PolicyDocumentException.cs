namespace GluePassRole.Diagnostics.Policies;

/// <summary>
/// Thrown when a text is not a valid IAM policy document. The message says what is wrong and where:
/// the JSON path of the offending element and, inside <c>Statement</c>, the statement's index.
/// </summary>
public sealed class PolicyDocumentException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong, without the location.</param>
    /// <param name="jsonPath">The JSON path of the offending element, e.g. <c>$.Statement[1].Effect</c>.</param>
    /// <param name="statementIndex">The zero-based index of the statement, when the problem is inside one.</param>
    /// <param name="innerException">The parser error, when there is one.</param>
    public PolicyDocumentException(string problem, string jsonPath, int? statementIndex = null, Exception? innerException = null)
        : base(Compose(problem, jsonPath, statementIndex), innerException)
    {
        Problem = problem;
        JsonPath = jsonPath;
        StatementIndex = statementIndex;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The JSON path of the offending element, e.g. <c>$.Statement[1].Effect</c>; <c>$</c> for the whole document.</summary>
    public string JsonPath { get; }

    /// <summary>The zero-based index of the statement the problem is in, or <see langword="null"/> outside statements.</summary>
    public int? StatementIndex { get; }

    private static string Compose(string problem, string jsonPath, int? statementIndex) =>
        statementIndex is int index
            ? $"{problem} (at {jsonPath}, statement {index})"
            : $"{problem} (at {jsonPath})";
}
