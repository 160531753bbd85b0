using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Tests.TestUtilities;
using GluePassRole.Diagnostics.Policies.Validation;

namespace GluePassRole.Diagnostics.Policies.Tests.Validation;

// The checks that need the Service Authorization Reference ("Actions, resources, and condition keys for AWS services",
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
// iam:PassRole's row (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html)
// lists the condition keys iam:AssociatedResourceArn and iam:PassedToService; glue:CreateDevEndpoint has no resource
// type (authorized on "*" only), glue:CreateJob has "job".
public class PolicyValidatorMetadataTests
{
    [Theory]
    [InlineData("iam:PassRoles", "no action")]
    [InlineData("gluee:GetJob", "no service")]
    [InlineData("glue:Crate*", "matches no action")]
    [InlineData("PassRole", "service:action")]
    public void Validate_UnknownAction_WarningAtTheActionItem(string action, string says)
    {
        var json = $$$$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["s3:GetObject","{{{{action}}}}"],"Resource":"*"}]}""";

        var finding = Assert.Single(PolicyValidator.Validate(json, PolicyType.IdentityBased).Findings);

        Assert.Equal("UnknownAction", finding.Code);
        Assert.Equal(PolicyFindingKind.Warning, finding.Kind);
        Assert.Equal("$.Statement[0].Action[1]", finding.JsonPath);
        Assert.Contains(says, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IAM:passrole")]
    [InlineData("glue:Create*")]
    [InlineData("*:GetObject")]
    [InlineData("iam:Pass?ole")]
    public void Validate_KnownActionOrPattern_NoFinding(string action)
    {
        var json = $$$$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"{{{{action}}}}","Resource":"*"}]}""";

        Assert.Empty(PolicyValidator.Validate(json, PolicyType.IdentityBased).Findings);
    }

    [Fact]
    public void Validate_UnknownConditionKey_WarningAtTheKey()
    {
        const string Json = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIpp":"10.0.0.0/8"}}}]}""";

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.ServiceControlPolicy).Findings);

        Assert.Equal("UnknownConditionKey", finding.Code);
        Assert.Equal("$.Statement[0].Condition.IpAddress['aws:SourceIpp']", finding.JsonPath);
    }

    [Fact]
    public void Validate_OidcProviderKeysInTrustPolicy_NotReportedAsUnknown()
    {
        // IAM User Guide, reference_policies_iam-condition-keys, "Available keys for AWS OIDC federation": keys named
        // after the provider's host, which the Service Authorization Reference does not list.
        const string Trust = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
              "Action":"sts:AssumeRoleWithWebIdentity",
              "Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/repo:*"}}}]}
            """;

        Assert.Empty(PolicyValidator.Validate(Trust, PolicyType.RoleTrustPolicy).Findings);
    }

    [Fact]
    public void Validate_PassRoleWithKeyItDoesNotSupport_SecurityWarning()
    {
        // iam:PolicyARN belongs to iam:AttachRolePolicy and friends; on a PassRole-only statement it is never present.
        const string Json = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/etl-runtime",
              "Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"},"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}}]}
            """;

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.IdentityBased).Findings);

        Assert.Equal("UnsupportedPassRoleConditionKey", finding.Code);
        Assert.Equal(PolicyFindingKind.SecurityWarning, finding.Kind);
        Assert.Equal("$.Statement[0].Condition.ArnEquals['iam:PolicyARN']", finding.JsonPath);
    }

    [Theory]
    [InlineData("""["iam:PassRole","iam:AttachRolePolicy"]""", "iam:PolicyARN")]
    [InlineData("\"iam:PassRole\"", "iam:AssociatedResourceArn")]
    [InlineData("\"iam:PassRole\"", "aws:RequestedRegion")]
    public void Validate_KeyAnotherCoveredActionOrPassRoleSupports_NoFinding(string actions, string key)
    {
        var json = $$$$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":{{{{actions}}}},"Resource":"arn:aws:iam::123456789012:role/etl-runtime",
              "Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"},"StringLike":{"{{{{key}}}}":"*"}}}]}
            """;

        Assert.Empty(PolicyValidator.Validate(json, PolicyType.IdentityBased).Findings);
    }

    [Fact]
    public void Validate_WildcardOnlyActionGrantedOnArn_Warning()
    {
        const string Json = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["glue:CreateJob","glue:CreateDevEndpoint"],"Resource":"arn:aws:glue:eu-west-1:123456789012:job/*"}]}
            """;

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.IdentityBased).Findings);

        Assert.Equal("ActionNeedsWildcardResource", finding.Code);
        Assert.Equal("$.Statement[0].Action[1]", finding.JsonPath);
        Assert.Contains("glue:CreateDevEndpoint", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BundledAwsManagedPolicies_NoErrorsNoUnknownActionsOrKeys()
    {
        // Real documents AWS wrote: the checks must not cry wolf on them.
        foreach (var name in TestData.ManagedPolicyNames)
        {
            var result = PolicyValidator.Validate(TestData.ManagedPolicyJson(name), PolicyType.IdentityBased);

            Assert.False(result.HasErrors, $"{name}: {string.Join("; ", result.Findings)}");
            Assert.DoesNotContain(result.Findings, f => f.Code is "UnknownAction" or "UnknownConditionKey");
        }
    }

    [Fact]
    public void Validate_AwsGlueConsoleFullAccess_NoFindings()
    {
        // Its PassRole statements name role/AWSGlueServiceRole* and role/service-role/AWSGlueServiceRole* (not every role)
        // and limit iam:PassedToService to glue.amazonaws.com; every action and key it uses is in the reference.
        var result = PolicyValidator.Validate(TestData.ManagedPolicyJson("AWSGlueConsoleFullAccess"), PolicyType.IdentityBased);

        Assert.Empty(result.Findings);
    }
}
