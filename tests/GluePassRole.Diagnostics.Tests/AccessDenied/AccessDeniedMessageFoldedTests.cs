using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Tests.AccessDenied;

/// <summary>
/// Text hard-wrapped at a fixed column, as a terminal copy leaves it: every verbatim case passed through the real
/// <c>fold -w 80</c> / <c>fold -w 60</c> (TestData/AccessDenied/make_folded.py), also with each line indented or quoted with
/// <c>&gt; </c>. Folded text must parse to what the unfolded text parses to.
/// </summary>
public class AccessDeniedMessageFoldedTests
{
    public static TheoryData<string, string> FoldedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in (string[])["folded-w80.txt", "folded-w60.txt", "folded-w80-indented.txt", "folded-w60-quoted.txt"])
        {
            foreach (var id in AccessDeniedTestData.Sections(file).Keys)
            {
                data.Add(file, id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FoldedCases))]
    public void Parse_FoldedVerbatimExample_ReturnsSameFieldsAsUnfolded(string file, string id)
    {
        var folded = AccessDeniedTestData.Sections(file)[id];
        var expected = AccessDeniedMessageCases.All[id];

        var message = AccessDeniedMessage.Parse(folded);

        Assert.Equal(expected.Principal, message.Principal);
        Assert.Equal(expected.Action, message.Action);
        Assert.Equal(expected.Resource, message.Resource);
        Assert.Equal(expected.DenialKind, message.DenialKind);
        Assert.Equal(expected.PolicyType, message.PolicyType);
        Assert.Equal(expected.TransitivePolicyType, message.TransitivePolicyType);
        Assert.Equal(expected.PolicyArn, message.PolicyArn);
        Assert.Equal(expected.Operation, message.Operation);
        Assert.Equal(expected.ErrorCode, message.ErrorCode);
        Assert.Equal(AccessDeniedMessage.Parse(expected.Text).NormalizedMessage, message.NormalizedMessage);
    }

    [Fact]
    public void Parse_CliErrorFoldedMidAction_RejoinsIamPassRole()
    {
        // `fold -w 80` output (real, trailing space kept) of the CLI CreateJob error of error-messages.md §E with a longer
        // user name: the action is cut after "iam:Pas".
        const string folded =
            "An error occurred (AccessDeniedException) when calling the CreateJob operation: \n"
            + "User: arn:aws:iam::1111:user/My_Glue_Admin is not authorized to perform: iam:Pas\n"
            + "sRole on resource: arn:aws:iam::1111:role/My_Role because no identity-based poli\n"
            + "cy allows the iam:PassRole action";

        var message = AccessDeniedMessage.Parse(folded);

        Assert.Equal("iam:PassRole", message.Action);
        Assert.Equal("arn:aws:iam::1111:user/My_Glue_Admin", message.Principal);
        Assert.Equal("arn:aws:iam::1111:role/My_Role", message.PassedRoleArn);
        Assert.Equal("CreateJob", message.Operation);
        Assert.Equal(PolicyType.IdentityBased, message.PolicyType);
    }

    // The Glue console block is laid out with bare line breaks that stand for spaces; its longest line is followed by
    // another line, which a fold-only reading would glue to it ("…AWSGlueServiceRole-datasciencebecause no …").
    [Fact]
    public void Parse_ConsoleBlockWhoseLongestLineIsNotLast_KeepsLineBreaksAsSpaces()
    {
        const string block = """
            Failed to update job
            updateJob: AccessDeniedException:
            User: arn:aws:iam::123456789012:user/dana
            is not authorized to perform: iam:PassRole
            on resource: arn:aws:iam::123456789012:role/service-role/AWSGlueServiceRole-datascience
            because no identity-based policy allows the iam:PassRole action
            """;

        var message = AccessDeniedMessage.Parse(block);

        Assert.Equal("arn:aws:iam::123456789012:user/dana", message.Principal);
        Assert.Equal("arn:aws:iam::123456789012:role/service-role/AWSGlueServiceRole-datascience", message.PassedRoleArn);
        Assert.Equal(PolicyType.IdentityBased, message.PolicyType);
    }

    [Fact]
    public void Parse_QuotedConsoleBlock_StripsQuoteMarks()
    {
        const string block = """
            > User: arn:aws:iam::123456789012:user/dana
            > is not authorized to perform: iam:PassRole
            > on resource: arn:aws:iam::123456789012:role/GlueRuntime
            > because no identity-based policy allows the iam:PassRole action
            """;

        var message = AccessDeniedMessage.Parse(block);

        Assert.Equal("arn:aws:iam::123456789012:user/dana", message.Principal);
        Assert.Equal("arn:aws:iam::123456789012:role/GlueRuntime", message.PassedRoleArn);
    }

    // Negative cases stay negative when folded: wrapping must not turn other text into an AccessDenied message.
    [Theory]
    [InlineData("An error occurred (ThrottlingException) when calling the UpdateJob operation (reached max retries: 4): Rate exceeded")]
    [InlineData("An error occurred (EntityNotFoundException) when calling the GetJob operation: Job with name: nightly-etl-load-orders not found in this account")]
    [InlineData("User: arn:aws:iam::123456789012:user/dana is authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/GlueRuntime")]
    public void Parse_FoldedNonAccessDeniedText_ThrowsNotAccessDenied(string text)
    {
        foreach (var width in (int[])[20, 33, 60, 80])
        {
            var folded = string.Join('\n', text.Chunk(width).Select(chunk => new string(chunk)));

            var error = Assert.Throws<AccessDeniedMessageFormatException>(() => AccessDeniedMessage.Parse(folded));

            Assert.Equal(AccessDeniedMessageFormatError.NotAccessDenied, error.Error);
        }
    }
}
