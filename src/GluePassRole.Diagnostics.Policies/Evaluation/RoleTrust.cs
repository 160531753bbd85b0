using GluePassRole.Diagnostics.Policies.Evaluation.Internal;

namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>
/// Answers whether a role's trust policy lets a principal assume the role. A trust policy must allow on its own: "IAM role
/// trust policies and KMS key policies are exceptions to this logic, because they must explicitly allow access for
/// principals" (IAM User Guide, "Policy evaluation logic"). The evaluator applies the same rule to every
/// <c>sts:AssumeRole</c> request on a role; this type asks only the trust policy's part of it.
/// </summary>
/// <remarks>
/// The answer is the trust policy's: a statement that names the principal (its ARN, its account, <c>"*"</c>, or the
/// service principal) allows, a Deny that applies denies. When the trust policy names the principal's account, or the
/// principal is in another account, the principal also needs an identity-based allow for <c>sts:AssumeRole</c> in its
/// own account; that part is not this type's question. Conditions (<c>sts:ExternalId</c>, <c>aws:SourceAccount</c>, ...)
/// are evaluated against <c>context</c>; keys a statement uses but the context lacks are listed in
/// <see cref="EvaluationResult.MissingContextKeys"/>.
/// </remarks>
public static class RoleTrust
{
    /// <summary>The action a principal performs to assume a role.</summary>
    public const string AssumeRoleAction = "sts:AssumeRole";

    /// <summary>
    /// Whether the role's trust policy lets <paramref name="principal"/> perform <c>sts:AssumeRole</c> on the role.
    /// </summary>
    /// <param name="trustPolicy">The role's trust policy (its <c>AssumeRolePolicyDocument</c>).</param>
    /// <param name="roleArn">The role's ARN, <c>arn:aws:iam::ACCOUNT:role/PATH/NAME</c>.</param>
    /// <param name="principal">An ARN (user, role, role session, account root) or a service principal such as <c>glue.amazonaws.com</c>.</param>
    /// <param name="context">The request's condition keys; none when omitted.</param>
    /// <returns>
    /// <see cref="Decision.Allowed"/> only when the trust policy itself allows it, with the granting statement in
    /// <see cref="EvaluationResult.DecidingStatements"/>; <see cref="Decision.ExplicitDeny"/> with the denying statement;
    /// otherwise <see cref="Decision.ImplicitDeny"/>, whose <see cref="EvaluationResult.LayerLackingAllow"/> says that no
    /// trust statement grants it and <see cref="EvaluationResult.Misses"/> says why each candidate statement did not.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="roleArn"/> is not an IAM role ARN, or <paramref name="principal"/> is empty.</exception>
    public static EvaluationResult Evaluate(PolicyDocument trustPolicy, string roleArn, string principal, RequestContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(trustPolicy);
        ArgumentException.ThrowIfNullOrWhiteSpace(roleArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        if (!ArnFacts.IsRole(roleArn))
        {
            throw new ArgumentException($"\"{roleArn}\" is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME).", nameof(roleArn));
        }

        var source = new PolicySource(PolicySourceKind.ResourcePolicy, "trust policy") { AttachedTo = ArnFacts.RoleName(roleArn).ToString() };
        var set = new PolicySet { ResourcePolicy = new SourcedPolicy(trustPolicy, source) };
        var request = new AuthorizationRequest
        {
            Principal = principal,
            Action = AssumeRoleAction,
            Resource = roleArn,
            Context = context ?? RequestContext.Empty,
        };
        return PolicyEvaluator.Compile(set).EvaluateCore(request, resourcePolicyOnly: true);
    }

    /// <summary>
    /// The trust policy's answer for each class of the circumstances its conditions use, e.g. a confused-deputy guard
    /// (<c>StringEquals aws:SourceAccount</c>) whose key the assuming service may or may not send.
    /// </summary>
    /// <param name="trustPolicy">The role's trust policy.</param>
    /// <param name="roleArn">The role's ARN.</param>
    /// <param name="principal">The assuming principal, e.g. <c>glue.amazonaws.com</c>.</param>
    /// <param name="context">The keys the request is known to carry.</param>
    /// <param name="options">Which keys are circumstances (e.g. <c>aws:SourceAccount</c> for a service's request) and the bound.</param>
    /// <returns>The trust decision per combination of classes.</returns>
    public static ConditionalDecision DecideUnder(PolicyDocument trustPolicy, string roleArn, string principal, RequestContext context, CircumstanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(trustPolicy);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(roleArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        var source = new PolicySource(PolicySourceKind.ResourcePolicy, "trust policy") { AttachedTo = ArnFacts.RoleName(roleArn).ToString() };
        var compiled = PolicyEvaluator.Compile(new PolicySet { ResourcePolicy = new SourcedPolicy(trustPolicy, source) });
        var request = new AuthorizationRequest { Principal = principal, Action = AssumeRoleAction, Resource = roleArn, Context = context };
        var space = compiled.Circumstances(request, options);
        var outcomes = new List<CircumstanceOutcome>();
        foreach (var assignment in space.Assignments())
        {
            var concrete = CircumstanceSpace.Apply(context, assignment);
            outcomes.Add(new CircumstanceOutcome(assignment, compiled.EvaluateCore(request with { Context = concrete }, resourcePolicyOnly: true).Decision, concrete));
        }

        return new ConditionalDecision(space, outcomes);
    }
}
