namespace GluePassRole.Diagnostics.Requests;

/// <summary>One condition key of the evaluated request, its values and where they came from.</summary>
/// <param name="Key">The condition key, e.g. <c>aws:PrincipalArn</c>.</param>
/// <param name="Values">Its values; empty for a circumstance, whose value is not known.</param>
/// <param name="Source">Where the values came from.</param>
/// <param name="Note">Why: the data read, the option, the assumption or what the circumstance depends on.</param>
public sealed record RequestKey(string Key, IReadOnlyList<string> Values, RequestKeySource Source, string Note)
{
    /// <inheritdoc />
    public override string ToString() =>
        Source == RequestKeySource.Circumstance ? $"{Key}: circumstance ({Note})" : $"{Key}={string.Join(",", Values)} ({Source}: {Note})";
}
