using GluePassRole.Diagnostics.Policies.Cases;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Tests.Evaluation;

// IAM User Guide, "AWS JSON policy elements: Principal"
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
// "You must use the Principal element in resource-based policies." A statement without it is not "everyone": AWS
// rejects the policy, so the evaluator refuses it instead of returning a verdict for input AWS would never hold.
public class ResourcePolicyPrincipalTests
{
    private const string DenyWithoutPrincipal = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/dana"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
          {"Sid":"Everyone","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}
        """;

    private static readonly AuthorizationRequest GetObject = new()
    {
        Principal = "arn:aws:iam::111111111111:user/dana",
        Action = "s3:GetObject",
        Resource = "arn:aws:s3:::b/key",
    };

    [Fact]
    public void Compile_ResourcePolicyStatementWithoutPrincipal_ThrowsNamingTheStatement()
    {
        var set = new PolicySet { ResourcePolicy = new SourcedPolicy(PolicyDocument.Parse(DenyWithoutPrincipal), PolicySource.Supplied("bucket")) };

        var error = Assert.Throws<PolicyDocumentException>(() => PolicyEvaluator.Compile(set));

        Assert.Equal(1, error.StatementIndex);
        Assert.Equal("$.Statement[1]", error.JsonPath);
        Assert.Contains("Principal", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ResourcePolicyStatementWithoutPrincipal_ThrowsRatherThanDenyingEveryone()
    {
        var set = new PolicySet { ResourcePolicy = new SourcedPolicy(PolicyDocument.Parse(DenyWithoutPrincipal), PolicySource.Supplied("bucket")) };

        Assert.Throws<PolicyDocumentException>(() => PolicyEvaluator.Evaluate(set, GetObject));
    }

    [Fact]
    public void Compile_IdentityPolicyWithoutPrincipal_StillCompiles()
    {
        var set = new PolicySet
        {
            IdentityPolicies = [new SourcedPolicy(PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""), PolicySource.Supplied("id"))],
        };

        Assert.Equal(Decision.Allowed, PolicyEvaluator.Compile(set).Decide(GetObject));
    }

    [Fact]
    public void Load_CaseWithResourcePolicyWithoutPrincipal_ReportsTheCaseAndPath()
    {
        var json = $$$"""
            [{"name":"bucket","resourcePolicy":{{{DenyWithoutPrincipal}}},
              "request":{"principal":"arn:aws:iam::111111111111:user/dana","action":"s3:GetObject","resource":"arn:aws:s3:::b/key"}}]
            """;

        var entry = Assert.Single(EvaluationCaseFile.Parse(json).Entries);

        Assert.Null(entry.Case);
        Assert.Contains("resourcePolicy.Statement[1]", entry.Error, StringComparison.Ordinal);
    }
}
