namespace GluePassRole.Diagnostics.Policies;

/// <summary>The effect of a policy statement. IAM spells both values case-sensitively.</summary>
public enum Effect
{
    /// <summary><c>"Allow"</c>: the statement grants what it matches.</summary>
    Allow,

    /// <summary><c>"Deny"</c>: the statement denies what it matches, overriding any allow.</summary>
    Deny,
}
