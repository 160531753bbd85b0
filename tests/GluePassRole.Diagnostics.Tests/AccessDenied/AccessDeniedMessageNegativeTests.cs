using System.Globalization;
using System.Text;
using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.AccessDenied.Internal;

namespace GluePassRole.Diagnostics.Tests.AccessDenied;

/// <summary>Texts that are not AccessDenied messages give the typed error; garbage never throws anything else or hangs.</summary>
public class AccessDeniedMessageNegativeTests
{
    [Theory]
    [InlineData("hello world")]
    [InlineData("An error occurred (ThrottlingException) when calling the UpdateJob operation (reached max retries: 4): Rate exceeded")]
    [InlineData("An error occurred (EntityNotFoundException) when calling the GetJob operation: Job with name: nightly not found")]
    [InlineData("User: is not authorized to perform: iam:PassRole")]
    [InlineData("User: arn:aws:iam::123456789012:user/u is not authorized to perform:")]
    [InlineData("is not authorized to perform: iam:PassRole")]
    [InlineData("{\"level\":\"error\",\"msg\":\"Rate exceeded\"}")]
    public void Parse_NotAnAccessDeniedMessage_ThrowsTypedError(string text)
    {
        var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse(text));

        Assert.IsAssignableFrom<FormatException>(error);
        Assert.Equal(AccessDeniedMessageFormatError.NotAccessDenied, error.Error);
        Assert.Contains("is not authorized to perform: <action>", error.Message, StringComparison.Ordinal);
        Assert.False(AccessDeniedMessage.TryParse(text, out var message));
        Assert.Null(message);
    }

    // Issue 14 item 8: an empty error is bad input, not "some other text".
    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("\r\n\r\n")]
    public void Parse_EmptyOrWhitespace_ThrowsEmptyError(string text)
    {
        var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse(text));

        Assert.Equal(AccessDeniedMessageFormatError.Empty, error.Error);
        Assert.StartsWith("The text is empty", error.Message, StringComparison.Ordinal);
        Assert.False(AccessDeniedMessage.TryParse(text, out _));
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
    public void Parse_LongerThanCap_ThrowsTooLong()
    {
        var text = AccessDeniedMessageCases.All["glue-console"].Text + new string(' ', AccessDeniedMessage.MaxInputLength);

        var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse(text));

        Assert.Equal(AccessDeniedMessageFormatError.TooLong, error.Error);
        Assert.Contains("10,485,760", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AtCapWithClauseAtTheEnd_IsAccepted()
    {
        var clause = AccessDeniedMessageCases.All["glue-cli-createjob"].Text;
        var text = new string('x', AccessDeniedMessage.MaxInputLength - clause.Length - 1) + " " + clause;

        Assert.Equal(AccessDeniedMessage.MaxInputLength, text.Length);
        Assert.Equal("CreateJob", AccessDeniedMessage.Parse(text).Operation);
    }

    // Issue 14 item 7: a log over 64 KiB with the error near the end used to be refused. The wrapper fields come from the
    // error's own line, not from an earlier throttling error or a later request ID.
    [Fact]
    public void Parse_LongLogWithErrorNearTheEnd_FindsTheError()
    {
        var log = new StringBuilder();
        log.Append("2026-11-30T10:00:00Z WARN botocore: An error occurred (ThrottlingException) when calling the GetJob operation (reached max retries: 4): Rate exceeded\n");
        var line = 0;
        while (log.Length < 5_000_000)
        {
            log.Append(CultureInfo.InvariantCulture, $"2026-11-30T10:00:{line % 60:00}Z INFO glue-deploy: step {line++} (status: ok) uploading script part\n");
        }

        log.Append("2026-11-30T10:05:00Z ERROR glue-deploy: ").Append(AccessDeniedMessageCases.All["glue-cli-createjob"].Text).Append('\n');
        log.Append("2026-11-30T10:05:01Z INFO glue-deploy: Request ID: 11111111-2222 (Service: Other; Status Code: 500)\n");

        var message = AccessDeniedMessage.Parse(log.ToString());

        Assert.Equal("arn:aws:iam::1111:user/My_User", message.Principal);
        Assert.Equal("arn:aws:iam::1111:role/My_Role", message.PassedRoleArn);
        Assert.Equal("CreateJob", message.Operation);
        Assert.Equal("AccessDeniedException", message.ErrorCode);
        Assert.Null(message.RequestId);
        Assert.Null(message.HttpStatusCode);
    }

    // A clause with no reason at the end of a log line: the resource stops at the end of the ARN, not at the end of the log.
    [Fact]
    public void Parse_LogLineWithoutReason_ResourceStopsAtFirstSpace()
    {
        var message = AccessDeniedMessage.Parse(
            "10:00:01 ERROR User: arn:aws:iam::123456789012:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/r\n10:00:02 INFO retrying in 5 s\n");

        Assert.Equal("arn:aws:iam::123456789012:role/r", message.Resource);
    }

    // Adversarial inputs at the cap: repeated markers that would make a backtracking pattern explode, candidate clauses
    // without a principal, unbalanced parentheses, wrap-like layouts. The parser's scanned-character count (not wall time,
    // which depends on the machine) must stay within a small multiple of the input length.
    [Theory]
    [InlineData("User: ")]
    [InlineData("is not authorized to perform: ")]
    [InlineData("x is not authorized to perform: ")]
    [InlineData("User: a is not authorized to perform: b on resource: ")]
    [InlineData("(User: a is not authorized to perform:)")]
    [InlineData(" because no ")]
    [InlineData(" with an explicit deny in a ")]
    [InlineData("((((")]
    [InlineData("))))")]
    [InlineData("An error occurred (")]
    [InlineData("Encoded authorization failure message: ")]
    [InlineData("\\n\\\"")]
    [InlineData("is not authorized to perfo\nrm: iam:Pas\n")]
    [InlineData("> > \n")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n")]
    public void Parse_RepeatedMarkersAtCap_WorkIsLinear(string unit)
    {
        var builder = new StringBuilder(AccessDeniedMessage.MaxInputLength);
        while (builder.Length + unit.Length <= AccessDeniedMessage.MaxInputLength)
        {
            builder.Append(unit);
        }

        var text = builder.ToString();

        _ = AccessDeniedMessage.TryParse(text, out _);

        Assert.InRange(ScanWork.Characters, text.Length, 20L * text.Length);
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
