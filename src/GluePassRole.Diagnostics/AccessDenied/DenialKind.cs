namespace GluePassRole.Diagnostics.AccessDenied;

/// <summary>What the reason clause of an AccessDenied message says about the denial.</summary>
public enum DenialKind
{
    /// <summary>
    /// The message has no reason clause: messages from before the 2021 enhancement, and services that do not use the format.
    /// </summary>
    Unspecified = 0,

    /// <summary><c>with an explicit deny [in a &lt;policy type&gt;]</c>: a <c>Deny</c> statement matched.</summary>
    ExplicitDeny,

    /// <summary><c>because no &lt;policy type&gt; allows the &lt;action&gt; action</c>: no statement allowed the request.</summary>
    ImplicitDeny,
}
