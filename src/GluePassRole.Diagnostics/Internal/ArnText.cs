namespace GluePassRole.Diagnostics;

/// <summary>Short forms of ARNs for messages: <c>arn:aws:iam::*:role/AWSGlueServiceRole*</c> reads as <c>role/AWSGlueServiceRole*</c>.</summary>
internal static class ArnText
{
    /// <summary>The resource part of an ARN (after the fifth colon), or the text itself when it is not an ARN.</summary>
    public static string Resource(string arn)
    {
        if (!arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return arn;
        }

        var index = 0;
        for (var i = 0; i < 5; i++)
        {
            index = arn.IndexOf(':', index) + 1;
            if (index == 0)
            {
                return arn;
            }
        }

        return arn[index..];
    }

    /// <summary>The account field of an ARN (the fifth field), or empty when it has none.</summary>
    public static string Account(string arn) => arn.Split(':') is { Length: > 4 } parts ? parts[4] : string.Empty;

    /// <summary>The last path segment of a role ARN: the role name.</summary>
    public static string RoleName(string roleArn) => roleArn[(roleArn.LastIndexOf('/') + 1)..];
}
