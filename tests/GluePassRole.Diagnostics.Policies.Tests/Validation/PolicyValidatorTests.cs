using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Validation;

namespace GluePassRole.Diagnostics.Policies.Tests.Validation;

// The checks and their kinds follow IAM Access Analyzer's policy validation (IAM User Guide, "IAM policy validation check
// reference", https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html): errors,
// security warnings, warnings, suggestions. The PassRole checks follow "Grant a user permissions to pass a role to an
// AWS service", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html (name the role ARNs; limit
// the receiving service with iam:PassedToService).
public class PolicyValidatorTests
{
    private const string FieldNoteFix = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "AllowPassEtlRuntimeToGlue",
              "Effect": "Allow",
              "Action": "iam:PassRole",
              "Resource": "arn:aws:iam::123456789012:role/etl-runtime",
              "Condition": { "StringEquals": { "iam:PassedToService": "glue.amazonaws.com" } }
            }
          ]
        }
        """;

    private const string PassAnyRole = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
            {
              "Sid": "PassAnything",
              "Effect": "Allow",
              "Action": ["glue:*", "iam:PassRole"],
              "Resource": ["arn:aws:glue:*:*:job/*", "*"]
            }
          ]
        }
        """;

    [Fact]
    public void Validate_FieldNoteFix_HasNoFindings()
    {
        var result = PolicyValidator.Validate(FieldNoteFix, PolicyType.IdentityBased);

        Assert.Empty(result.Findings);
        Assert.Equal(PolicyType.IdentityBased, result.Document!.Type);
    }

    [Fact]
    public void Validate_PassRoleOnStar_SecurityWarningsAtTheResourceItemWithLineAndColumn()
    {
        var result = PolicyValidator.Validate(PassAnyRole, PolicyType.IdentityBased);

        Assert.False(result.HasErrors);
        Assert.True(result.HasSecurityWarnings);
        var anyRole = Assert.Single(result.Findings, f => f.Code == "PassRoleOnAnyRole");
        Assert.Equal(PolicyFindingKind.SecurityWarning, anyRole.Kind);
        Assert.Equal("$.Statement[1].Resource[1]", anyRole.JsonPath);
        Assert.Equal(1, anyRole.StatementIndex);
        Assert.Equal("PassAnything", anyRole.Sid);
        Assert.Equal("Resource", anyRole.Element);
        Assert.Equal(9, anyRole.Line);
        Assert.Equal(PassAnyRole.Split('\n')[8].IndexOf("\"*\"", StringComparison.Ordinal) + 1, anyRole.Column);
        Assert.False(string.IsNullOrWhiteSpace(anyRole.WhyItMatters));

        var anyService = Assert.Single(result.Findings, f => f.Code == "PassRoleWithoutPassedToService");
        Assert.Equal("$.Statement[1]", anyService.JsonPath);
        Assert.Equal(5, anyService.Line);
    }

    [Theory]
    [InlineData("arn:aws:iam::*:role/*", true)]
    [InlineData("arn:aws:iam::123456789012:role/*", true)]
    [InlineData("arn:aws:iam::123456789012:role/AWSGlueServiceRole*", false)]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime", false)]
    public void Validate_PassRoleResourcePattern_FlagsOnlyPatternsSpanningEveryRole(string resource, bool broad)
    {
        var json = $$$$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"{{{{resource}}}}",
              "Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}]}
            """;

        var result = PolicyValidator.Validate(json, PolicyType.IdentityBased);

        Assert.Equal(broad, result.Findings.Any(f => f.Code == "PassRoleOnAnyRole"));
        Assert.DoesNotContain(result.Findings, f => f.Code == "PassRoleWithoutPassedToService");
    }

    [Fact]
    public void Validate_NotActionAllow_WarnsThatItIncludesPassRole()
    {
        // reference_policies_elements_notaction: an Allow with NotAction allows every action not listed.
        const string Json = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:CreateUser","iam:DeleteUser"],"Resource":"arn:aws:iam::123456789012:role/etl-runtime",
              "Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}]}
            """;

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.IdentityBased).Findings);

        Assert.Equal("PassRoleViaNotAction", finding.Code);
        Assert.Equal("$.Statement[0].NotAction", finding.JsonPath);
    }

    [Fact]
    public void Validate_NotActionExcludingPassRole_NoPassRoleFinding()
    {
        const string Json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}""";

        Assert.DoesNotContain(PolicyValidator.Validate(Json, PolicyType.IdentityBased).Findings, f => f.Code.StartsWith("PassRole", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NotResourceAllow_WarnsThatItIncludesEveryRole()
    {
        // reference_policies_elements_notresource: an Allow with NotResource covers every resource not listed.
        const string Json = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::123456789012:role/admin",
              "Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}]}
            """;

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.IdentityBased).Findings);

        Assert.Equal("PassRoleViaNotResource", finding.Code);
        Assert.Equal("$.Statement[0].NotResource", finding.JsonPath);
    }

    [Theory]
    [InlineData(PolicyType.PermissionsBoundary)]
    [InlineData(PolicyType.SessionPolicy)]
    [InlineData(PolicyType.ServiceControlPolicy)]
    public void Validate_PassRoleStarInPolicyThatOnlyCaps_NoPassRoleWarning(PolicyType type)
    {
        // A boundary, session policy or SCP allow grants nothing by itself (reference_policies_evaluation-logic).
        const string Json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}""";

        Assert.Empty(PolicyValidator.Validate(Json, type).Findings);
    }

    [Theory]
    [InlineData("glue")]
    [InlineData("arn:aws:iam::123456789012:role/etl-runtime")]
    [InlineData("Glue.amazonaws.com")]
    public void Validate_PassedToServiceNotAServicePrincipal_SecurityWarningAtTheValue(string value)
    {
        var json = $$$$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:PassRole","Resource":"*",
              "Condition":{"StringNotEquals":{"iam:PassedToService":["glue.amazonaws.com","{{{{value}}}}"]}}}]}
            """;

        var finding = Assert.Single(PolicyValidator.Validate(json, PolicyType.ServiceControlPolicy).Findings);

        Assert.Equal("PassedToServiceNotServicePrincipal", finding.Code);
        Assert.Equal(PolicyFindingKind.SecurityWarning, finding.Kind);
        Assert.Equal("$.Statement[0].Condition.StringNotEquals['iam:PassedToService'][1]", finding.JsonPath);
        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public void Validate_ConditionWrittenInOtherCase_ReportsThePathAsWritten()
    {
        const string Json = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/x",
              "Condition":{"stringequals":{"IAM:PassedToService":"glue"}}}]}
            """;

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.IdentityBased).Findings, f => f.Code == "PassedToServiceNotServicePrincipal");

        Assert.Equal("$.Statement[0].Condition.stringequals['IAM:PassedToService']", finding.JsonPath);
    }

    [Fact]
    public void Validate_VariablesWithoutVersion_SecurityWarningAtTheVariable()
    {
        // reference_policies_variables: variables need Version 2012-10-17; otherwise ${aws:username} is literal text.
        const string Json = """
            {"Statement":[{"Effect":"Allow","Action":"s3:*",
              "Resource":"arn:aws:s3:::home/${aws:username}/*"}]}
            """;

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.IdentityBased).Findings);

        Assert.Equal("VariablesNeedVersion2012", finding.Code);
        Assert.Equal(PolicyFindingKind.SecurityWarning, finding.Kind);
        Assert.Equal("$.Statement[0].Resource", finding.JsonPath);
        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public void Validate_VariablesUnderVersion2008_SecurityWarningAtVersion()
    {
        const string Json = """{"Version":"2008-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"${aws:username}"}}}]}""";

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.IdentityBased).Findings);

        Assert.Equal("VariablesNeedVersion2012", finding.Code);
        Assert.Equal("$.Version", finding.JsonPath);
        Assert.Null(finding.StatementIndex);
    }

    [Fact]
    public void Validate_NoVersionNoVariables_Warning()
    {
        const string Json = """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.IdentityBased).Findings);

        Assert.Equal("MissingVersion", finding.Code);
        Assert.Equal(PolicyFindingKind.Warning, finding.Kind);
    }

    [Fact]
    public void Validate_ResourcePolicyWithoutPrincipals_ReportsEveryStatementNotJustTheFirst()
    {
        // reference_policies_elements_principal: Principal is required in resource-based policies.
        const string Json = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
              {"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
              {"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}
            """;

        var result = PolicyValidator.Validate(Json, PolicyType.ResourceBased);

        Assert.True(result.HasErrors);
        Assert.Null(result.Document!.Type);
        Assert.Equal([0, 2], result.Findings.Where(f => f.Code == "MissingPrincipal").Select(f => f.StatementIndex!.Value));
        Assert.Equal([2, 4], result.Findings.Where(f => f.Code == "MissingPrincipal").Select(f => f.Line!.Value));
    }

    [Fact]
    public void Validate_IdentityPolicyWithPrincipal_ErrorAtPrincipal()
    {
        const string Json = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"*"}}""";

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.IdentityBased).Findings);

        Assert.Equal("UnsupportedPrincipal", finding.Code);
        Assert.Equal(PolicyFindingKind.Error, finding.Kind);
        Assert.Equal("$.Statement.Principal", finding.JsonPath);
        Assert.Equal(1, finding.Line);
        Assert.Equal(Json.IndexOf("\"Principal\"", StringComparison.Ordinal) + 1, finding.Column);
    }

    [Fact]
    public void Validate_ResourcePolicyDenyWithNotPrincipal_Suggestion()
    {
        // reference_policies_elements_notprincipal: AWS recommends aws:PrincipalArn conditions over NotPrincipal.
        const string Json = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}]}""";

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.ResourceBased).Findings);

        Assert.Equal("NotPrincipalDiscouraged", finding.Code);
        Assert.Equal(PolicyFindingKind.Suggestion, finding.Kind);
    }

    [Fact]
    public void Validate_NotJson_OneInvalidDocumentErrorWithWhereTheParserStopped()
    {
        const string Json = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ {\"Effect\": \"Allow\",, } ]\n}";

        var result = PolicyValidator.Validate(Json, PolicyType.IdentityBased);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("InvalidDocument", finding.Code);
        Assert.Null(result.Document);
        Assert.Equal(3, finding.Line);
        Assert.NotNull(finding.Column);
    }

    [Fact]
    public void Validate_BadEffect_InvalidDocumentAtTheElement()
    {
        const string Json = "{\"Statement\": [\n {\"Effect\": \"allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}";

        var finding = Assert.Single(PolicyValidator.Validate(Json, PolicyType.IdentityBased).Findings);

        Assert.Equal("InvalidDocument", finding.Code);
        Assert.Equal("$.Statement[0].Effect", finding.JsonPath);
        Assert.Equal("Effect", finding.Element);
        Assert.Equal(0, finding.StatementIndex);
        Assert.Equal(2, finding.Line);
        Assert.Equal(3, finding.Column);
    }

    [Fact]
    public void Validate_UrlEncodedDocument_FindsTheSameButReportsNoPosition()
    {
        var encoded = Uri.EscapeDataString(PassAnyRole);

        var result = PolicyValidator.Validate(encoded, PolicyType.IdentityBased);

        var anyRole = Assert.Single(result.Findings, f => f.Code == "PassRoleOnAnyRole");
        Assert.Equal("$.Statement[1].Resource[1]", anyRole.JsonPath);
        Assert.Null(anyRole.Line);
    }

    [Fact]
    public void Rules_CodesAreUniqueAndCoverEveryFinding()
    {
        var codes = PolicyValidator.Rules.Select(r => r.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());

        string[] samples = [PassAnyRole, """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*"}]}""", "not json"];
        foreach (var type in Enum.GetValues<PolicyType>())
        {
            foreach (var sample in samples)
            {
                foreach (var finding in PolicyValidator.Validate(sample, type).Findings)
                {
                    var rule = Assert.Single(PolicyValidator.Rules, r => r.Code == finding.Code);
                    Assert.Equal(rule.Kind, finding.Kind);
                }
            }
        }
    }
}
