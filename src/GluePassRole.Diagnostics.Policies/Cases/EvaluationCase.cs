using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Cases;

/// <summary>One case of a case file: policies, a request and, optionally, the decision it should get.</summary>
/// <param name="Name">The case's name.</param>
/// <param name="Policies">The policies to evaluate against.</param>
/// <param name="Request">The request.</param>
internal sealed record EvaluationCase(string Name, PolicySet Policies, AuthorizationRequest Request)
{
    /// <summary>The expected decision, when the case states one.</summary>
    public Decision? Expected { get; init; }
}

/// <summary>One entry of a case file: a case, or the reason it could not be read.</summary>
/// <param name="Index">The zero-based position in the file.</param>
/// <param name="Name">The case's name, or <c>#index</c> when it has none.</param>
/// <param name="Case">The case, when it could be read.</param>
/// <param name="Error">What is wrong with it and where, when it could not.</param>
internal sealed record EvaluationCaseEntry(int Index, string Name, EvaluationCase? Case, string? Error);
