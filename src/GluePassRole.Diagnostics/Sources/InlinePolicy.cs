using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>An inline policy embedded in a user, group or role.</summary>
/// <param name="Name">The policy name.</param>
/// <param name="Document">The policy document.</param>
public sealed record InlinePolicy(string Name, PolicyDocument Document);
