namespace GluePassRole.Diagnostics.Requests;

/// <summary>One condition key of the evaluated request, its values and where they came from.</summary>
/// <param name="Key">The condition key, e.g. <c>aws:PrincipalArn</c>.</param>
/// <param name="Values">Its values; for a circumstance, the one value it has when the request carries it, or empty when not known.</param>
/// <param name="Source">Where the values came from.</param>
/// <param name="Note">Why: the data read, the option, the assumption or what the circumstance depends on.</param>
public sealed record RequestKey(string Key, IReadOnlyList<string> Values, RequestKeySource Source, string Note)
{
    /// <inheritdoc />
    public override string ToString() =>
        Source == RequestKeySource.Circumstance
            ? $"{Key}: circumstance{(Values.Count > 0 ? $" ({string.Join(",", Values)} or absent)" : string.Empty)} ({Note})"
            : $"{Key}={string.Join(",", Values)} ({Source}: {Note})";
}
