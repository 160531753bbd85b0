namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>The outcome of evaluating a request, in the IAM policy simulator's vocabulary.</summary>
public enum Decision
{
    /// <summary>An allow applied in every layer that must allow, and no deny applied.</summary>
    Allowed,

    /// <summary>A Deny statement applied. It overrides every allow.</summary>
    ExplicitDeny,

    /// <summary>No deny applied, but some layer that must allow (identity, boundary, SCP, session policy...) had no allow.</summary>
    ImplicitDeny,

    /// <summary>
    /// The decision could not be made because data was missing. Never produced by <see cref="PolicyEvaluator"/>;
    /// investigations use it when policies could not be read. Unknown is never a deny.
    /// </summary>
    Unknown,
}
