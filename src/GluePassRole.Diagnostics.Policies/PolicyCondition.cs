namespace GluePassRole.Diagnostics.Policies;

/// <summary>
/// One operator/key pair of a statement's <c>Condition</c> block, e.g.
/// <c>"StringEquals": { "iam:PassedToService": "glue.amazonaws.com" }</c>.
/// </summary>
/// <remarks>
/// All pairs of a statement must be true for the statement to apply (AND); the values of one pair are alternatives (OR).
/// Numbers and booleans are kept as their JSON text (<c>"3600"</c>, <c>"true"</c>).
/// </remarks>
/// <param name="Operator">The parsed operator.</param>
/// <param name="Key">The condition key as written, e.g. <c>aws:MultiFactorAuthPresent</c>. Keys are case-insensitive.</param>
/// <param name="Values">The values to compare with, in document order; never empty.</param>
public sealed record PolicyCondition(ConditionOperator Operator, string Key, IReadOnlyList<string> Values)
{
    /// <inheritdoc />
    public override string ToString() => $"{Operator.Name} {Key} [{string.Join(", ", Values)}]";
}
