using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>Whether a role's trust policy lets Glue assume it: the investigation's trust rule, shared by the audit.</summary>
internal static class GlueTrust
{
    public const string GlueServicePrincipal = "glue.amazonaws.com";

    // TEMPORARY until branch h1-fidelity's RoleTrust.Evaluate is merged: the same rule as ReadRoleStep
    // (sts:AssumeRole by the service principal against the trust policy as the resource policy).
    public static bool Trusts(PolicyDocument trustPolicy, string roleArn) =>
        PolicyEvaluator.Evaluate(
            new PolicySet { ResourcePolicy = new SourcedPolicy(trustPolicy, new PolicySource(PolicySourceKind.ResourcePolicy, "trust policy")) },
            new AuthorizationRequest { Principal = GlueServicePrincipal, Action = "sts:AssumeRole", Resource = roleArn }).Decision == Decision.Allowed;
}
