using System.Diagnostics.CodeAnalysis;

namespace GluePassRole.Diagnostics.AccessDenied.Internal;

/// <summary>Recognises IAM role ARNs: <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role/&lt;path/&gt;&lt;name&gt;</c>.</summary>
internal static class RoleArn
{
    public static bool TryParse(string? arn, [NotNullWhen(true)] out string? path, [NotNullWhen(true)] out string? name)
    {
        path = null;
        name = null;
        if (arn is null || arn.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3].Length != 0 || parts[4].Length == 0
            || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            return false;
        }

        var resource = parts[5];
        var lastSlash = resource.LastIndexOf('/');
        if (lastSlash == resource.Length - 1 || resource.Contains('*', StringComparison.Ordinal))
        {
            return false;
        }

        path = resource[4..(lastSlash + 1)];
        name = resource[(lastSlash + 1)..];
        return true;
    }
}
