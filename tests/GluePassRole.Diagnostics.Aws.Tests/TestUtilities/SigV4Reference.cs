using System.Security.Cryptography;
using System.Text;

namespace GluePassRole.Diagnostics.Aws.Tests.TestUtilities;

/// <summary>
/// An independent SigV4 implementation, written from the published algorithm (canonical request, string to sign,
/// derived key), used by the loopback server to recompute every signature it receives.
/// </summary>
internal static class SigV4Reference
{
    public static string Sign(
        string secretKey, string method, string path, string query, IReadOnlyList<(string Name, string Value)> headers, IReadOnlyList<string> signedHeaders,
        byte[] payload, string amzDate, string scope)
    {
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var values = headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => Collapse(h.Value));
            canonicalHeaders.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        var canonicalRequest = string.Join('\n', method, path, CanonicalQuery(query), canonicalHeaders.ToString(), string.Join(';', signedHeaders), Hex(SHA256.HashData(payload)));
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var parts = scope.Split('/');
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), parts[0]);
        key = Hmac(key, parts[1]);
        key = Hmac(key, parts[2]);
        key = Hmac(key, parts[3]);
        return Hex(Hmac(key, stringToSign));
    }

    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        return string.Join('&', query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Name: Encode(Uri.UnescapeDataString(kv[0])), Value: Encode(Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : string.Empty))))
            .OrderBy(kv => kv.Name, StringComparer.Ordinal).ThenBy(kv => kv.Value, StringComparer.Ordinal)
            .Select(kv => kv.Name + "=" + kv.Value));
    }

    private static string Encode(string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
