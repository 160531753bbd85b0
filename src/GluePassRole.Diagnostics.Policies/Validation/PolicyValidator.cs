using System.Text.Json;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Validation.Internal;

namespace GluePassRole.Diagnostics.Policies.Validation;

/// <summary>
/// Checks a policy document as a given policy type, the way IAM Access Analyzer's <c>ValidatePolicy</c> does: grammar
/// errors of the type, security warnings (broad <c>iam:PassRole</c>, guardrails that cannot fire), warnings and
/// suggestions. Pure: no I/O, no AWS calls.
/// </summary>
/// <remarks>
/// Every finding names its check (<see cref="PolicyRules"/>), the statement, the element and its JSON path, and — for
/// plain JSON text — the line and column where the element is written, so editors and SARIF viewers can point at it.
/// </remarks>
/// <example>
/// <code>
/// var result = PolicyValidator.Validate(File.ReadAllText("glue-access.json"), PolicyType.IdentityBased);
/// foreach (var finding in result.Findings) Console.WriteLine(finding);
/// if (result.HasErrors || result.HasSecurityWarnings) Environment.Exit(1);
/// </code>
/// </example>
public static class PolicyValidator
{
    private static readonly Func<ValidationContext, IEnumerable<PolicyFinding>>[] Checks =
    [
        GrammarCheck.Run,
        PassRoleCheck.Run,
        PassedToServiceCheck.Run,
        VersionCheck.Run,
        NotPrincipalCheck.Run,
        ActionCheck.Run,
        ConditionKeyCheck.Run,
    ];

    /// <summary>Every check this validator runs, for rule listings such as SARIF's <c>tool.driver.rules</c>.</summary>
    public static IReadOnlyList<PolicyRule> Rules => PolicyRules.All;

    /// <summary>Checks <paramref name="json"/> as a policy of <paramref name="type"/>.</summary>
    /// <param name="json">The document: JSON text, or URL-encoded as IAM's API returns it (positions are then not reported).</param>
    /// <param name="type">The kind of policy the document is meant to be.</param>
    /// <returns>The findings; an unparseable text gives one <see cref="PolicyRules.InvalidDocument"/> error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    /// <exception cref="Actions.ServiceAuthorizationReferenceException">The embedded action metadata cannot be read.</exception>
    public static PolicyValidationResult Validate(string json, PolicyType type)
    {
        ArgumentNullException.ThrowIfNull(json);
        PolicyDocument.Defined(type);

        // Positions are reported for the text as given; URL-encoded input is located (for paths) in its decoded form.
        var urlEncoded = json.AsSpan().TrimStart().StartsWith("%", StringComparison.Ordinal);
        var locator = SourceLocator.TryCreate(urlEncoded ? Decode(json) : json);

        PolicyDocument document;
        try
        {
            document = PolicyDocument.Parse(json);
        }
        catch (PolicyDocumentException ex)
        {
            return new PolicyValidationResult { PolicyType = type, Findings = [Invalid(ex, locator, !urlEncoded)] };
        }

        var context = new ValidationContext(document, type, locator, !urlEncoded);
        var findings = Checks.SelectMany(check => check(context))
            .Select((finding, order) => (finding, order))
            .OrderBy(f => f.finding.StatementIndex ?? -1)
            .ThenBy(f => f.order)
            .Select(f => f.finding)
            .ToList();
        var valid = !findings.Any(f => f.Kind == PolicyFindingKind.Error);
        return new PolicyValidationResult { PolicyType = type, Document = valid ? document with { Type = type } : document, Findings = findings };
    }

    private static PolicyFinding Invalid(PolicyDocumentException error, SourceLocator? locator, bool reportPositions)
    {
        var finding = new PolicyFinding
        {
            Code = PolicyRules.InvalidDocument.Code,
            Kind = PolicyRules.InvalidDocument.Kind,
            Message = error.Problem,
            WhyItMatters = PolicyRules.InvalidDocument.WhyItMatters,
            HelpUri = PolicyRules.InvalidDocument.HelpUri,
            JsonPath = error.JsonPath,
            StatementIndex = error.StatementIndex,
            Element = ElementOf(error.JsonPath),
        };

        // Not JSON at all: the parser says where it stopped.
        if (reportPositions && error.InnerException is JsonException { LineNumber: long line, BytePositionInLine: long column })
        {
            return finding with { Line = (int)line + 1, Column = (int)column + 1 };
        }

        return ValidationContext.Locate(finding, locator, reportPositions);
    }

    /// <summary>The last name in a path: <c>$.Statement[1].Effect</c> → <c>Effect</c>, <c>$.Statement[1]</c> → <c>Statement</c>.</summary>
    private static string? ElementOf(string path)
    {
        while (path.EndsWith(']') && !path.EndsWith("']", StringComparison.Ordinal))
        {
            path = path[..path.LastIndexOf('[')];
        }

        if (path.EndsWith("']", StringComparison.Ordinal))
        {
            return path[(path.LastIndexOf("['", StringComparison.Ordinal) + 2)..^2];
        }

        return path == "$" ? null : path[(path.LastIndexOf('.') + 1)..];
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Trim());
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
