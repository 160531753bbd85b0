namespace GluePassRole.Diagnostics.Policies.Internal;

/// <summary>Builds JSON paths for error messages: dot notation for plain names, bracket notation otherwise.</summary>
internal static class JsonPath
{
    public static string Child(string parent, string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
            }
        }

        return name.Length == 0 ? $"{parent}['']" : $"{parent}.{name}";
    }
}
