using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Tests.Matching;

public class ArnPatternTests
{
    private const string GlueRolePattern = "arn:aws:iam::*:role/AWSGlueServiceRole*";
    private const string GlueServiceRolePathPattern = "arn:aws:iam::*:role/service-role/AWSGlueServiceRole*";

    // AWSGlueConsoleFullAccess grants iam:PassRole on both patterns; the path is part of the resource component, so
    // '*' after 'role/' must see 'service-role/' but the first pattern cannot skip it.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html (role ARN includes the path)
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSGlueConsoleFullAccess.html
    [Theory]
    [InlineData(GlueRolePattern, "arn:aws:iam::123456789012:role/AWSGlueServiceRoleDefault", true)]
    [InlineData(GlueRolePattern, "arn:aws:iam::123456789012:role/AWSGlueServiceRole", true)]
    [InlineData(GlueRolePattern, "arn:aws:iam::123456789012:role/service-role/AWSGlueServiceRole-x", false)]
    [InlineData(GlueRolePattern, "arn:aws:iam::123456789012:role/etl-runtime", false)]
    [InlineData(GlueRolePattern, "arn:aws:iam::123456789012:role/team/AWSGlueServiceRoleX", false)]
    [InlineData(GlueRolePattern, "arn:aws:iam::123456789012:role/awsglueservicerolex", false)]
    [InlineData(GlueServiceRolePathPattern, "arn:aws:iam::123456789012:role/service-role/AWSGlueServiceRole-x", true)]
    [InlineData(GlueServiceRolePathPattern, "arn:aws:iam::123456789012:role/AWSGlueServiceRoleDefault", false)]
    public void IsMatch_GlueManagedPolicyPassRolePatterns_RespectRolePath(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, ArnPattern.Create(pattern).IsMatch(arn));
    }

    // The '*' partition wildcard and explicit partitions: aws-cn (China), aws-us-gov (GovCloud).
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
    [Theory]
    [InlineData("arn:aws-cn:iam::*:role/AWSGlueServiceRole*", "arn:aws-cn:iam::123456789012:role/AWSGlueServiceRoleA", true)]
    [InlineData("arn:aws-cn:iam::*:role/AWSGlueServiceRole*", "arn:aws:iam::123456789012:role/AWSGlueServiceRoleA", false)]
    [InlineData("arn:aws-us-gov:iam::*:role/x", "arn:aws-us-gov:iam::123456789012:role/x", true)]
    [InlineData(GlueRolePattern, "arn:aws-us-gov:iam::123456789012:role/AWSGlueServiceRoleA", false)]
    [InlineData("arn:*:iam::*:role/x", "arn:aws-cn:iam::123456789012:role/x", true)]
    [InlineData("arn:aws*:iam::*:role/x", "arn:aws-us-gov:iam::123456789012:role/x", true)]
    public void IsMatch_Partitions_AreComparedAsTheirOwnComponent(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, ArnPattern.Create(pattern).IsMatch(arn));
    }

    // '*' in the resource component spans '/' (and ':').
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
    [Theory]
    [InlineData("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c.txt", true)]
    [InlineData("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/", true)]
    [InlineData("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false)]
    [InlineData("arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket/1/2/test/3/object.jpg", true)]
    [InlineData("arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket//test/object.jpg", true)]
    [InlineData("arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket/1-test/object.jpg", false)]
    [InlineData("arn:aws:logs:us-east-1:123456789012:log-group:/aws/glue/*", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/glue/jobs:log-stream:x", true)]
    [InlineData("arn:aws:iam::123456789012:user/accounting/*", "arn:aws:iam::123456789012:user/accounting/ops/alice", true)]
    [InlineData("arn:aws:iam::123456789012:user/Bob", "arn:aws:iam::123456789012:user/bob", false)]
    [InlineData("arn:aws:iam::123456789012:role/r?le", "arn:aws:iam::123456789012:role/rXle", true)]
    [InlineData("arn:aws:iam::123456789012:role/r?le", "arn:aws:iam::123456789012:role/rle", false)]
    public void IsMatch_ResourceComponent_WildcardsSpanSlashAndColon(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, ArnPattern.Create(pattern).IsMatch(arn));
    }

    // Each of the six colon-delimited components is checked separately, so a wildcard in region or account matches
    // within that component only.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
    [Theory]
    [InlineData("arn:aws:glue:*:123456789012:job/etl", "arn:aws:glue:eu-west-1:123456789012:job/etl", true)]
    [InlineData("arn:aws:glue:us-*-?:123456789012:job/etl", "arn:aws:glue:us-east-1:123456789012:job/etl", true)]
    [InlineData("arn:aws:glue:us-*-?:123456789012:job/etl", "arn:aws:glue:eu-west-1:123456789012:job/etl", false)]
    [InlineData("arn:aws:glue:*:*:job/etl", "arn:aws:glue:us-east-1:123456789012:job/etl", true)]
    [InlineData("arn:aws:glue:*:1234*:job/etl", "arn:aws:glue:us-east-1:123456789012:job/etl", true)]
    [InlineData("arn:aws:glue:*:1234*:job/etl", "arn:aws:glue:us-east-1:999956789012:job/etl", false)]
    [InlineData("arn:aws:iam::*:role/x", "arn:aws:iam::123456789012:role/x", true)]
    [InlineData("arn:aws:iam:*:*:role/x", "arn:aws:iam::123456789012:role/x", true)]
    [InlineData("arn:aws:iam:?:*:role/x", "arn:aws:iam::123456789012:role/x", false)]
    [InlineData("arn:aws:s3:::*", "arn:aws:s3:::bucket/key:with:colons", true)]
    public void IsMatch_WildcardInRegionOrAccount_StaysWithinItsComponent(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, ArnPattern.Create(pattern).IsMatch(arn));
    }

    // '*' in the account component must not swallow a colon and shift the components:
    // account '*' against '123:role' would let 'arn:aws:iam::*:x' match 'arn:aws:iam::123:role:x' if it spanned.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
    [Theory]
    [InlineData("arn:aws:iam::*:x", "arn:aws:iam::123456789012:role:x", false)]
    [InlineData("arn:aws:*:us-east-1:123456789012:x", "arn:aws:glue:eu:west:us-east-1:123456789012:x", false)]
    [InlineData("arn:*:glue:*:*:job/x", "arn:aws:cn:glue:us-east-1:123456789012:job/x", false)]
    public void IsMatch_WildcardInFirstFiveComponents_DoesNotSpanColon(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, ArnPattern.Create(pattern).IsMatch(arn));
    }

    // A pattern with fewer components: a final '*' expands beyond the colon boundaries ("If the * wildcard is the
    // last character of a resource ARN segment, it can expand to match beyond the colon boundaries"); otherwise
    // a short pattern cannot match a full ARN.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
    [Theory]
    [InlineData("*", "arn:aws:iam::123456789012:role/x", true)]
    [InlineData("*", "", true)]
    [InlineData("arn:aws:ec2:*", "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc", true)]
    [InlineData("arn:aws:ec2:*", "arn:aws:s3:::bucket", false)]
    [InlineData("arn:aws:ec2:us-*", "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc", true)]
    [InlineData("arn:aws:ec2:us-*", "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc", false)]
    [InlineData("arn:aws:iam::*", "arn:aws:iam::123456789012:role/x", true)]
    [InlineData("arn:aws:*", "arn:aws:iam::123456789012:role/x", true)]
    [InlineData("arn:aws-cn:*", "arn:aws:iam::123456789012:role/x", false)]
    [InlineData("arn:aws:ec2:us-east-1", "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc", false)]
    [InlineData("arn:aws:ec2:us-east-1", "arn:aws:ec2:us-east-1", true)]
    [InlineData("arn:aws:ec2:*", "arn:aws:ec2", false)]
    public void IsMatch_PatternWithFewerComponents_FinalStarSpansTheRest(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, ArnPattern.Create(pattern).IsMatch(arn));
    }

    // ARN matching is case-sensitive (ArnEquals/ArnLike: "Case-sensitive matching of the ARN").
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/Etl", "arn:aws:iam::123456789012:role/etl", false)]
    [InlineData("arn:AWS:iam::123456789012:role/etl", "arn:aws:iam::123456789012:role/etl", false)]
    [InlineData("arn:aws:IAM::123456789012:role/etl", "arn:aws:iam::123456789012:role/etl", false)]
    public void IsMatch_DifferentCase_DoesNotMatch(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, ArnPattern.Create(pattern).IsMatch(arn));
    }

    [Theory]
    [InlineData("not-an-arn", "not-an-arn", true)]
    [InlineData("arn:aws:iam::123456789012:role/x", "arn:aws:iam::123456789012", false)]
    [InlineData("arn:aws:iam::123456789012:role/x", "", false)]
    public void IsMatch_MalformedValues_MatchOnlyEqualShape(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, ArnPattern.Create(pattern).IsMatch(arn));
    }

    [Theory]
    [InlineData(@"arn:aws:iam::123456789012:user/a\*b", "arn:aws:iam::123456789012:user/a*b", true)]
    [InlineData(@"arn:aws:iam::123456789012:user/a\*b", "arn:aws:iam::123456789012:user/aXXb", false)]
    [InlineData(@"arn:aws:iam::123456789012:user/a\?*", "arn:aws:iam::123456789012:user/a?xyz", true)]
    [InlineData(@"arn:aws:iam::123456789012:user/a\\b", @"arn:aws:iam::123456789012:user/a\b", true)]
    [InlineData(@"arn:aws:iam::123456789012\:role/x", "arn:aws:iam::123456789012:role/x", true)]
    [InlineData(@"arn:aws:iam::\*:role/x", "arn:aws:iam::123456789012:role/x", false)]
    public void IsMatch_EscapedPattern_EscapedWildcardsAreLiteral(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, ArnPattern.CreateEscaped(pattern).IsMatch(arn));
    }

    [Fact]
    public void Pattern_ReturnsTextAsGiven()
    {
        Assert.Equal(GlueRolePattern, ArnPattern.Create(GlueRolePattern).Pattern);
        Assert.Equal(@"arn:aws:s3:::b/\*", ArnPattern.CreateEscaped(@"arn:aws:s3:::b/\*").Pattern);
    }

    [Fact]
    public void IsMatch_AfterWarmUp_AllocatesNothing()
    {
        var patterns = new[]
        {
            ArnPattern.Create(GlueRolePattern),
            ArnPattern.Create(GlueServiceRolePathPattern),
            ArnPattern.Create("*"),
            ArnPattern.Create("arn:aws:ec2:*"),
        };
        const string Arn = "arn:aws:iam::123456789012:role/service-role/AWSGlueServiceRole-x";
        foreach (var p in patterns)
        {
            _ = p.IsMatch(Arn);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            foreach (var p in patterns)
            {
                _ = p.IsMatch(Arn);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
