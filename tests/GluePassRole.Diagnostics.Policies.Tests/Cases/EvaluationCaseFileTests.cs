using GluePassRole.Diagnostics.Policies.Cases;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Policies.Tests.Cases;

public class EvaluationCaseFileTests
{
    private const string TwoCases = """
        [
          { "name": "fix allows", "expected": "Allowed", "extra": "ignored",
            "identityPolicies": [ {"name": "AllowPass", "policy": {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/etl-runtime","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}]}} ],
            "permissionBoundary": {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]},
            "scps": [[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}]],
            "request": { "principal": "arn:aws:iam::123456789012:user/dana", "action": "iam:PassRole",
                         "resource": "arn:aws:iam::123456789012:role/etl-runtime",
                         "context": { "iam:PassedToService": "glue.amazonaws.com", "aws:MultiFactorAuthPresent": true, "aws:TagKeys": ["a", "b"] } } },
          { "name": "broken", "identityPolicies": [ {"Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]} ],
            "request": { "principal": "arn:aws:iam::123456789012:user/dana", "action": "s3:GetObject", "resource": "*" } },
          { "name": "no request", "identityPolicies": [] }
        ]
        """;

    [Fact]
    public void Parse_ValidCase_ReadsPoliciesRequestAndExpectation()
    {
        var entry = EvaluationCaseFile.Parse(TwoCases).Entries[0];

        var evaluationCase = Assert.IsType<EvaluationCase>(entry.Case);
        Assert.Equal("fix allows", evaluationCase.Name);
        Assert.Equal(Decision.Allowed, evaluationCase.Expected);
        Assert.Equal("AllowPass", Assert.Single(evaluationCase.Policies.IdentityPolicies).Source.Name);
        Assert.NotNull(evaluationCase.Policies.PermissionsBoundary);
        Assert.Single(evaluationCase.Policies.ServiceControlPolicies!);
        Assert.Equal(["true"], evaluationCase.Request.Context["aws:MultiFactorAuthPresent"]);
        Assert.Equal(["a", "b"], evaluationCase.Request.Context["aws:TagKeys"]);
        Assert.Equal(Decision.Allowed, PolicyEvaluator.Evaluate(evaluationCase.Policies, evaluationCase.Request).Decision);
    }

    [Fact]
    public void Parse_MalformedCases_ReportedByNameIndexAndPathWhileOthersLoad()
    {
        var entries = EvaluationCaseFile.Parse(TwoCases).Entries;

        Assert.Equal(3, entries.Count);
        Assert.NotNull(entries[0].Case);
        Assert.Null(entries[1].Case);
        Assert.Contains("case 1 (broken)", entries[1].Error, StringComparison.Ordinal);
        Assert.Contains("$[1].identityPolicies[0].Statement[0].Effect", entries[1].Error, StringComparison.Ordinal);
        Assert.Contains("no request", entries[2].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    public void Parse_NotAnArray_ThrowsFormatException(string json)
    {
        Assert.ThrowsAny<FormatException>(() => EvaluationCaseFile.Parse(json));
    }
}
