namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>
/// The outcome of testing one condition (one operator/key pair) against a request, with the reason in words.
/// </summary>
/// <remarks>
/// A statement applies only when all of its conditions are satisfied. The <see cref="Reason"/> names the operator, the key,
/// the request values and the condition values, e.g.
/// <c>StringEquals iam:PassedToService: request value "ec2.amazonaws.com" is not one of ["glue.amazonaws.com"]</c>.
/// Record equality compares <see cref="RequestValues"/> by reference; compare its contents in tests.
/// </remarks>
/// <param name="Condition">The condition that was tested.</param>
/// <param name="IsSatisfied">Whether the condition holds for the request.</param>
/// <param name="KeyPresent">Whether the request context has the condition key with at least one value.</param>
/// <param name="RequestValues">The request's values for the key, in order; empty when the key is missing.</param>
/// <param name="Reason">Why the condition is or is not satisfied, for people.</param>
public sealed record ConditionEvaluation(
    PolicyCondition Condition,
    bool IsSatisfied,
    bool KeyPresent,
    IReadOnlyList<string> RequestValues,
    string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{(IsSatisfied ? "satisfied" : "not satisfied")}: {Reason}";
}
