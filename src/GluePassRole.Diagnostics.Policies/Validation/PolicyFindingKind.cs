namespace GluePassRole.Diagnostics.Policies.Validation;

/// <summary>
/// How serious a policy check finding is: the four kinds IAM Access Analyzer's <c>ValidatePolicy</c> returns
/// (IAM User Guide, "IAM policy validation check reference"), most serious first.
/// </summary>
public enum PolicyFindingKind
{
    /// <summary>The document is not valid for its policy type: AWS would reject it, or it cannot mean what it says.</summary>
    Error,

    /// <summary>The document grants more than it seems to, or a guardrail in it does not guard.</summary>
    SecurityWarning,

    /// <summary>The document is valid but does not follow the policy language's best practice.</summary>
    Warning,

    /// <summary>The document could be written more clearly; no change in meaning.</summary>
    Suggestion,
}
