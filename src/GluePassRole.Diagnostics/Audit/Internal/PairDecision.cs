using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// One pair's decision per combination of the PassRole request's circumstance classes (one combination, with no
/// class, when the principal's policies use no circumstance), with the request when it is not the principal's template.
/// </summary>
internal readonly record struct PairDecision(CircumstanceSpace Space, IReadOnlyList<CircumstanceClass>[] Assignments, Decision[] Decisions, AuthorizationRequest? Request)
{
    public bool AnyAllowed => Array.IndexOf(Decisions, Decision.Allowed) >= 0;
}
