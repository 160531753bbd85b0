using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>An inline policy embedded in a user, group or role.</summary>
/// <param name="Name">The policy name.</param>
/// <param name="Document">The policy document.</param>
/// <remarks>
/// When some statements are not known (a value known only at deploy, a statement the reader cannot read),
/// <see cref="Document"/> holds the statements that are, and <see cref="UnknownStatements"/> the others.
/// </remarks>
public sealed record InlinePolicy(string Name, PolicyDocument Document)
{
    /// <summary>The statements that are not known in full, each with what is known of it; empty when the whole document is known.</summary>
    public IReadOnlyList<UnknownStatement> UnknownStatements { get; init; } = [];
}
