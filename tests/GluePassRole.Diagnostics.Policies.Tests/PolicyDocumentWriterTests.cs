using GluePassRole.Diagnostics.Policies.Tests.TestUtilities;

namespace GluePassRole.Diagnostics.Policies.Tests;

public class PolicyDocumentWriterTests
{
    [Fact]
    public void ToJson_FieldNoteFix_IsCanonical()
    {
        // Elements out of order, Statement as an object, Action as a one-element array: all normalised.
        var document = PolicyDocument.Parse("""
            {"Statement":{"Condition":{"StringEquals":{"iam:PassedToService":["glue.amazonaws.com"]}},
             "Resource":"arn:aws:iam::123456789012:role/etl-runtime","Action":["iam:PassRole"],"Effect":"Allow",
             "Sid":"AllowPassGlueRuntimeRoleToGlue"},"Version":"2012-10-17"}
            """);

        Assert.Equal("""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "AllowPassGlueRuntimeRoleToGlue",
                  "Effect": "Allow",
                  "Action": "iam:PassRole",
                  "Resource": "arn:aws:iam::123456789012:role/etl-runtime",
                  "Condition": {
                    "StringEquals": {
                      "iam:PassedToService": "glue.amazonaws.com"
                    }
                  }
                }
              ]
            }
            """, document.ToJson());
    }

    [Fact]
    public void ToJson_Compact_HasNoWhitespaceAndKeepsSpecialCharacters()
    {
        var document = PolicyDocument.Parse("""{"Statement":[{"Effect":"Deny","NotAction":["a:b","c:d"],"Resource":"arn:aws:s3:::bucket/${aws:username}/+<&>é","Principal":{"AWS":"*"}}]}""");

        Assert.Equal(
            """{"Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"NotAction":["a:b","c:d"],"Resource":"arn:aws:s3:::bucket/${aws:username}/+<&>é"}]}""",
            document.ToJson(indented: false));
    }

    [Fact]
    public void ToJson_ConditionOperatorsSpelledLoosely_WritesCanonicalNames()
    {
        var document = PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"forallvalues:stringequalsifexists":{"aws:TagKeys":["a","b"]},"boolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}""");

        var json = document.ToJson(indented: false);

        Assert.Contains("\"ForAllValues:StringEqualsIfExists\":{\"aws:TagKeys\":[\"a\",\"b\"]}", json, StringComparison.Ordinal);
        Assert.Contains("\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}", json, StringComparison.Ordinal);
    }

    public static TheoryData<string> RealPolicies()
    {
        var data = new TheoryData<string>();
        foreach (var name in TestData.ManagedPolicyNames)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RealPolicies))]
    public void ToJson_RealManagedPolicy_RoundTripsStably(string name)
    {
        var document = TestData.ManagedPolicy(name);

        var json = document.ToJson();
        var reparsed = PolicyDocument.Parse(json);

        Assert.Equal(json, reparsed.ToJson());
        Assert.Equal(document.Statements.Count, reparsed.Statements.Count);
        Assert.Equal(document.Statements.Sum(s => s.Conditions.Count), reparsed.Statements.Sum(s => s.Conditions.Count));
    }
}
