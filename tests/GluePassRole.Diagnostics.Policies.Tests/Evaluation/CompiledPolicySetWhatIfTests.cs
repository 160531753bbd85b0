using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Tests.Evaluation;

/// <summary>
/// What-if sets: a proposed identity policy is added, a proposed boundary version takes the current boundary's place.
/// Within an account, a permissions boundary caps identity-based policies: the request is allowed only when both allow
/// (IAM User Guide, "Permissions boundaries for IAM entities",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html). A managed policy changes by a new
/// default version, which replaces the document in force (IAM User Guide, "Versioning IAM policies",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html).
/// </summary>
public sealed class CompiledPolicySetWhatIfTests
{
    private const string User = "arn:aws:iam::123456789012:user/dana";
    private const string Role = "arn:aws:iam::123456789012:role/etl-runtime";

    private static readonly PolicyDocument PassRoleAllow = LeastPrivilegeStatementBuilder.PassRole(Role).BuildDocument();

    private static readonly PolicyDocument GlueOnlyBoundary = PolicyDocument.Parse(
        """{"Version":"2012-10-17","Statement":[{"Sid":"Glue","Effect":"Allow","Action":"glue:*","Resource":"*"}]}""");

    private static readonly AuthorizationRequest PassToGlue = AuthorizationRequest.PassRole(User, Role);

    private static SourcedPolicy Boundary(PolicyDocument document) =>
        new(document, new PolicySource(PolicySourceKind.PermissionsBoundary, "DataEngineerBoundary") { Arn = "arn:aws:iam::123456789012:policy/DataEngineerBoundary", AttachedTo = "dana" });

    private static CompiledPolicySet Compile(PolicyDocument identity, PolicyDocument? boundary) => PolicyEvaluator.Compile(new PolicySet
    {
        IdentityPolicies = [new SourcedPolicy(identity, new PolicySource(PolicySourceKind.GroupInline, "AllowPass") { AttachedTo = "GlueAccess" })],
        PermissionsBoundary = boundary is null ? null : Boundary(boundary),
    });

    [Fact]
    public void WithPermissionsBoundary_BoundaryWithTheStatementAdded_TurnsImplicitDenyIntoAllowed()
    {
        var basis = Compile(PassRoleAllow, GlueOnlyBoundary);
        var newVersion = GlueOnlyBoundary with { Statements = [.. GlueOnlyBoundary.Statements, .. PassRoleAllow.Statements] };

        var whatIf = basis.WithPermissionsBoundary(Boundary(newVersion));

        var before = basis.Evaluate(PassToGlue);
        Assert.Equal(Decision.ImplicitDeny, before.Decision);
        Assert.Equal(PolicyType.PermissionsBoundary, before.LayerLackingAllow!.PolicyType);
        Assert.Equal(Decision.Allowed, whatIf.Evaluate(PassToGlue).Decision);
        Assert.Equal(Decision.Allowed, whatIf.Decide(PassToGlue));
        Assert.Same(newVersion, whatIf.Policies.PermissionsBoundary!.Document);
        Assert.Single(whatIf.Policies.IdentityPolicies);
        Assert.Equal(Decision.ImplicitDeny, basis.Decide(PassToGlue)); // the basis is unchanged
    }

    [Fact]
    public void WithPermissionsBoundary_NewVersionLackingWhatTheOldAllowed_ReplacesRatherThanAdds()
    {
        // The old boundary allowed PassRole; a new version without it must cap the request: a union would still allow.
        var basis = Compile(PassRoleAllow, PassRoleAllow);

        var whatIf = basis.WithPermissionsBoundary(Boundary(GlueOnlyBoundary));

        Assert.Equal(Decision.Allowed, basis.Decide(PassToGlue));
        Assert.Equal(Decision.ImplicitDeny, whatIf.Decide(PassToGlue));
        var evaluation = whatIf.Evaluate(PassToGlue);
        Assert.Equal(PolicyType.PermissionsBoundary, evaluation.LayerLackingAllow!.PolicyType);
        Assert.Single(evaluation.Layers, l => l.PolicyType == PolicyType.PermissionsBoundary);
    }

    [Fact]
    public void WithPermissionsBoundary_SetWithoutBoundary_SetsOneThatCapsTheIdentityPolicies()
    {
        var basis = Compile(PassRoleAllow, boundary: null);

        var whatIf = basis.WithPermissionsBoundary(Boundary(GlueOnlyBoundary));

        Assert.Equal(Decision.Allowed, basis.Decide(PassToGlue));
        Assert.Null(basis.Policies.PermissionsBoundary);
        Assert.Equal(Decision.ImplicitDeny, whatIf.Decide(PassToGlue));
    }

    [Fact]
    public void WithIdentityPolicyThenWithPermissionsBoundary_BothLayersFixed_Allowed()
    {
        // Both layers lack the allow: the identity statement alone leaves the boundary lacking; with the boundary's new
        // version as well, the request is allowed.
        var basis = Compile(GlueOnlyBoundary, GlueOnlyBoundary);
        var identityFix = new SourcedPolicy(PassRoleAllow, new PolicySource(PolicySourceKind.UserInline, "AllowPass") { AttachedTo = "dana" });
        var newVersion = GlueOnlyBoundary with { Statements = [.. GlueOnlyBoundary.Statements, .. PassRoleAllow.Statements] };

        var identityOnly = basis.WithIdentityPolicy(identityFix);
        var both = identityOnly.WithPermissionsBoundary(Boundary(newVersion));

        Assert.Equal(PolicyType.IdentityBased, basis.Evaluate(PassToGlue).LayerLackingAllow!.PolicyType);
        Assert.Equal(PolicyType.PermissionsBoundary, identityOnly.Evaluate(PassToGlue).LayerLackingAllow!.PolicyType);
        Assert.Equal(Decision.Allowed, both.Evaluate(PassToGlue).Decision);
        Assert.Equal(2, both.Policies.IdentityPolicies.Count);
    }
}
