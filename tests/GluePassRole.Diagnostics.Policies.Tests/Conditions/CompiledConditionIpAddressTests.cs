using GluePassRole.Diagnostics.Policies.Conditions;
using static GluePassRole.Diagnostics.Policies.Tests.Conditions.Cond;

namespace GluePassRole.Diagnostics.Policies.Tests.Conditions;

// IpAddress / NotIpAddress take IPv4 or IPv6 addresses and CIDR ranges:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
public class CompiledConditionIpAddressTests
{
    private const string Key = "aws:SourceIp";

    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.7", true)]
    [InlineData("203.0.113.0/24", "203.0.114.7", false)]
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7/32", "203.0.113.8", false)]
    [InlineData("0.0.0.0/0", "198.51.100.1", true)]
    [InlineData("10.1.2.3/8", "10.200.0.1", true)] // host bits in the range are ignored
    [InlineData("2001:db8::/32", "2001:db8:1234::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("2001:DB8:0:0:0:0:0:1", "2001:db8::1", true)]
    [InlineData("::ffff:192.0.2.0/120", "::ffff:192.0.2.5", true)]
    [InlineData("203.0.113.0/24", "2001:db8::1", false)] // families never match each other
    [InlineData("203.0.113.0/24", "not-an-ip", false)]
    public void IsSatisfied_IpAddress_TestsRangeMembership(string policyValue, string requestValue, bool expected) =>
        Assert.Equal(expected, Eval("IpAddress", Key, [policyValue], Request(Key, requestValue)));

    [Fact]
    public void IsSatisfied_NotIpAddressOutsideAllRanges_Matches()
    {
        var condition = Compile("NotIpAddress", Key, "203.0.113.0/24", "2001:db8::/32");

        Assert.True(condition.IsSatisfied(Request(Key, "198.51.100.1")));
        Assert.False(condition.IsSatisfied(Request(Key, "2001:db8::5")));
    }

    [Theory]
    [InlineData("203.0.113.0/33")]
    [InlineData("203.0.113")]
    [InlineData("256.0.0.1")]
    [InlineData("2001:db8:::1")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("corp-network")]
    public void Compile_InvalidRange_IsReportedAndNeverMatches(string policyValue)
    {
        var condition = Compile("IpAddress", Key, policyValue);

        Assert.Single(condition.InvalidValues);
        Assert.False(condition.IsSatisfied(Request(Key, "203.0.113.1")));
    }

    [Theory]
    [InlineData("::", true)]
    [InlineData("::1", true)]
    [InlineData("1::", true)]
    [InlineData("fe80::1:2", true)]
    [InlineData("1:2:3:4:5:6:1.2.3.4", true)]
    [InlineData("1:2:3:4:5:6:7:8", true)]
    [InlineData("1:2:3:4:5:6:7", false)]
    [InlineData("1::2::3", false)]
    [InlineData(":1:2", false)]
    [InlineData("1:", false)]
    [InlineData("01.2.3.4", false)]
    public void TryParseAddress_Forms_ParseAsIpv6OrIpv4(string text, bool expected) =>
        Assert.Equal(expected, IpRange.TryParseAddress(text, out _, out _));

    [Fact]
    public void TryParseAddress_CompressedIpv6_EqualsSystemNetParse()
    {
        Assert.True(IpRange.TryParseAddress("2001:db8::8a2e:370:7334", out var bits, out var isV6));
        var expected = System.Net.IPAddress.Parse("2001:db8::8a2e:370:7334").GetAddressBytes();

        Assert.True(isV6);
        Assert.Equal(new UInt128(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(expected),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(expected.AsSpan(8))), bits);
    }
}
