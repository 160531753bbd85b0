namespace GluePassRole.Diagnostics.Sources;

/// <summary>A tag on an IAM user or role.</summary>
/// <param name="Key">The tag key.</param>
/// <param name="Value">The tag value.</param>
public sealed record IamTag(string Key, string Value);
