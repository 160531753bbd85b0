using System.Diagnostics;
using System.Text;
using GluePassRole.Diagnostics.AccessDenied;

namespace GluePassRole.Diagnostics.Tests.AccessDenied;

/// <summary>Texts that are not AccessDenied messages give the typed error; garbage never throws anything else or hangs.</summary>
public class AccessDeniedMessageNegativeTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("hello world")]
    [InlineData("An error occurred (ThrottlingException) when calling the UpdateJob operation (reached max retries: 4): Rate exceeded")]
    [InlineData("An error occurred (EntityNotFoundException) when calling the GetJob operation: Job with name: nightly not found")]
    [InlineData("An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: abc")]
    [InlineData("User: is not authorized to perform: iam:PassRole")]
    [InlineData("User: arn:aws:iam::123456789012:user/u is not authorized to perform:")]
    [InlineData("is not authorized to perform: iam:PassRole")]
    public void Parse_NotAnAccessDeniedMessage_ThrowsTypedError(string text)
    {
        var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse(text));

        Assert.IsAssignableFrom<FormatException>(error);
        Assert.Contains("is not authorized to perform: <action>", error.Message, StringComparison.Ordinal);
        Assert.False(AccessDeniedMessage.TryParse(text, out var message));
        Assert.Null(message);
    }

    [Fact]
    public void Parse_RandomText_SaysWhatWasExpected()
    {
        var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse("Rate exceeded"));

        Assert.Equal("No 'User: <arn> is not authorized to perform: <action>' clause found; the text is not an AWS AccessDenied message.", error.Message);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => AccessDeniedMessage.Parse(null!));
        Assert.False(AccessDeniedMessage.TryParse(null, out _));
    }

    [Fact]
    public void Parse_LongerThanCap_ThrowsTypedError()
    {
        var text = AccessDeniedMessageCases.All["glue-console"].Text + new string(' ', AccessDeniedMessage.MaxInputLength);

        var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse(text));

        Assert.Contains("65,536", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AtCap_IsAccepted()
    {
        var clause = AccessDeniedMessageCases.All["glue-cli-createjob"].Text;
        var text = new string('x', AccessDeniedMessage.MaxInputLength - clause.Length - 1) + " " + clause;

        Assert.Equal(AccessDeniedMessage.MaxInputLength, text.Length);
        Assert.Equal("CreateJob", AccessDeniedMessage.Parse(text).Operation);
    }

    // Adversarial inputs at the cap: repeated markers that would make a backtracking pattern explode. Each must finish quickly.
    [Theory]
    [InlineData("User: ")]
    [InlineData("is not authorized to perform: ")]
    [InlineData("User: a is not authorized to perform: b on resource: ")]
    [InlineData(" because no ")]
    [InlineData(" with an explicit deny in a ")]
    [InlineData("((((")]
    [InlineData("))))")]
    [InlineData("An error occurred (")]
    [InlineData("\\n\\\"")]
    public void Parse_RepeatedMarkersAtCap_FinishesQuickly(string unit)
    {
        var builder = new StringBuilder();
        while (builder.Length + unit.Length <= AccessDeniedMessage.MaxInputLength)
        {
            builder.Append(unit);
        }

        var stopwatch = Stopwatch.StartNew();
        var parsed = AccessDeniedMessage.TryParse(builder.ToString(), out _);
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"{stopwatch.Elapsed} for '{unit}' (parsed: {parsed})");
    }

    // Property-style: seeded random garbage built from message fragments never throws anything but the typed error.
    [Fact]
    public void Parse_RandomGarbage_OnlyThrowsTypedError()
    {
        string[] fragments =
        [
            "User:", "User: ", "is not authorized to perform:", " is not authorized to perform: ", "on resource:", " on resource: ",
            "on this resource", " because no ", " allows the ", " action", " with an explicit deny", " in a ", " in the ",
            "service control policy", "sessions policy", " transitively through ", ": ", ", with policy ARN:", "arn:", "arn:aws:iam::1:role/",
            "arn:aws:sts::1:assumed-role/", "AWSReservedSSO_", "_", "/", ":", "\"", "(", ")", "(Service:", " status code:", "Status Code: ",
            "Request ID:", "RequestID:", "StatusCode:", "Error Code:", "Encoded authorization failure message:", "An error occurred (",
            ") when calling the ", " operation:", "operation error ", "api error ", "updateJob:", "AccessDeniedException:", "\n", "\t", "\\n",
            "\\\"", "\\", ".", ",", ";", " ", "é", "\u0000", "\u00A0", "x", "9",
        ];
        var random = new Random(20261128);
        var typedErrors = 0;
        for (var run = 0; run < 3000; run++)
        {
            var builder = new StringBuilder();
            var count = random.Next(0, 40);
            for (var i = 0; i < count; i++)
            {
                builder.Append(random.Next(4) == 0
                    ? (char)random.Next(0, 0x3000)
                    : fragments[random.Next(fragments.Length)]);
            }

            var text = builder.ToString();
            try
            {
                var message = AccessDeniedMessage.Parse(text);
                Assert.False(string.IsNullOrEmpty(message.Principal), text);
                Assert.False(string.IsNullOrEmpty(message.Action), text);
                Assert.True(AccessDeniedMessage.TryParse(text, out _), text);
                _ = message.PrincipalKind;
                _ = message.Account;
                _ = message.SsoPermissionSetName;
                _ = message.PassedRolePath;
                _ = message.ToString();
            }
            catch (AccessDeniedMessageFormatException)
            {
                typedErrors++;
                Assert.False(AccessDeniedMessage.TryParse(text, out _), text);
            }
        }

        Assert.InRange(typedErrors, 1, 2999);
    }
}
