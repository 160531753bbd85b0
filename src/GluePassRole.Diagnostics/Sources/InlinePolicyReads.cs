namespace GluePassRole.Diagnostics.Sources;

/// <summary>The inline policies of a user, group or role: those that were read, and those that could not be, each on its own.</summary>
/// <param name="Read">The policies that were read.</param>
/// <param name="Unread">The policies that could not be read, each with why.</param>
public sealed record InlinePolicyReads(IReadOnlyList<InlinePolicy> Read, IReadOnlyList<UnreadInlinePolicy> Unread);
