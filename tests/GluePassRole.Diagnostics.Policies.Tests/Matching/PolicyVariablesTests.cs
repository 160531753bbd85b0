using System.Xml.Linq;
using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Tests.Matching;

// Semantics from the IAM User Guide, "IAM policy elements: Variables and tags":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
public class PolicyVariablesTests
{
    private static readonly RequestContext Context = RequestContext.Empty
        .With("aws:username", "alice")
        .With("aws:PrincipalTag/team", "data-eng")
        .With("aws:PrincipalAccount", "123456789012")
        .With("iam:PassedToService", "glue.amazonaws.com")
        .With("aws:TagKeys", "team", "project")
        .With("aws:userid", "AIDAEXAMPLE:bob*?")
        .With("weird", @"a\b*c?d")
        .With("nested", "${aws:username}");

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-using-variables
    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/${aws:username}", "arn:aws:iam::123456789012:user/alice")]
    [InlineData("home/${aws:username}/*", "home/alice/*")]
    [InlineData("${aws:PrincipalTag/team}", "data-eng")]
    [InlineData("arn:aws:iam::${aws:PrincipalAccount}:role/${aws:PrincipalTag/team}-*", "arn:aws:iam::123456789012:role/data-eng-*")]
    [InlineData("no variables here", "no variables here")]
    [InlineData("", "")]
    public void TryResolve_KnownKeys_SubstitutesValues(string text, string expected)
    {
        Assert.True(PolicyVariables.TryResolve(text, Context, out var resolved));
        Assert.Equal(expected, resolved);
    }

    // Request keys are looked up case-insensitively (condition key names are not case-sensitive).
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
    [Theory]
    [InlineData("${AWS:UserName}", "alice")]
    [InlineData("${aws:principaltag/TEAM}", "data-eng")]
    [InlineData("${IAM:passedtoservice}", "glue.amazonaws.com")]
    public void TryResolve_KeyInDifferentCase_FindsValue(string text, string expected)
    {
        Assert.True(PolicyVariables.TryResolve(text, Context, out var resolved));
        Assert.Equal(expected, resolved);
    }

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value
    [Theory]
    [InlineData("${aws:TokenIssueTime}")]
    [InlineData("arn:aws:s3:::bucket/${aws:username}/${aws:missing}")]
    public void TryResolve_MissingKeyWithoutDefault_ReturnsFalse(string text)
    {
        Assert.False(PolicyVariables.TryResolve(text, Context, out _));
        Assert.False(PolicyVariables.TryResolvePattern(text, Context, out _));
    }

    // Multivalued keys cannot be used as variables.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value
    [Fact]
    public void TryResolve_MultivaluedKey_ReturnsFalse()
    {
        Assert.False(PolicyVariables.TryResolve("${aws:TagKeys}", Context, out _));
    }

    [Fact]
    public void TryResolve_KeyWithNoValues_ReturnsFalse()
    {
        var context = RequestContext.Empty.With("aws:username");

        Assert.False(PolicyVariables.TryResolve("${aws:username}", context, out _));
    }

    // Default values: ${key, 'default'}; the default is used when the key has no usable value.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-default-values
    [Theory]
    [InlineData("${aws:missing, 'anonymous'}", "anonymous")]
    [InlineData("${aws:username, 'anonymous'}", "alice")]
    [InlineData("${aws:PrincipalTag/other, 'company-wide'}", "company-wide")]
    [InlineData("${aws:missing,'x'}", "x")]
    [InlineData("${ aws:missing ,  'x' }", "x")]
    [InlineData("${aws:missing, 'Mixed Case With Spaces'}", "Mixed Case With Spaces")]
    [InlineData("${aws:missing, ''}", "")]
    [InlineData("${aws:TagKeys, 'fallback'}", "fallback")]
    [InlineData("team/${aws:missing, 'none'}/*", "team/none/*")]
    public void TryResolve_Default_UsedWhenKeyHasNoValue(string text, string expected)
    {
        Assert.True(PolicyVariables.TryResolve(text, Context, out var resolved));
        Assert.Equal(expected, resolved);
    }

    // ${*}, ${?} and ${$} stand for the literal characters.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html (special characters)
    [Theory]
    [InlineData("a${*}b", "a*b")]
    [InlineData("a${?}b", "a?b")]
    [InlineData("cost${$}", "cost$")]
    [InlineData("${$}{aws:username}", "${aws:username}")]
    public void TryResolve_SpecialCharacters_BecomeLiteralCharacters(string text, string expected)
    {
        Assert.True(PolicyVariables.TryResolve(text, Context, out var resolved));
        Assert.Equal(expected, resolved);
    }

    [Fact]
    public void TryResolve_ValueContainingVariableSyntax_IsNotSubstitutedAgain()
    {
        Assert.True(PolicyVariables.TryResolve("${nested}", Context, out var resolved));
        Assert.Equal("${aws:username}", resolved);
    }

    [Theory]
    [InlineData("${aws:username")]
    [InlineData("price $5 {x}")]
    public void TryResolve_UnclosedVariable_IsLiteralText(string text)
    {
        Assert.True(PolicyVariables.TryResolve(text, Context, out var resolved));
        Assert.Equal(text, resolved);
    }

    [Theory]
    [InlineData("${}")]
    [InlineData("${ }")]
    [InlineData("${aws:missing, anonymous}")]
    [InlineData("${aws:missing, 'anonymous}")]
    [InlineData("${aws:missing, 'a' x}")]
    public void TryResolve_MalformedVariable_ReturnsFalse(string text)
    {
        Assert.False(PolicyVariables.TryResolve(text, Context, out _));
    }

    [Theory]
    [InlineData("${aws:username}", true)]
    [InlineData("arn:aws:s3:::b/${*}", true)]
    [InlineData("arn:aws:s3:::b/*", false)]
    [InlineData("${unclosed", false)]
    public void ContainsVariable_DetectsVariables(string text, bool expected)
    {
        Assert.Equal(expected, PolicyVariables.ContainsVariable(text));
    }

    // Substituted values are literal: a username containing '*' must not act as a wildcard, while the policy's own
    // wildcards stay wildcards.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html (special characters)
    [Fact]
    public void TryResolvePattern_ValueWithWildcards_IsEscaped()
    {
        Assert.True(PolicyVariables.TryResolvePattern("home/${aws:userid}/*", Context, out var escaped));

        Assert.Equal(@"home/AIDAEXAMPLE:bob\*\?/*", escaped);
    }

    [Fact]
    public void TryResolvePattern_BackslashesInTextAndValue_AreEscaped()
    {
        Assert.True(PolicyVariables.TryResolvePattern(@"x\${weird}", Context, out var escaped));

        Assert.Equal(@"x\\a\\b\*c\?d", escaped);
    }

    [Fact]
    public void TryResolvePattern_SpecialCharacters_AreEscapedLiterals()
    {
        Assert.True(PolicyVariables.TryResolvePattern("a${*}b${?}c${$}*", Context, out var escaped));

        Assert.Equal(@"a\*b\?c$*", escaped);
        var pattern = WildcardPattern.CreateEscaped(escaped, ignoreCase: false);
        Assert.True(pattern.IsMatch("a*b?c$anything"));
        Assert.False(pattern.IsMatch("aXbYc$"));
    }

    [Fact]
    public void TryResolvePattern_UsernameWithStar_DoesNotBecomeWildcardInArn()
    {
        var context = RequestContext.Empty.With("aws:username", "al*");
        Assert.True(PolicyVariables.TryResolvePattern("arn:aws:iam::123456789012:user/${aws:username}", context, out var escaped));

        var pattern = ArnPattern.CreateEscaped(escaped);

        Assert.True(pattern.IsMatch("arn:aws:iam::123456789012:user/al*"));
        Assert.False(pattern.IsMatch("arn:aws:iam::123456789012:user/alice"));
    }

    [Fact]
    public void TryResolvePattern_DefaultWithWildcard_IsLiteral()
    {
        Assert.True(PolicyVariables.TryResolvePattern("${aws:missing, 'a*'}", Context, out var escaped));

        Assert.Equal(@"a\*", escaped);
    }

    [Fact]
    public void TryResolvePattern_ResultRoundTripsThroughWildcardPattern()
    {
        Assert.True(PolicyVariables.TryResolvePattern("arn:aws:iam::${aws:PrincipalAccount}:role/${aws:PrincipalTag/team}-*", Context, out var escaped));

        var pattern = ArnPattern.CreateEscaped(escaped);

        Assert.True(pattern.IsMatch("arn:aws:iam::123456789012:role/data-eng-etl"));
        Assert.False(pattern.IsMatch("arn:aws:iam::123456789012:role/ml-etl"));
    }

    // Variables are substituted only under Version 2012-10-17; callers check PolicyDocument.SupportsPolicyVariables,
    // so the rule must be stated in the XML documentation they read.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
    [Fact]
    public void XmlDocumentation_StatesVersionRule()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "GluePassRole.Diagnostics.Policies.xml");
        var member = XDocument.Load(path).Descendants("member")
            .Single(m => (string?)m.Attribute("name") == "T:GluePassRole.Diagnostics.Policies.Matching.PolicyVariables");

        var text = member.Value;

        Assert.Contains("2012-10-17", text, StringComparison.Ordinal);
        Assert.Contains("SupportsPolicyVariables", member.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SupportsPolicyVariables_OnlyForVersion2012()
    {
        Assert.True(new PolicyDocument { Version = PolicyDocument.Version2012 }.SupportsPolicyVariables);
        Assert.False(new PolicyDocument { Version = PolicyDocument.Version2008 }.SupportsPolicyVariables);
        Assert.False(new PolicyDocument().SupportsPolicyVariables);
    }

    // "You can use policy variables in the Resource element, but only in the resource portion of the ARN. This portion of
    // the ARN appears after the fifth colon (:)." (reference_policies_variables.html). Colons inside ${...} do not count.
    [Theory]
    [InlineData("arn:aws:s3:::bucket/${aws:username}/*", 13)]
    [InlineData("arn:aws:iam::${aws:PrincipalAccount}:role/x", 37)]
    [InlineData("arn:aws:iam::123456789012:role/a:b", 26)]
    [InlineData("arn:aws:s3", -1)]
    [InlineData("*", -1)]
    [InlineData("${aws:username}", -1)]
    public void ResourcePartStart_Arn_IndexAfterFifthColonOutsideVariables(string text, int expected)
    {
        Assert.Equal(expected, PolicyVariables.ResourcePartStart(text));
    }

    [Fact]
    public void TryResolvePattern_FromStart_LeavesEarlierVariablesLiteral()
    {
        const string Text = "arn:aws:iam::${aws:PrincipalAccount}:role/${aws:username}";

        Assert.True(PolicyVariables.TryResolve(Text, PolicyVariables.ResourcePartStart(Text), Context, out var resolved));
        Assert.Equal("arn:aws:iam::${aws:PrincipalAccount}:role/alice", resolved);
        Assert.False(PolicyVariables.ContainsVariable("arn:aws:iam::${aws:PrincipalAccount}:role/x", PolicyVariables.ResourcePartStart("arn:aws:iam::${aws:PrincipalAccount}:role/x")));
        Assert.False(PolicyVariables.ContainsVariable("${aws:username}", -1));
    }
}
