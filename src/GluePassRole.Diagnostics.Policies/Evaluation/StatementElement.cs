namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>The element of a statement that kept it from applying.</summary>
public enum StatementElement
{
    /// <summary><c>Action</c> / <c>NotAction</c> did not match the action.</summary>
    Action,

    /// <summary><c>Resource</c> / <c>NotResource</c> did not match the resource (or a policy variable in it had no value).</summary>
    Resource,

    /// <summary><c>Principal</c> / <c>NotPrincipal</c> did not match the principal.</summary>
    Principal,

    /// <summary>A condition was not satisfied.</summary>
    Condition,
}
