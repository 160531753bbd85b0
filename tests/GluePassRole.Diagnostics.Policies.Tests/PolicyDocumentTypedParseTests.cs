using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Tests;

// Grammar by policy type.
// - IAM User Guide, "AWS JSON policy elements: Principal"
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
//   "You must use the Principal element in resource-based policies" (the role trust policy is one);
//   "You cannot use the Principal element in an identity-based policy".
// - IAM User Guide, "AWS JSON policy elements: NotPrincipal"
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
//   NotPrincipal only with Deny; not in identity-based policies nor in role trust policies.
// - IAM User Guide, "IAM JSON policy elements: Resource"
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
//   "Statements must include either a Resource or a NotResource element."
// - AWS Organizations User Guide, "SCP syntax"
//   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html
//   and AWS Security Blog, "Unlock new possibilities: AWS Organizations service control policy now supports full IAM
//   language" (September 2025): conditions, resource ARNs, NotAction with Allow, NotResource, wildcards anywhere in
//   Action; no Principal; Version 2012-10-17.
// - AWS Organizations User Guide, "RCP syntax"
//   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
//   Elements: Version, Statement, Sid, Effect, Principal ("*"), Action, Resource, NotResource, Condition;
//   Allow only in RCPFullAWSAccess.
public class PolicyDocumentTypedParseTests
{
    private const string IdentityAllow = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private const string BucketPolicyWithoutPrincipal = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Ok","Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
          {"Sid":"NoPrincipal","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}
        """;

    [Fact]
    public void Parse_ResourcePolicyStatementWithoutPrincipal_ThrowsNamingStatementAndElement()
    {
        var error = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(BucketPolicyWithoutPrincipal, PolicyType.ResourceBased));

        Assert.Equal(1, error.StatementIndex);
        Assert.Equal("$.Statement[1]", error.JsonPath);
        Assert.Contains("Principal", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Untyped_KeepsAcceptingEveryTypesElements()
    {
        // The untyped parse checks only the grammar common to every type, as before.
        Assert.Equal(2, PolicyDocument.Parse(BucketPolicyWithoutPrincipal).Statements.Count);
        Assert.Null(PolicyDocument.Parse(BucketPolicyWithoutPrincipal).Type);
    }

    [Theory]
    [InlineData(PolicyType.IdentityBased)]
    [InlineData(PolicyType.PermissionsBoundary)]
    [InlineData(PolicyType.SessionPolicy)]
    [InlineData(PolicyType.ServiceControlPolicy)]
    public void Parse_PrincipalInPolicyAttachedToIdentity_Throws(PolicyType type)
    {
        const string Json = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}}""";

        var error = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(Json, type));

        Assert.Equal("$.Statement.Principal", error.JsonPath);
        Assert.Equal(0, error.StatementIndex);
    }

    [Theory]
    [InlineData(PolicyType.IdentityBased)]
    [InlineData(PolicyType.PermissionsBoundary)]
    [InlineData(PolicyType.SessionPolicy)]
    public void Parse_IdentityTypeWithoutResource_Throws(PolicyType type)
    {
        const string Json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""";

        var error = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(Json, type));

        Assert.Equal("$.Statement[0]", error.JsonPath);
        Assert.Contains("Resource", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IdentityPolicy_SetsType()
    {
        Assert.Equal(PolicyType.IdentityBased, PolicyDocument.Parse(IdentityAllow, PolicyType.IdentityBased).Type);
    }

    [Fact]
    public void Parse_TrustPolicyForGlue_IsValidWithoutResource()
    {
        const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

        var document = PolicyDocument.Parse(Trust, PolicyType.RoleTrustPolicy);

        Assert.Equal(PolicyType.RoleTrustPolicy, document.Type);
    }

    [Fact]
    public void Parse_TrustPolicyWithNotPrincipal_Throws()
    {
        const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"}]}""";

        var error = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(Trust, PolicyType.RoleTrustPolicy));

        Assert.Equal("$.Statement[0].NotPrincipal", error.JsonPath);
    }

    [Fact]
    public void Parse_ResourcePolicyNotPrincipalWithAllow_Throws()
    {
        const string Json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}]}""";

        var error = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(Json, PolicyType.ResourceBased));

        Assert.Equal("$.Statement[0].NotPrincipal", error.JsonPath);
        Assert.Contains("Deny", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ResourcePolicyNotPrincipalWithDeny_IsValid()
    {
        const string Json = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}]}""";

        Assert.Single(PolicyDocument.Parse(Json, PolicyType.ResourceBased).Statements);
    }

    [Fact]
    public void Parse_ScpUsingTheSyntaxWidenedIn2025_IsValid()
    {
        // Allow with a condition, a resource ARN, NotAction with Allow, NotResource, and a wildcard inside an action name:
        // all refused before September 2025, all accepted now.
        const string Scp = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::corp-*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}},
              {"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
              {"Effect":"Deny","Action":"ec2:*Instances","NotResource":"arn:aws:ec2:*:*:instance/i-keep"}]}
            """;

        Assert.Equal(3, PolicyDocument.Parse(Scp, PolicyType.ServiceControlPolicy).Statements.Count);
    }

    [Theory]
    [InlineData(PolicyType.ServiceControlPolicy)]
    [InlineData(PolicyType.ResourceControlPolicy)]
    public void Parse_OrganizationPolicyWithoutVersion_Throws(PolicyType type)
    {
        const string Json = """{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}""";

        var error = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(Json, type));

        Assert.Contains("2012-10-17", error.Problem, StringComparison.Ordinal);
        Assert.Null(error.StatementIndex);
    }

    [Fact]
    public void Parse_RcpDeny_IsValid()
    {
        const string Rcp = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::public/*",
              "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-abc"}}}]}
            """;

        Assert.Single(PolicyDocument.Parse(Rcp, PolicyType.ResourceControlPolicy).Statements);
    }

    [Fact]
    public void Parse_RcpFullAwsAccess_IsValid()
    {
        const string Rcp = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""";

        Assert.Single(PolicyDocument.Parse(Rcp, PolicyType.ResourceControlPolicy).Statements);
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}""", "$.Statement[0].Effect")]
    [InlineData("""{"Effect":"Deny","Principal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}""", "$.Statement[0].Principal")]
    [InlineData("""{"Effect":"Deny","Action":"s3:*","Resource":"*"}""", "$.Statement[0]")]
    [InlineData("""{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*"}""", "$.Statement[0].NotAction")]
    [InlineData("""{"Effect":"Deny","NotPrincipal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}""", "$.Statement[0].NotPrincipal")]
    public void Parse_RcpOutsideItsSyntax_ThrowsAtElement(string statement, string path)
    {
        var json = $$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""";

        var error = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(json, PolicyType.ResourceControlPolicy));

        Assert.Equal(path, error.JsonPath);
        Assert.Equal(0, error.StatementIndex);
    }

    [Fact]
    public void TryParse_Typed_ReturnsErrorInsteadOfThrowing()
    {
        Assert.False(PolicyDocument.TryParse(BucketPolicyWithoutPrincipal, PolicyType.ResourceBased, out var document, out var error));
        Assert.Null(document);
        Assert.Equal(1, error!.StatementIndex);
    }

    [Fact]
    public void Parse_UndefinedType_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyDocument.Parse(IdentityAllow, (PolicyType)99));
    }
}
