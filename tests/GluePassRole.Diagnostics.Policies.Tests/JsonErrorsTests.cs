using System.Text.Json;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Policies.Tests;

public sealed class JsonErrorsTests
{
    private static JsonException ParseError(string json) => Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(json).Dispose());

    [Theory]
    [InlineData("", "policy.json: not valid JSON at line 1, column 1 (it is empty)")]
    [InlineData("{\n  \"a\": [1\n", "policy.json: not valid JSON at line 3, column 1 (it ends before every object and array is closed)")]
    [InlineData("{\"a\": 1,}", "policy.json: not valid JSON at line 1, column 9")]
    public void Describe_ParserException_FileLineColumnWithoutInternals(string json, string expected)
    {
        var text = JsonErrors.Describe(ParseError(json), "policy.json");

        Assert.StartsWith(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("isFinalBlock", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_NoSubject_StartsWithNotValid()
    {
        Assert.StartsWith("not valid JSON at line 1, column 1", JsonErrors.Describe(ParseError("")), StringComparison.Ordinal);
    }
}
