using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Tests.Evaluation;

/// <summary>
/// A role's trust policy must allow on its own: "IAM role trust policies and KMS key policies are exceptions to this logic,
/// because they must explicitly allow access for principals."
/// IAM User Guide, "Policy evaluation logic": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
/// </summary>
public class RoleTrustTests
{
    private const string Role = "arn:aws:iam::111111111111:role/service-role/etl-runtime";
    private const string User = "arn:aws:iam::111111111111:user/dana";

    private static PolicyDocument Trust(string statements) =>
        PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""");

    private static readonly PolicyDocument GlueTrust =
        Trust("""{"Sid":"GlueAssumes","Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}""");

    [Fact]
    public void Evaluate_TrustNamesGlue_AllowedByThatStatement()
    {
        var result = RoleTrust.Evaluate(GlueTrust, Role, "glue.amazonaws.com");

        Assert.Equal(Decision.Allowed, result.Decision);
        Assert.Equal("GlueAssumes", Assert.Single(result.DecidingStatements).StatementLabel);
        Assert.Contains("GlueAssumes", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TrustNamesOtherService_ImplicitDenyNamingTheMissingTrustGrant()
    {
        var result = RoleTrust.Evaluate(GlueTrust, Role, "ec2.amazonaws.com");

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.ResourceBased, result.LayerLackingAllow!.PolicyType);
        Assert.Contains("trust policy", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("ec2.amazonaws.com", result.Explanation, StringComparison.Ordinal);
        Assert.Equal(StatementElement.Principal, Assert.Single(result.Misses).FailedElement);
    }

    [Fact]
    public void Evaluate_TrustDeniesService_ExplicitDenyNamingTheStatement()
    {
        var trust = Trust("""
            {"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"},
            {"Sid":"NoGlue","Effect":"Deny","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:*"}
            """);

        var result = RoleTrust.Evaluate(trust, Role, "glue.amazonaws.com");

        Assert.Equal(Decision.ExplicitDeny, result.Decision);
        Assert.Equal("NoGlue", Assert.Single(result.DecidingStatements).StatementLabel);
    }

    [Fact]
    public void Evaluate_TrustNamesTheAccount_AllowedForItsPrincipals()
    {
        // Naming the account delegates to the account's identity-based policies; the trust policy's part is an allow.
        var trust = Trust("""{"Sid":"Account","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}""");

        Assert.Equal(Decision.Allowed, RoleTrust.Evaluate(trust, Role, User).Decision);
        Assert.Equal(Decision.ImplicitDeny, RoleTrust.Evaluate(trust, Role, "arn:aws:iam::222222222222:user/eve").Decision);
    }

    [Fact]
    public void Evaluate_ConditionOnExternalId_UsesTheContextAndReportsMissingKeys()
    {
        var trust = Trust("""
            {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole",
             "Condition":{"StringEquals":{"sts:ExternalId":"abc"}}}
            """);
        var external = "arn:aws:iam::222222222222:role/partner";

        var missing = RoleTrust.Evaluate(trust, Role, external);
        Assert.Equal(Decision.ImplicitDeny, missing.Decision);
        Assert.Contains("sts:ExternalId", missing.MissingContextKeys);
        Assert.Equal(Decision.Allowed, RoleTrust.Evaluate(trust, Role, external, RequestContext.Empty.With("sts:ExternalId", "abc")).Decision);
    }

    [Fact]
    public void Evaluate_StatementForTagSessionOnly_DoesNotGrantAssumeRole()
    {
        var trust = Trust("""{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:TagSession"}""");

        Assert.Equal(Decision.ImplicitDeny, RoleTrust.Evaluate(trust, Role, "glue.amazonaws.com").Decision);
    }

    [Fact]
    public void Evaluate_NotARoleArn_ThrowsNamingTheValue()
    {
        var error = Assert.Throws<ArgumentException>(() => RoleTrust.Evaluate(GlueTrust, "arn:aws:iam::111111111111:user/dana", "glue.amazonaws.com"));

        Assert.Contains("user/dana", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SameAccountUserWithIdentityAllowOnly_GeneralEvaluatorDeniesWithoutTrustGrant()
    {
        // The evaluator applies the same rule: an identity-based allow for sts:AssumeRole is not enough in the same account.
        var identity = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}""");
        var set = new PolicySet
        {
            IdentityPolicies = [new SourcedPolicy(identity, PolicySource.Supplied("assume-anything"))],
            ResourcePolicy = new SourcedPolicy(GlueTrust, new PolicySource(PolicySourceKind.ResourcePolicy, "trust policy")),
        };
        var request = new AuthorizationRequest { Principal = User, Action = "sts:AssumeRole", Resource = Role };

        var result = PolicyEvaluator.Evaluate(set, request);

        Assert.Equal(Decision.ImplicitDeny, result.Decision);
        Assert.Equal(PolicyType.ResourceBased, result.LayerLackingAllow!.PolicyType);
        Assert.Contains("trust policy", result.LayerLackingAllow.Reason, StringComparison.Ordinal);
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Compile(set).Decide(request));
    }
}
