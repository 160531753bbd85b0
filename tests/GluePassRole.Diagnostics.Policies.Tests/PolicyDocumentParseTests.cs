using System.Globalization;
using System.Text;
using GluePassRole.Diagnostics.Policies.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Policies.Tests;

// Grammar: IAM User Guide, "Grammar of the IAM JSON policy language"
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
// and "IAM JSON policy element reference" https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
public class PolicyDocumentParseTests
{
    private const string FieldNoteFix = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "AllowPassGlueRuntimeRoleToGlue",
              "Effect": "Allow",
              "Action": "iam:PassRole",
              "Resource": "arn:aws:iam::123456789012:role/etl-runtime",
              "Condition": { "StringEquals": { "iam:PassedToService": "glue.amazonaws.com" } }
            }
          ]
        }
        """;

    [Fact]
    public void Parse_FieldNoteFix_ReadsEveryElement()
    {
        var document = PolicyDocument.Parse(FieldNoteFix);

        Assert.Equal("2012-10-17", document.Version);
        Assert.True(document.SupportsPolicyVariables);
        var statement = Assert.Single(document.Statements);
        Assert.Equal("AllowPassGlueRuntimeRoleToGlue", statement.Sid);
        Assert.Equal(Effect.Allow, statement.Effect);
        Assert.Equal(["iam:PassRole"], statement.Action);
        Assert.Null(statement.NotAction);
        Assert.Equal(["arn:aws:iam::123456789012:role/etl-runtime"], statement.Resource);
        var condition = Assert.Single(statement.Conditions);
        Assert.Equal(ConditionOperatorKind.StringEquals, condition.Operator.Kind);
        Assert.Equal("iam:PassedToService", condition.Key);
        Assert.Equal(["glue.amazonaws.com"], condition.Values);
    }

    [Fact]
    public void Parse_StatementAsSingleObject_IsOneStatement()
    {
        var document = PolicyDocument.Parse("""{"Statement":{"Effect":"Deny","NotAction":"iam:*","NotResource":["a","b"]}}""");

        var statement = Assert.Single(document.Statements);
        Assert.Equal(Effect.Deny, statement.Effect);
        Assert.Equal(["iam:*"], statement.NotAction);
        Assert.Equal(["a", "b"], statement.NotResource);
    }

    [Fact]
    public void Parse_NoVersion_DisablesPolicyVariables()
    {
        // "If you don't include the Version element ... variables such as ${aws:username} aren't recognized as variables"
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
        var absent = PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""");
        var old = PolicyDocument.Parse("""{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""");

        Assert.Null(absent.Version);
        Assert.False(absent.SupportsPolicyVariables);
        Assert.False(old.SupportsPolicyVariables);
    }

    [Fact]
    public void Parse_TrustPolicyPrincipals_ReadsEveryType()
    {
        var document = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"},
              {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","444455556666"],"Federated":"cognito-identity.amazonaws.com","CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"Action":"sts:AssumeRoleWithWebIdentity"},
              {"Effect":"Deny","NotPrincipal":"*","Action":"*","Resource":"*"},
              {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}
            ]}
            """);

        Assert.Equal("Service", Assert.Single(document.Statements[0].Principal!.Entries).Type);
        Assert.Equal(["glue.amazonaws.com"], document.Statements[0].Principal!.Entries[0].Values);
        Assert.Equal(["AWS", "Federated", "CanonicalUser"], document.Statements[1].Principal!.Entries.Select(e => e.Type));
        Assert.Equal(2, document.Statements[1].Principal!.Entries[0].Values.Count);
        Assert.True(document.Statements[2].NotPrincipal!.IsAnyone);
        Assert.True(document.Statements[3].Principal!.IsAnyone);
        Assert.Null(document.Statements[0].Resource);
    }

    [Fact]
    public void Parse_ConditionScalarTypes_KeepsJsonText()
    {
        var document = PolicyDocument.Parse("""
            {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
              "NumericLessThan":{"s3:max-keys":10},
              "Bool":{"aws:SecureTransport":true,"aws:MultiFactorAuthPresent":[false,"true"]},
              "ForAnyValue:StringLike":{"aws:TagKeys":["team-*","owner"]}
            }}]}
            """);

        var conditions = document.Statements[0].Conditions;
        Assert.Equal(4, conditions.Count);
        Assert.Equal(["10"], conditions[0].Values);
        Assert.Equal(["true"], conditions[1].Values);
        Assert.Equal(["false", "true"], conditions[2].Values);
        Assert.Equal(ConditionSetQualifier.ForAnyValue, conditions[3].Operator.Qualifier);
        Assert.Equal(ConditionOperatorKind.StringLike, conditions[3].Operator.Kind);
    }

    [Fact]
    public void Parse_UrlEncodedDocument_DecodesTransparently()
    {
        // IAM returns documents "URL-encoded compliant with RFC 3986"; the .NET SDK hands them out encoded.
        // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html
        var encoded = Uri.EscapeDataString(FieldNoteFix);

        var decoded = PolicyDocument.Parse(encoded);

        Assert.Equal(PolicyDocument.Parse(FieldNoteFix).ToJson(), decoded.ToJson());
        Assert.Equal(decoded.ToJson(), PolicyDocument.Parse(Encoding.UTF8.GetBytes(encoded)).ToJson());
    }

    [Fact]
    public void Parse_Utf8BytesWithByteOrderMarkAndStream_MatchesString()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(FieldNoteFix)).ToArray();
        using var stream = new MemoryStream(bytes);

        Assert.Equal(PolicyDocument.Parse(FieldNoteFix).ToJson(), PolicyDocument.Parse(bytes).ToJson());
        Assert.Equal(PolicyDocument.Parse(FieldNoteFix).ToJson(), PolicyDocument.Parse(stream).ToJson());
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*",}]}""", "not valid JSON", "$")]
    [InlineData("""[1,2]""", "must be a JSON object", "$")]
    [InlineData("""{"Version":"2012-10-17"}""", "no Statement", "$")]
    [InlineData("""{"Version":"2020-01-01","Statement":[]}""", "Version must be", "$.Version")]
    [InlineData("""{"Statement":"Allow"}""", "Statement must be an object or an array", "$.Statement")]
    [InlineData("""{"statement":[]}""", "Unknown top-level element \"statement\"", "$.statement")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*"},{"Action":"s3:*","Resource":"*"}]}""", "no Effect", "$.Statement[1]")]
    [InlineData("""{"Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}""", "case-sensitive", "$.Statement[0].Effect")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Resource":"*"}]}""", "neither Action nor NotAction", "$.Statement[0]")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"a:b","NotAction":"c:d","Resource":"*"}]}""", "both Action and NotAction", "$.Statement[0]")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*","NotResource":"*"}]}""", "both Resource and NotResource", "$.Statement[0]")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":["a:b",3],"Resource":"*"}]}""", "Expected a string, not the number 3", "$.Statement[0].Action[1]")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}""", "array is empty", "$.Statement[0].Action")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"a:b","Resource":{"x":1}}]}""", "Expected a string or an array", "$.Statement[0].Resource")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEqualz":{"k":"v"}}}]}""", "Unknown condition operator \"StringEqualz\"", "$.Statement[0].Condition.StringEqualz")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"NullIfExists":{"k":"true"}}}]}""", "Unknown condition operator", "$.Statement[0].Condition.NullIfExists")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEquals":{"aws:username":[]}}}]}""", "at least one value", "$.Statement[0].Condition.StringEquals['aws:username']")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEquals":{"aws:username":null}}}]}""", "string, number or boolean, not null", "$.Statement[0].Condition.StringEquals['aws:username']")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEquals":{}}}]}""", "has no keys", "$.Statement[0].Condition.StringEquals")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":[]}]}""", "Condition must be an object", "$.Statement[0].Condition")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"Aws":"*"},"Action":"a:b"}]}""", "Unknown principal type \"Aws\"", "$.Statement[0].Principal.Aws")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::1:root","Action":"a:b"}]}""", "must be \"*\"", "$.Statement[0].Principal")]
    [InlineData("""{"Statement":[{"Effect":"Allow","action":"a:b","Resource":"*"}]}""", "did you mean \"Action\"", "$.Statement[0].action")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Effect":"Deny","Action":"a:b","Resource":"*"}]}""", "not valid JSON", "$")]
    public void Parse_InvalidDocument_ThrowsWithWhatAndWhere(string json, string problem, string jsonPath)
    {
        var ex = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(json));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(jsonPath, ex.JsonPath, StringComparison.Ordinal);
        if (jsonPath.StartsWith("$.Statement[", StringComparison.Ordinal))
        {
            Assert.Equal(int.Parse(jsonPath["$.Statement[".Length..jsonPath.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture), ex.StatementIndex);
        }
    }

    [Fact]
    public void Parse_SingleStatementObjectError_ReportsIndexZero()
    {
        var ex = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse("""{"Statement":{"Effect":"Permit","Action":"a:b"}}"""));

        Assert.Equal("$.Statement.Effect", ex.JsonPath);
        Assert.Equal(0, ex.StatementIndex);
        Assert.IsAssignableFrom<FormatException>(ex);
    }

    [Fact]
    public void Parse_DocumentOverSizeBound_IsRefused()
    {
        var huge = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"" + new string('a', PolicyDocument.MaxDocumentLength) + "\"}]}";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(huge));

        Assert.Contains("over the bound", Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(huge)).Message, StringComparison.Ordinal);
        Assert.Contains("over the bound", Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(stream)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DocumentOverSizeBound_SaysItsUnit()
    {
        // Issue 19, item 9: "524,289 long" said neither characters nor bytes, and a stream read only the bound + 1.
        var huge = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"" + new string('a', PolicyDocument.MaxDocumentLength) + "\"}]}";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(huge));

        Assert.StartsWith($"The document is {huge.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long, over the bound of 524,288 characters", Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(huge)).Problem, StringComparison.Ordinal);
        Assert.StartsWith($"The document is {huge.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes long", Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(Encoding.UTF8.GetBytes(huge).AsSpan())).Problem, StringComparison.Ordinal);
        Assert.StartsWith("The document is more than 524,288 bytes long", Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(stream)).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"Version\":\"2012-10-17\",\n\"Statement\":[{\"Effect\":\"Allow\",\n  \"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}", "$.Statement[0].Effect", 0, 3, 3)]
    [InlineData("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Action\":\"s3:GetObject\"}}", "$.Statement.Action", 0, 1, 86)]
    [InlineData("{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":[]}", "$.Version", null, 1, 25)]
    public void Parse_DuplicateProperty_NamesItsPathAndPosition(string json, string path, int? statement, int line, int column)
    {
        // Issue 19, item 9: a duplicate key was reported at $ and line 1, column 1.
        var ex = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(json));

        Assert.Equal(path, ex.JsonPath);
        Assert.Equal(statement, ex.StatementIndex);
        Assert.Contains($"not valid JSON at line {line}, column {column} (property \"{path[(path.LastIndexOf('.') + 1)..]}\" is given twice)", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedJson_IsRefusedNotCrashed()
    {
        var deep = "{\"Statement\":" + new string('[', 5000) + new string(']', 5000) + "}";

        var ex = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(deep));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenUrlEncoding_IsReportedAsInvalid()
    {
        Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse("%7B%22Statement%22%3A%5B"));
    }

    [Theory]
    [InlineData("%7B%2")]
    [InlineData("%7B%ZZ%7D")]
    public void Parse_MalformedUrlEscape_SaysWhere(string text)
    {
        var ex = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(text));

        Assert.Contains("malformed escape at character", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidDocument_ReturnsError()
    {
        Assert.False(PolicyDocument.TryParse("{}", out var document, out var error));
        Assert.Null(document);
        Assert.NotNull(error);
        Assert.True(PolicyDocument.TryParse(FieldNoteFix, out document, out error));
        Assert.NotNull(document);
        Assert.Null(error);
    }

    [Fact]
    public void Parse_ForceMfaPolicy_ReadsTheGuardrail()
    {
        // The IAM User Guide's force-MFA example: reference_policies_examples_aws_my-sec-creds-self-manage.html
        var document = PolicyDocument.Parse(TestData.ForceMfaJson);

        var deny = Assert.Single(document.Statements, s => s.Sid == "DenyAllExceptListedIfNoMFA");
        Assert.Equal(Effect.Deny, deny.Effect);
        Assert.DoesNotContain("iam:PassRole", deny.NotAction!);
        var condition = Assert.Single(deny.Conditions);
        Assert.Equal(new ConditionOperator(ConditionOperatorKind.Bool, ConditionSetQualifier.None, IfExists: true), condition.Operator);
        Assert.Equal("aws:MultiFactorAuthPresent", condition.Key);
        Assert.Equal(["false"], condition.Values);
    }
}
