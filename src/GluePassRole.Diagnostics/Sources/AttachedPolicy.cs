namespace GluePassRole.Diagnostics.Sources;

/// <summary>A managed policy attached to a user, group or role (its document is read with <see cref="IIamReader.GetManagedPolicyAsync"/>).</summary>
/// <param name="Name">The policy name.</param>
/// <param name="Arn">The policy ARN.</param>
public sealed record AttachedPolicy(string Name, string Arn);
