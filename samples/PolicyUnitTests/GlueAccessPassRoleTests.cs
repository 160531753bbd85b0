using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using Xunit.Abstractions;

namespace PolicyUnitTests;

/// <summary>
/// "Members of group GlueAccess can pass only these roles to AWS Glue" — asserted offline, in CI, against the policy
/// documents the platform repository deploys. If someone widens or narrows the group's permissions, a test fails in
/// the pull request instead of a Glue job failing to save with <c>iam:PassRole</c> AccessDenied in production.
/// </summary>
public sealed class GlueAccessPassRoleTests(ITestOutputHelper output)
{
    // Any member of the group will do: identity-based policies do not look at who the user is unless they use
    // policy variables such as ${aws:username}.
    private const string Member = "arn:aws:iam::123456789012:user/dana";

    // The group's policies, as attached to it: the AWS managed policy (a copy of its default version, v14) and the
    // repository's own inline policy. Compile once, evaluate many requests.
    private static readonly CompiledPolicySet GlueAccess = PolicyEvaluator.Compile(new PolicySet
    {
        IdentityPolicies =
        [
            Load("AWSGlueConsoleFullAccess.json", PolicySourceKind.GroupManaged),
            Load("AllowPassGlueRuntimeRoles.json", PolicySourceKind.GroupInline),
        ],
    });

    // The roles the group is meant to pass to Glue, and what grants each.
    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime")]                          // AllowPassGlueRuntimeRoles, exact ARN
    [InlineData("arn:aws:iam::123456789012:role/glue/reporting-daily")]                 // AllowPassGlueRuntimeRoles, glue/reporting-*
    [InlineData("arn:aws:iam::123456789012:role/AWSGlueServiceRole-crawler")]           // AWSGlueConsoleFullAccess, role/AWSGlueServiceRole*
    [InlineData("arn:aws:iam::123456789012:role/service-role/AWSGlueServiceRole-etl")]  // AWSGlueConsoleFullAccess, role/service-role/AWSGlueServiceRole*
    public void PassToGlue_IntendedRole_IsAllowed(string role)
    {
        // PassRole() fills in iam:PassedToService = glue.amazonaws.com, which both policies' conditions test.
        var result = GlueAccess.Evaluate(AuthorizationRequest.PassRole(Member, role));

        Assert.Equal(Decision.Allowed, result.Decision);
    }

    // Everything else must stay denied. ImplicitDeny (no allow), not ExplicitDeny: nothing here denies on purpose.
    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/admin")]                      // a powerful role: the reason PassRole exists
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime-old")]            // an exact ARN is not a prefix
    [InlineData("arn:aws:iam::123456789012:role/platform/etl-runtime")]       // the path is part of the ARN
    [InlineData("arn:aws:iam::123456789012:role/reporting-daily")]            // ... so glue/reporting-* needs the glue/ path
    [InlineData("arn:aws:iam::123456789012:role/my-team/AWSGlueServiceRole-x")] // ... and AWSGlueServiceRole* only two paths
    public void PassToGlue_OtherRole_IsImplicitlyDenied(string role)
    {
        var result = GlueAccess.Evaluate(AuthorizationRequest.PassRole(Member, role));

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
    }

    [Fact]
    public void PassToEc2_RuntimeRole_IsImplicitlyDenied()
    {
        // The same role handed to another service: the iam:PassedToService condition keeps it to Glue.
        var result = GlueAccess.Evaluate(AuthorizationRequest.PassRole(Member, "arn:aws:iam::123456789012:role/etl-runtime", "ec2.amazonaws.com"));

        Assert.Equal(Decision.ImplicitDeny, result.Decision);

        // The statement did match the role; its condition is what failed.
        var miss = Assert.Single(result.Misses, m => m.StatementLabel == "AllowPassGlueRuntimeRolesToGlue");
        Assert.Equal(StatementElement.Condition, miss.FailedElement);
        var condition = Assert.Single(miss.Conditions);
        Assert.False(condition.IsSatisfied);
        Assert.Equal(["ec2.amazonaws.com"], condition.RequestValues);
    }

    [Fact]
    public void Denied_ExplainsWhichLayerAndWhichStatementsNearlyMatched()
    {
        var result = GlueAccess.Evaluate(AuthorizationRequest.PassRole(Member, "arn:aws:iam::123456789012:role/admin"));

        // Which layer had no allow: here the identity-based policies (the AccessDenied message would say
        // "because no identity-based policy allows the iam:PassRole action").
        Assert.Equal(PolicyType.IdentityBased, result.LayerLackingAllow?.PolicyType);

        // Misses: every statement that mentions iam:PassRole but did not apply, with the element that failed and why.
        // A failing test prints them, which usually tells the reviewer what to change.
        foreach (var miss in result.Misses)
        {
            output.WriteLine($"{miss.Policy.Source.Name} {miss.StatementLabel}: {miss.FailedElement} — {miss.Reason}");
        }

        output.WriteLine(result.Explanation);
        Assert.Contains(result.Misses, m =>
            m.Policy.Source.Name == "AWSGlueConsoleFullAccess"
            && m.FailedElement == StatementElement.Resource
            && m.ResourcePatterns.Contains("arn:aws:iam::*:role/AWSGlueServiceRole*"));
    }

    [Fact]
    public void OwnPolicy_HasNoBroadPassRoleGrant()
    {
        // A guard for reviews: no statement of our own policy may pass any role, or pass roles to any service.
        var document = Load("AllowPassGlueRuntimeRoles.json", PolicySourceKind.GroupInline).Document;

        Assert.Empty(PassRoleAllowAnalysis.FindBroadAllows(document));
    }

    private static SourcedPolicy Load(string file, PolicySourceKind kind)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policies", file));
        var name = Path.GetFileNameWithoutExtension(file);

        // The source is what Misses and Explanation report; name it as the policy is named in the account.
        return new SourcedPolicy(PolicyDocument.Parse(json), new PolicySource(kind, name) { AttachedTo = "GlueAccess" });
    }
}
