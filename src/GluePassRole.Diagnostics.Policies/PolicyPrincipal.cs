namespace GluePassRole.Diagnostics.Policies;

/// <summary>
/// The value of a <c>Principal</c> or <c>NotPrincipal</c> element: either <c>"*"</c> (anyone) or principals by type
/// (<c>AWS</c>, <c>Service</c>, <c>Federated</c>, <c>CanonicalUser</c>).
/// </summary>
public sealed record PolicyPrincipal
{
    /// <summary>The principal written as the bare string <c>"*"</c>.</summary>
    public static PolicyPrincipal Anyone { get; } = new() { IsAnyone = true };

    /// <summary><see langword="true"/> when the element is the bare string <c>"*"</c>.</summary>
    public bool IsAnyone { get; init; }

    /// <summary>The principals by type, in document order. Empty when <see cref="IsAnyone"/> is true.</summary>
    public IReadOnlyList<PrincipalEntry> Entries { get; init; } = [];

    /// <summary>Creates a principal of one type with one or more values.</summary>
    /// <param name="type">One of <see cref="PrincipalEntry.KnownTypes"/>.</param>
    /// <param name="values">The principal identifiers (ARNs, account IDs, service principals, ...).</param>
    public static PolicyPrincipal Of(string type, params string[] values) =>
        new() { Entries = [new PrincipalEntry(type, values)] };

    /// <inheritdoc />
    public override string ToString() =>
        IsAnyone ? "*" : string.Join("; ", Entries.Select(e => $"{e.Type}: {string.Join(", ", e.Values)}"));
}

/// <summary>One type of principal with its identifiers, e.g. <c>"Service": ["glue.amazonaws.com"]</c>.</summary>
/// <param name="Type">The principal type: <c>AWS</c>, <c>Service</c>, <c>Federated</c> or <c>CanonicalUser</c>.</param>
/// <param name="Values">The identifiers, in document order.</param>
public sealed record PrincipalEntry(string Type, IReadOnlyList<string> Values)
{
    /// <summary>The principal types the IAM policy grammar defines.</summary>
    public static IReadOnlyList<string> KnownTypes { get; } = ["AWS", "Service", "Federated", "CanonicalUser"];
}
