namespace GluePassRole.Diagnostics.Policies;

/// <summary>One statement of an IAM policy document.</summary>
/// <remarks>
/// Exactly one of <see cref="Action"/> and <see cref="NotAction"/> is set. At most one of <see cref="Resource"/> and
/// <see cref="NotResource"/> is set (trust policies have neither), and at most one of <see cref="Principal"/> and
/// <see cref="NotPrincipal"/> (identity-based policies have neither).
/// </remarks>
public sealed record PolicyStatement
{
    /// <summary>The optional statement ID.</summary>
    public string? Sid { get; init; }

    /// <summary>Whether the statement allows or denies.</summary>
    public required Effect Effect { get; init; }

    /// <summary>The <c>Principal</c> element (resource-based and trust policies).</summary>
    public PolicyPrincipal? Principal { get; init; }

    /// <summary>The <c>NotPrincipal</c> element.</summary>
    public PolicyPrincipal? NotPrincipal { get; init; }

    /// <summary>The <c>Action</c> element's patterns, e.g. <c>iam:PassRole</c>, <c>glue:*</c>.</summary>
    public IReadOnlyList<string>? Action { get; init; }

    /// <summary>The <c>NotAction</c> element's patterns.</summary>
    public IReadOnlyList<string>? NotAction { get; init; }

    /// <summary>The <c>Resource</c> element's ARN patterns.</summary>
    public IReadOnlyList<string>? Resource { get; init; }

    /// <summary>The <c>NotResource</c> element's ARN patterns.</summary>
    public IReadOnlyList<string>? NotResource { get; init; }

    /// <summary>The condition operator/key pairs, in document order. Empty when the statement has no condition.</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; init; } = [];

    /// <summary>A short label for messages: the Sid when present, else <c>#index</c> in <paramref name="index"/>.</summary>
    /// <param name="index">The statement's zero-based position in its document.</param>
    /// <returns>The label.</returns>
    public string Label(int index) => string.IsNullOrEmpty(Sid) ? $"#{index}" : Sid;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Effect} {(Action is not null ? string.Join(",", Action) : "NotAction " + string.Join(",", NotAction ?? []))}"
        + $" on {(Resource is not null ? string.Join(",", Resource) : NotResource is not null ? "NotResource " + string.Join(",", NotResource) : "(none)")}"
        + (Conditions.Count > 0 ? " if " + string.Join(" and ", Conditions) : string.Empty);
}
