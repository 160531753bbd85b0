using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>Whether a role's trust policy lets Glue assume it: the evaluator's role-trust rule, as the investigation asks it.</summary>
internal static class GlueTrust
{
    public const string GlueServicePrincipal = "glue.amazonaws.com";

    public static bool Trusts(PolicyDocument trustPolicy, string roleArn) =>
        RoleTrust.Evaluate(trustPolicy, roleArn, GlueServicePrincipal).Decision == Decision.Allowed;
}
