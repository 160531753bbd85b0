namespace GluePassRole.Diagnostics.AccessDenied.Internal;

/// <summary>
/// Counts the characters the AccessDenied parser scans on this thread, so tests can bound its work by the input length
/// (a deterministic check that it is linear) instead of timing it.
/// </summary>
internal static class ScanWork
{
    [ThreadStatic]
    private static long t_characters;

    public static long Characters => t_characters;

    public static void Reset() => t_characters = 0;

    public static void Add(int characters) => t_characters += characters;
}
