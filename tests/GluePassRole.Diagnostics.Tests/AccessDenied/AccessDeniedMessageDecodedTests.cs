using System.Text.Json;
using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Tests.AccessDenied;

/// <summary>
/// Encoded authorization failure messages and their decoded form. Shape of the decoded message: AWS STS API Reference,
/// "DecodeAuthorizationMessage" (https://docs.aws.amazon.com/goto/WebAPI/sts/DecodeAuthorizationMessage: "whether the
/// request was denied due to an explicit deny or due to the absence of an explicit allow", principal, action, resource,
/// "the values of condition keys in the context of the user's request"; needs sts:DecodeAuthorizationMessage) and the CLI
/// example in the IAM User Guide, "Use DecodeAuthorizationMessage with a CLI"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/sts_example_sts_DecodeAuthorizationMessage_section.html): output
/// <c>{"DecodedMessage": "{\"allowed\":false,\"explicitDeny\":true,\"matchedStatements\":{\"items\":[{\"statementId\",
/// \"effect\":\"DENY\",\"principals\":{\"items\":[{\"value\"}]},\"principalGroups\",\"actions\",\"resources\",\"conditions\"}]},
/// \"failures\":{\"items\":[]},\"context\":{\"principal\":{\"id\",\"arn\"},\"action\":\"RunInstances\",\"resource\",
/// \"conditions\":{\"items\":[...]}}}"}</c>. Context condition entries are <c>{"key", "values": {"items": [{"value"}]}}</c>
/// (as decoded messages quoted in public issues show, e.g. for ec2:RunInstances). Values below are constructed.
/// </summary>
public class AccessDeniedMessageDecodedTests
{
    private const string ExplicitPassRole = """
        {"allowed":false,"explicitDeny":true,
         "matchedStatements":{"items":[{"statementId":"DenyPassRoleWithoutMfa","effect":"DENY",
           "principals":{"items":[{"value":"AIDAEXAMPLEUSERID1234"}]},"principalGroups":{"items":[]},
           "actions":{"items":[{"value":"iam:PassRole"}]},"resources":{"items":[{"value":"*"}]},"conditions":{"items":[]}}]},
         "failures":{"items":[]},
         "context":{"principal":{"id":"AIDAEXAMPLEUSERID1234","arn":"arn:aws:iam::123456789012:user/dana"},
           "action":"iam:PassRole","resource":"arn:aws:iam::123456789012:role/service-role/GlueRuntime",
           "conditions":{"items":[
             {"key":"iam:PassedToService","values":{"items":[{"value":"glue.amazonaws.com"}]}},
             {"key":"aws:MultiFactorAuthPresent","values":{"items":[{"value":"false"}]}},
             {"key":"aws:TagKeys","values":{"items":[{"value":"team"},{"value":"cost-center"}]}},
             {"key":"aws:Region","values":{"items":[{"value":"eu-west-1"}]}}]}}}
        """;

    private const string ImplicitRunInstances = """
        {"allowed":false,"explicitDeny":false,"matchedStatements":{"items":[]},"failures":{"items":[]},
         "context":{"principal":{"id":"AROA123456789EXAMPLE:dana","arn":"arn:aws:sts::123456789012:assumed-role/Developer/dana"},
           "action":"RunInstances","resource":"arn:aws:ec2:eu-west-1:123456789012:instance/*",
           "conditions":{"items":[{"key":"ec2:InstanceType","values":{"items":[{"value":"m5.large"}]}}]}}}
        """;

    [Fact]
    public void Parse_DecodedJson_ReturnsMessageAndContext()
    {
        var message = AccessDeniedMessage.Parse(ExplicitPassRole);

        Assert.Equal("arn:aws:iam::123456789012:user/dana", message.Principal);
        Assert.Equal(PrincipalKind.IamUser, message.PrincipalKind);
        Assert.Equal("iam:PassRole", message.Action);
        Assert.Equal("arn:aws:iam::123456789012:role/service-role/GlueRuntime", message.PassedRoleArn);
        Assert.Equal(DenialKind.ExplicitDeny, message.DenialKind);
        Assert.Null(message.PolicyType);

        var decoded = Assert.IsType<DecodedAuthorizationMessage>(message.Decoded);
        Assert.Equal("AIDAEXAMPLEUSERID1234", decoded.PrincipalId);
        Assert.Equal(["glue.amazonaws.com"], decoded.Context["iam:PassedToService"]);
        Assert.Equal(["false"], decoded.Context["aws:multifactorauthpresent"]);
        Assert.Equal(["team", "cost-center"], decoded.Context["aws:TagKeys"]);
        Assert.Equal(4, decoded.Context.Count);

        var statement = Assert.Single(decoded.MatchedStatements);
        Assert.Equal("DenyPassRoleWithoutMfa", statement.StatementId);
        Assert.Equal(Effect.Deny, statement.Effect);
        Assert.Equal(["AIDAEXAMPLEUSERID1234"], statement.Principals);
        Assert.Empty(statement.PrincipalGroups);
        Assert.Equal(["iam:PassRole"], statement.Actions);
        Assert.Equal(["*"], statement.Resources);
        Assert.Null(statement.ConditionsJson);
    }

    // `aws sts decode-authorization-message --encoded-message …` prints {"DecodedMessage": "<the JSON as a string>"}.
    [Fact]
    public void Parse_CliWrapper_ReturnsSameAsDecodedJson()
    {
        var cliOutput = "{\n    \"DecodedMessage\": " + JsonSerializer.Serialize(Compact(ExplicitPassRole)) + "\n}\n";

        var wrapped = AccessDeniedMessage.Parse(cliOutput);
        var direct = AccessDeniedMessage.Parse(ExplicitPassRole);

        Assert.Equal(direct with { Decoded = null }, wrapped with { Decoded = null });
        Assert.Equal(direct.Decoded!.Context["iam:PassedToService"], wrapped.Decoded!.Context["iam:PassedToService"]);
        Assert.Equal(direct.Decoded.MatchedStatements, wrapped.Decoded.MatchedStatements, (a, b) => a.StatementId == b.StatementId && a.Effect == b.Effect);
    }

    // `--query DecodedMessage --output json` prints the decoded JSON as one JSON string.
    [Fact]
    public void Parse_DecodedJsonAsJsonString_IsRead()
    {
        var message = AccessDeniedMessage.Parse(JsonSerializer.Serialize(Compact(ExplicitPassRole)));

        Assert.Equal("arn:aws:iam::123456789012:role/service-role/GlueRuntime", message.PassedRoleArn);
        Assert.NotNull(message.Decoded);
    }

    // The IAM User Guide example names the context action without its service ("RunInstances").
    [Fact]
    public void Parse_DecodedImplicitDenyWithUnqualifiedAction_QualifiesFromResource()
    {
        var message = AccessDeniedMessage.Parse(ImplicitRunInstances);

        Assert.Equal("ec2:RunInstances", message.Action);
        Assert.Equal("arn:aws:ec2:eu-west-1:123456789012:instance/*", message.Resource);
        Assert.Equal(DenialKind.ImplicitDeny, message.DenialKind);
        Assert.Equal(PrincipalKind.AssumedRole, message.PrincipalKind);
        Assert.Equal("Developer", message.RoleName);
        Assert.Empty(message.Decoded!.MatchedStatements);
        Assert.Equal(["m5.large"], message.Decoded.Context["ec2:InstanceType"]);
    }

    [Fact]
    public void Parse_DecodedMessage_NormalizedMessageReparsesToSameFields()
    {
        foreach (var json in (string[])[ExplicitPassRole, ImplicitRunInstances])
        {
            var message = AccessDeniedMessage.Parse(json);

            var again = AccessDeniedMessage.Parse(message.NormalizedMessage);

            Assert.Equal(message.Principal, again.Principal);
            Assert.Equal(message.Action, again.Action);
            Assert.Equal(message.Resource, again.Resource);
            Assert.Equal(message.DenialKind, again.DenialKind);
        }
    }

    [Fact]
    public void Parse_MatchedStatementWithConditions_KeepsThemAsJson()
    {
        var json = ExplicitPassRole.Replace(
            "\"conditions\":{\"items\":[]}",
            "\"conditions\":{\"items\":[{\"key\":\"aws:MultiFactorAuthPresent\",\"values\":{\"items\":[{\"value\":\"false\"}]}}]}",
            StringComparison.Ordinal);

        var statement = Assert.Single(AccessDeniedMessage.Parse(json).Decoded!.MatchedStatements);

        Assert.Contains("aws:MultiFactorAuthPresent", statement.ConditionsJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"arn\":\"arn:aws:iam::123456789012:user/dana\"", "\"arn\":null", "$.context.principal.arn is missing")]
    [InlineData("\"effect\":\"DENY\"", "\"effect\":\"MAYBE\"", "$.matchedStatements.items[0].effect is 'MAYBE'")]
    [InlineData("\"action\":\"iam:PassRole\",", "\"action\":7,", "$.context.action is a number, not a string")]
    [InlineData("{\"key\":\"aws:Region\"", "{\"nokey\":\"aws:Region\"", "$.context.conditions.items[3].key is missing")]
    [InlineData("\"values\":{\"items\":[{\"value\":\"eu-west-1\"}]}", "\"values\":{\"items\":[{\"value\":[]}]}", "$.context.conditions.items[3].values.items[0].value is missing or not a single value")]
    [InlineData("\"explicitDeny\":true", "\"explicitDeny\":\"yes\"", "$.explicitDeny is not true or false")]
    public void Parse_DecodedJsonOfWrongShape_ThrowsInvalidDecodedMessageWithPath(string from, string to, string expected)
    {
        var json = ExplicitPassRole.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(ExplicitPassRole, json);

        var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse(json));

        Assert.Equal(AccessDeniedMessageFormatError.InvalidDecodedMessage, error.Error);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CliWrapperWithBadInnerShape_NamesTheInnerPath()
    {
        var cliOutput = "{\"DecodedMessage\": " + JsonSerializer.Serialize(Compact(ExplicitPassRole).Replace("\"context\"", "\"kontext\"", StringComparison.Ordinal)) + "}";

        var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse(cliOutput));

        Assert.Equal(AccessDeniedMessageFormatError.InvalidDecodedMessage, error.Error);
        Assert.Contains("$.DecodedMessage (decoded).context is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedDecodedJson_SaysWhereWithoutJsonInternals()
    {
        var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse(ExplicitPassRole[..200]));

        Assert.Equal(AccessDeniedMessageFormatError.InvalidDecodedMessage, error.Error);
        Assert.Contains("not valid JSON at line ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("isFinalBlock", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DecodedMessageThatAllowed_ThrowsNotAccessDenied()
    {
        var error = Assert.Throws<AccessDeniedMessageFormatException>(
            () => AccessDeniedMessage.Parse(ExplicitPassRole.Replace("\"allowed\":false", "\"allowed\":true", StringComparison.Ordinal)));

        Assert.Equal(AccessDeniedMessageFormatError.NotAccessDenied, error.Error);
        Assert.Contains("allowed", error.Message, StringComparison.Ordinal);
    }

    // A JSON log line that carries an AccessDenied text is read as text, not as a decoded message.
    [Fact]
    public void Parse_JsonLogLineWithAccessDeniedText_ReadsTheText()
    {
        var message = AccessDeniedMessage.Parse(
            "{\"level\":\"error\",\"msg\":\"" + AccessDeniedMessageCases.All["glue-cli-createjob"].Text + "\",\"ts\":1733050000}");

        Assert.Equal("arn:aws:iam::1111:role/My_Role", message.PassedRoleArn);
        Assert.Null(message.Decoded);
    }

    [Theory]
    [InlineData("unfolded")]
    [InlineData("w80")]
    [InlineData("w60")]
    public void Parse_EncodedMessageOnly_ThrowsWithBlobAndDecodeCommand(string section)
    {
        var sections = AccessDeniedTestData.Sections("encoded-only.txt");
        var blob = sections["unfolded"][(sections["unfolded"].IndexOf("message: ", StringComparison.Ordinal) + "message: ".Length)..];
        Assert.Equal(600, blob.Length);

        var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse(sections[section]));

        Assert.Equal(AccessDeniedMessageFormatError.EncodedMessageOnly, error.Error);
        Assert.Equal(blob, error.EncodedAuthorizationMessage);
        Assert.Contains(AccessDeniedMessage.DecodeCommand(blob), error.Message, StringComparison.Ordinal);
        Assert.Contains("sts:DecodeAuthorizationMessage", error.Message, StringComparison.Ordinal);
        Assert.False(AccessDeniedMessage.TryParse(sections[section], out _));
    }

    [Fact]
    public void Parse_ShortEncodedMessageOnly_ThrowsEncodedMessageOnly()
    {
        var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse(
            "An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: abc"));

        Assert.Equal(AccessDeniedMessageFormatError.EncodedMessageOnly, error.Error);
        Assert.Equal("abc", error.EncodedAuthorizationMessage);
    }

    [Fact]
    public void DecodeCommand_Blob_IsTheExactCliCommand()
    {
        Assert.Equal(
            "aws sts decode-authorization-message --encoded-message AbCd-12_xyz --query DecodedMessage --output text",
            AccessDeniedMessage.DecodeCommand("AbCd-12_xyz"));
        Assert.Equal("sts:DecodeAuthorizationMessage", AccessDeniedMessage.DecodePermission);
    }

    [Fact]
    public void DecodeCommand_TextWithShellCharacters_IsSingleQuoted()
    {
        Assert.Equal(
            "aws sts decode-authorization-message --encoded-message 'a'\\''b $(x)' --query DecodedMessage --output text",
            AccessDeniedMessage.DecodeCommand("a'b $(x)"));
        Assert.Throws<ArgumentException>(() => AccessDeniedMessage.DecodeCommand(" "));
    }

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
