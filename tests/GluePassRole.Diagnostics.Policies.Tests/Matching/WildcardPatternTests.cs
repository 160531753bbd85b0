using System.Text;
using GluePassRole.Diagnostics.Policies.Matching;

namespace GluePassRole.Diagnostics.Policies.Tests.Matching;

public class WildcardPatternTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything:at/all", true)]
    [InlineData("***", "x", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("abc", "ABC", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("a?c", "abbc", false)]
    [InlineData("abc*", "abc", true)]
    [InlineData("abc*", "abcdef", true)]
    [InlineData("abc*", "ab", false)]
    [InlineData("*abc", "xxabc", true)]
    [InlineData("*abc", "abcx", false)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("a*a", "a", false)]
    [InlineData("a*a", "aa", true)]
    [InlineData("*a*a*", "a", false)]
    [InlineData("*ab*ba*", "aba", false)]
    [InlineData("*ab*ba*", "abba", true)]
    [InlineData("*?*", "", false)]
    [InlineData("*?*", "x", true)]
    [InlineData("?*?", "xy", true)]
    [InlineData("*aab", "aaab", true)]
    [InlineData("*a?b*", "xxaab", true)]
    public void IsMatch_CaseSensitive_MatchesWildcardSemantics(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, WildcardPattern.Create(pattern, ignoreCase: false).IsMatch(value));
    }

    [Theory]
    [InlineData("abc", "ABC", true)]
    [InlineData("abc*", "ABCdef", true)]
    [InlineData("*Role", "PASSROLE", true)]
    [InlineData("p?ss*r*e", "PASSROLE", true)]
    [InlineData("p?ss*x", "PASSROLE", false)]
    public void IsMatch_IgnoreCase_IgnoresCase(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, WildcardPattern.Create(pattern, ignoreCase: true).IsMatch(value));
    }

    [Theory]
    [InlineData(@"a\*b", "a*b", true)]
    [InlineData(@"a\*b", "aXb", false)]
    [InlineData(@"a\?b", "a?b", true)]
    [InlineData(@"a\?b", "aXb", false)]
    [InlineData(@"a\\b", @"a\b", true)]
    [InlineData(@"a\\*", @"a\anything", true)]
    [InlineData(@"\*", "*", true)]
    [InlineData(@"\*", "x", false)]
    [InlineData(@"ab\", @"ab\", true)]
    public void IsMatch_Escaped_BackslashMakesNextCharacterLiteral(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, WildcardPattern.CreateEscaped(pattern, ignoreCase: false).IsMatch(value));
    }

    [Fact]
    public void IsMatch_UnescapedPattern_BackslashIsLiteral()
    {
        var pattern = WildcardPattern.Create(@"a\*", ignoreCase: false);

        Assert.True(pattern.IsMatch(@"a\bc"));
        Assert.False(pattern.IsMatch("a*"));
    }

    [Fact]
    public void Pattern_ReturnsTextAsGiven()
    {
        Assert.Equal(@"a\*b", WildcardPattern.CreateEscaped(@"a\*b", ignoreCase: false).Pattern);
        Assert.Equal("iam:Pass*", WildcardPattern.Create("iam:Pass*", ignoreCase: true).Pattern);
    }

    [Fact]
    public void IsMatch_RandomSmallInputs_AgreesWithReferenceImplementation()
    {
        var random = new Random(20261128);
        const string PatternAlphabet = "ab*?A";
        const string ValueAlphabet = "abAB";
        for (var run = 0; run < 20_000; run++)
        {
            var pattern = RandomString(random, PatternAlphabet, random.Next(0, 9));
            var value = RandomString(random, ValueAlphabet, random.Next(0, 11));
            var ignoreCase = run % 2 == 0;

            var expected = WildcardReference.IsMatch(pattern, value, ignoreCase, escaped: false);

            Assert.True(
                expected == WildcardPattern.Create(pattern, ignoreCase).IsMatch(value),
                $"pattern '{pattern}' value '{value}' ignoreCase {ignoreCase}: expected {expected}");
        }
    }

    [Fact]
    public void IsMatch_RandomEscapedInputs_AgreesWithReferenceImplementation()
    {
        var random = new Random(17);
        const string PatternAlphabet = @"a*?\";
        const string ValueAlphabet = @"a*?\";
        for (var run = 0; run < 20_000; run++)
        {
            var pattern = RandomString(random, PatternAlphabet, random.Next(0, 9));
            var value = RandomString(random, ValueAlphabet, random.Next(0, 9));

            var expected = WildcardReference.IsMatch(pattern, value, ignoreCase: false, escaped: true);

            Assert.True(
                expected == WildcardPattern.CreateEscaped(pattern, ignoreCase: false).IsMatch(value),
                $"pattern '{pattern}' value '{value}': expected {expected}");
        }
    }

    [Fact]
    public void IsMatch_RandomLongSegments_AgreesWithReferenceImplementation()
    {
        // Middle segments of up to 200 characters exercise the multi-word scan; values are built from the pattern
        // (so many match) and then sometimes mutated.
        var random = new Random(42);
        for (var run = 0; run < 400; run++)
        {
            var pattern = new StringBuilder();
            var value = new StringBuilder();
            var segments = random.Next(1, 5);
            for (var s = 0; s < segments; s++)
            {
                pattern.Append('*');
                value.Append(RandomString(random, "ab", random.Next(0, 30)));
                var length = random.Next(1, 200);
                for (var i = 0; i < length; i++)
                {
                    var c = random.Next(10) == 0 ? '?' : random.Next(2) == 0 ? 'a' : 'b';
                    pattern.Append(c);
                    value.Append(c == '?' ? 'b' : c);
                }
            }

            pattern.Append('*');
            if (random.Next(2) == 0 && value.Length > 0)
            {
                var at = random.Next(value.Length);
                value[at] = value[at] == 'a' ? 'b' : 'a';
            }

            var expected = WildcardReference.IsMatch(pattern.ToString(), value.ToString(), ignoreCase: false, escaped: false);

            Assert.Equal(expected, WildcardPattern.Create(pattern.ToString(), ignoreCase: false).IsMatch(value.ToString()));
        }
    }

    [Theory]
    [InlineData(300, "a", "a")]
    [InlineData(500, "a", "a")]
    [InlineData(200, "a?b", "acb")]
    public void IsMatch_ManySegmentsAgainstLongValue_WorkIsLinear(int segments, string segment, string valueUnit)
    {
        // The classic backtracking blow-up: '*a*a*...*a*b' against 'aaaa...a' (no 'b'). A backtracking matcher
        // does work exponential in the number of stars; ours is bounded by n * ceil(L/64) + 2m + 1 steps, which for
        // segments of at most 64 characters is at most n + 2m + 1.
        var pattern = new StringBuilder();
        for (var i = 0; i < segments; i++)
        {
            pattern.Append('*').Append(segment);
        }

        // Ends with '*', so nothing is decided by the anchored ends: every middle segment is searched.
        pattern.Append("*z*");
        var value = string.Concat(Enumerable.Repeat(valueUnit, 10_000 / valueUnit.Length));
        var compiled = WildcardPattern.Create(pattern.ToString(), ignoreCase: false);
        long steps = 0;

        var matched = compiled.IsMatch(value, ref steps);

        Assert.False(matched);
        Assert.True(steps >= value.Length - (3 * segments), $"the whole value should be scanned, steps {steps}");
        var n = value.Length;
        var m = pattern.Length;
        Assert.InRange(steps, 1, n + (2L * m) + 1);
    }

    [Fact]
    public void IsMatch_MatchingValueWithManySegments_WorkIsLinear()
    {
        var pattern = "*" + string.Join('*', Enumerable.Repeat("ab?a", 400)) + "*z";
        var value = string.Concat(Enumerable.Repeat("xxabba", 1_600)) + "z";
        long steps = 0;

        var matched = WildcardPattern.Create(pattern, ignoreCase: false).IsMatch(value, ref steps);

        Assert.True(matched);
        Assert.InRange(steps, 1, value.Length + (2L * pattern.Length) + 1);
    }

    [Fact]
    public void IsMatch_LongMiddleSegment_WorkIsBoundedByWordsPerCharacter()
    {
        // A 200-character middle segment needs ceil(200/64) = 4 words per scanned character.
        var segment = new string('a', 199) + "b";
        var pattern = "*" + segment + "*";
        var value = new string('a', 10_000);
        long steps = 0;

        var matched = WildcardPattern.Create(pattern, ignoreCase: false).IsMatch(value, ref steps);

        Assert.False(matched);
        Assert.InRange(steps, 1, (value.Length * 4L) + (2L * pattern.Length) + 1);
    }

    [Fact]
    public void IsMatch_AfterWarmUp_AllocatesNothing()
    {
        var patterns = new[]
        {
            WildcardPattern.Create("*", ignoreCase: false),
            WildcardPattern.Create("arn:aws:iam::123456789012:role/x", ignoreCase: false),
            WildcardPattern.Create("role/AWSGlueServiceRole*", ignoreCase: false),
            WildcardPattern.Create("*Role", ignoreCase: true),
            WildcardPattern.Create("r?le/*Glue*Service*Role*", ignoreCase: true),
            WildcardPattern.Create("*" + new string('a', 150) + "*", ignoreCase: false),
            WildcardPattern.Create("*" + new string('a', 5_000) + "*", ignoreCase: false),
        };
        var values = new[] { "role/AWSGlueServiceRoleDefault", new string('a', 6_000), "x" };
        foreach (var p in patterns)
        {
            foreach (var v in values)
            {
                _ = p.IsMatch(v);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            foreach (var p in patterns)
            {
                foreach (var v in values)
                {
                    _ = p.IsMatch(v);
                }
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static string RandomString(Random random, string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
