using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Policies.Validation.Internal;

/// <summary>One document under validation: its model, its type, and where its elements are written.</summary>
internal sealed class ValidationContext(PolicyDocument document, PolicyType type, SourceLocator? locator, bool reportPositions)
{
    public PolicyDocument Document { get; } = document;

    public PolicyType Type { get; } = type;

    public bool StatementIsArray => locator?.IsArray("$.Statement") ?? Document.Statements.Count > 1;

    public string StatementPath(int index) => PolicyGrammar.StatementPath(StatementIsArray, index);

    /// <summary>The path of item <paramref name="index"/> of a string-or-array element: <c>path[i]</c> when written as an array.</summary>
    public string ItemPath(string path, int index, int count) =>
        locator?.IsArray(path) ?? count > 1 ? $"{path}[{index}]" : path;

    /// <summary>The path of a condition key: <c>…Condition.StringEquals['iam:PassedToService']</c>.</summary>
    public string ConditionPath(int statementIndex, PolicyCondition condition) =>
        JsonPath.Child(JsonPath.Child(JsonPath.Child(StatementPath(statementIndex), "Condition"), condition.Operator.Name), condition.Key);

    public PolicyFinding Finding(PolicyRule rule, string message, string path, int? statementIndex, string? element) =>
        Locate(new PolicyFinding
        {
            Code = rule.Code,
            Kind = rule.Kind,
            Message = message,
            WhyItMatters = rule.WhyItMatters,
            HelpUri = rule.HelpUri,
            JsonPath = path,
            StatementIndex = statementIndex,
            Sid = statementIndex is int i && i < Document.Statements.Count ? Document.Statements[i].Sid : null,
            Element = element,
        }, locator, reportPositions);

    /// <summary>Adds the line and column of the finding's element (or its nearest written ancestor), and the path as written.</summary>
    public static PolicyFinding Locate(PolicyFinding finding, SourceLocator? locator, bool reportPositions)
    {
        if (locator?.Find(finding.JsonPath) is not { } location)
        {
            return finding;
        }

        var written = string.Equals(location.JsonPath, finding.JsonPath, StringComparison.OrdinalIgnoreCase) ? location.JsonPath : finding.JsonPath;
        return reportPositions
            ? finding with { JsonPath = written, Line = location.Line, Column = location.Column }
            : finding with { JsonPath = written };
    }
}
