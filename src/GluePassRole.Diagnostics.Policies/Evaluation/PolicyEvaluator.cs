namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>
/// Evaluates requests against IAM policies the way AWS does. A plain class: no DI, no I/O. Compile a
/// <see cref="PolicySet"/> once with <see cref="Compile"/> and evaluate many requests, or call <see cref="Evaluate(PolicySet, AuthorizationRequest)"/>
/// for a one-off.
/// </summary>
/// <example>
/// <code>
/// var set = new PolicySet { IdentityPolicies = [new SourcedPolicy(PolicyDocument.Parse(json), PolicySource.Supplied("GlueAccess"))] };
/// var result = PolicyEvaluator.Evaluate(set, AuthorizationRequest.PassRole(userArn, roleArn));
/// Assert.Equal(Decision.Allowed, result.Decision);
/// </code>
/// </example>
public static class PolicyEvaluator
{
    /// <summary>Compiles a policy set for repeated evaluation.</summary>
    /// <param name="policies">The policies.</param>
    /// <param name="options">Evaluator settings; <see cref="PolicyEvaluatorOptions.Default"/> when omitted.</param>
    /// <returns>The compiled set.</returns>
    /// <exception cref="PolicyDocumentException">A statement of <see cref="PolicySet.ResourcePolicy"/> has no <c>Principal</c> (or <c>NotPrincipal</c>).</exception>
    public static CompiledPolicySet Compile(PolicySet policies, PolicyEvaluatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return new CompiledPolicySet(policies, options ?? PolicyEvaluatorOptions.Default);
    }

    /// <summary>Evaluates one request and explains the decision.</summary>
    /// <param name="policies">The policies.</param>
    /// <param name="request">The request.</param>
    /// <returns>The explained result.</returns>
    /// <exception cref="PolicyDocumentException">A statement of <see cref="PolicySet.ResourcePolicy"/> has no <c>Principal</c> (or <c>NotPrincipal</c>).</exception>
    public static EvaluationResult Evaluate(PolicySet policies, AuthorizationRequest request) => Compile(policies).Evaluate(request);

    /// <summary>Evaluates one request against identity-based policies only (no boundary, SCP or resource policy).</summary>
    /// <param name="request">The request.</param>
    /// <param name="identityPolicies">The principal's identity-based policies.</param>
    /// <returns>The explained result.</returns>
    public static EvaluationResult Evaluate(AuthorizationRequest request, params PolicyDocument[] identityPolicies)
    {
        ArgumentNullException.ThrowIfNull(identityPolicies);
        var set = new PolicySet
        {
            IdentityPolicies = identityPolicies.Select((p, i) => new SourcedPolicy(p, PolicySource.Supplied(p.Id ?? $"policy {i}"))).ToArray(),
        };
        return Evaluate(set, request);
    }
}
