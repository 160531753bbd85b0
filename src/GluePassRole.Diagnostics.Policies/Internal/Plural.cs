using System.Globalization;

namespace GluePassRole.Diagnostics.Policies.Internal;

/// <summary>Counts as people write them: "1 finding", "2 findings", "0 escalation paths". Shared by every summary line.</summary>
internal static class Plural
{
    /// <summary><paramref name="count"/> and the noun, singular for exactly one.</summary>
    /// <param name="count">The count.</param>
    /// <param name="singular">The noun for one, e.g. <c>finding</c>, <c>escalation path</c>.</param>
    /// <param name="plural">The noun for other counts, e.g. <c>principals that can pass any role</c>; by default <paramref name="singular"/> with <c>s</c>.</param>
    public static string Count(int count, string singular, string? plural = null) => Count((long)count, singular, plural);

    /// <inheritdoc cref="Count(int, string, string?)"/>
    public static string Count(long count, string singular, string? plural = null)
    {
        if (count == 1)
        {
            return "1 " + singular;
        }

        plural ??= singular.EndsWith('s') ? singular + "es" : singular + "s";
        return count.ToString(CultureInfo.InvariantCulture) + " " + plural;
    }
}
