using System.Globalization;

namespace GluePassRole.Diagnostics.Internal;

/// <summary>Durations as people read them: "2 ms", "1.5 s", "60 s".</summary>
internal static class Durations
{
    public static string Text(TimeSpan duration) => duration.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.#} ms");
}
