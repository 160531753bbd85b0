using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation;

/// <summary>The facts the built-in steps write, in the order they are usually learned. Custom steps read them and add their own keys.</summary>
public static class InvestigationFacts
{
    /// <summary>The parsed AccessDenied message (parse-error).</summary>
    public static readonly InvestigationFactKey<AccessDeniedMessage> Error = new("error");

    /// <summary>
    /// The action and resource an error for another action than <c>iam:PassRole</c> denies (parse-error): when known, the
    /// investigation evaluates that action for the principal instead of passing a role.
    /// </summary>
    public static readonly InvestigationFactKey<InvestigatedAction> Action = new("action");

    /// <summary>The principal that passes the role, parsed once (parse-error).</summary>
    public static readonly InvestigationFactKey<PrincipalArn> Principal = new("principal");

    /// <summary>The account investigated: the error's, else the caller identity's (parse-error, confirm-account).</summary>
    public static readonly InvestigationFactKey<string> Account = new("account");

    /// <summary>The identity the account source reads as (confirm-account).</summary>
    public static readonly InvestigationFactKey<CallerIdentity> CallerIdentity = new("caller-identity");

    /// <summary>The role as referenced so far: an ARN or a bare name (parse-error, read-glue-job).</summary>
    public static readonly InvestigationFactKey<string> RoleReference = new("role-reference");

    /// <summary>The Glue job read from the account (read-glue-job).</summary>
    public static readonly InvestigationFactKey<GlueResource> GlueJob = new("glue-job");

    /// <summary>The role read from the account, with its path, tags and trust policy (read-role).</summary>
    public static readonly InvestigationFactKey<IamRole> Role = new("role");

    /// <summary>Whether the role's trust policy lets the service assume it, explained (read-role).</summary>
    public static readonly InvestigationFactKey<EvaluationResult> RoleTrust = new("role-trust");

    /// <summary>The principal's policies with provenance, and what could not be read (resolve-policies).</summary>
    public static readonly InvestigationFactKey<EffectivePolicies> Policies = new("policies");

    /// <summary>The principal's policies compiled once for every evaluation of the investigation (evaluate-passrole).</summary>
    public static readonly InvestigationFactKey<CompiledPolicySet> CompiledPolicies = new("compiled-policies");

    /// <summary>The context the PassRole request is evaluated under: PassedToService, inferred MFA, principal keys (evaluate-passrole).</summary>
    public static readonly InvestigationFactKey<RequestContext> EvaluationContext = new("evaluation-context");

    /// <summary>The explained evaluation of the PassRole request (evaluate-passrole).</summary>
    public static readonly InvestigationFactKey<EvaluationResult> Evaluation = new("evaluation");

    /// <summary>The PassRole request as AWS builds it, every key with its source (evaluate-passrole).</summary>
    public static readonly InvestigationFactKey<Requests.BuiltRequest> PassRoleRequest = new("passrole-request");

    /// <summary>The PassRole decision per class of the call's circumstances (evaluate-passrole).</summary>
    public static readonly InvestigationFactKey<ConditionalDecision> Circumstances = new("circumstances");

    /// <summary>The decisions under the MFA variants (evaluate-passrole).</summary>
    public static readonly InvestigationFactKey<WhatIfResult> MfaVariants = new("mfa-variants");

    /// <summary>What blocks the request: deny statements, or layers without an allow (classify-cause).</summary>
    public static readonly InvestigationFactKey<IReadOnlyList<Blocker>> Blockers = new("blockers");

    /// <summary>The IAM Identity Center permission set behind an <c>AWSReservedSSO_*</c> principal, or why it could not be found (plan-fix).</summary>
    public static readonly InvestigationFactKey<SourceResult<IdentityCenterPermissionSet>> PermissionSet = new("permission-set");

    /// <summary>The proposed least-privilege fix (plan-fix).</summary>
    public static readonly InvestigationFactKey<ProposedFix> Fix = new("fix");

    /// <summary>The request re-evaluated with the fix applied (verify-fix).</summary>
    public static readonly InvestigationFactKey<FixVerification> Verification = new("verification");
}
