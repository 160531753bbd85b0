using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>
/// Whether a role's trust policy lets Glue assume it, per class of the circumstances of Glue's own request: the request
/// <see cref="RequestBuilder.ServiceAssumeRole"/> builds (<c>aws:PrincipalIsAWSService=true</c>,
/// <c>aws:PrincipalServiceName</c>; <c>aws:SourceAccount</c> and <c>aws:SourceArn</c> are circumstances, because AWS does
/// not document that Glue sends them), decided by <see cref="RoleTrust.DecideUnder"/>.
/// </summary>
internal static class GlueTrust
{
    public const string GlueServicePrincipal = "glue.amazonaws.com";

    /// <summary>The trust policy's decision for Glue assuming <paramref name="role"/>, per class of the circumstances.</summary>
    public static ConditionalDecision Decide(RequestBuilder builder, PolicyDocument trustPolicy, RoleTarget role) =>
        Decide(builder.ServiceAssumeRole(GlueServicePrincipal, role), trustPolicy, role.Arn);

    /// <summary>
    /// The trust policy's decision on Glue's request <paramref name="built"/> for the role <paramref name="roleArn"/>: the
    /// request built for another role of the same account serves when the trust policy does not read the role's tags.
    /// </summary>
    public static ConditionalDecision Decide(BuiltRequest built, PolicyDocument trustPolicy, string roleArn) =>
        RoleTrust.DecideUnder(trustPolicy, roleArn, GlueServicePrincipal, built.Request.Context, built.Circumstances);
}
