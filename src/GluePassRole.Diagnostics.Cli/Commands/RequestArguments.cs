using System.Globalization;
using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>Reads <c>--context KEY=VALUE</c> and <c>--at TIME</c>: what the caller pins of the request.</summary>
internal static class RequestArguments
{
    public static bool TryParse(string[]? pairs, string? at, out RequestContext context, out DateTimeOffset? moment, out string error)
    {
        context = RequestContext.Empty;
        moment = null;
        error = string.Empty;
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? pair[..equals].Trim() : string.Empty;
            if (key.Length == 0 || !key.Contains(':', StringComparison.Ordinal) || key.Any(char.IsWhiteSpace))
            {
                error = $"--context expects KEY=VALUE with a condition key such as aws:SourceIp=10.1.2.3; got \"{pair}\".";
                return false;
            }

            if (!values.TryGetValue(key, out var list))
            {
                values[key] = list = [];
            }

            list.Add(pair[(equals + 1)..]);
        }

        context = RequestContext.Create(values.Select(v => new KeyValuePair<string, IReadOnlyList<string>>(v.Key, v.Value)));
        if (at is not null)
        {
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                error = $"--at expects an ISO 8601 time such as 2026-12-01T09:00:00Z; got \"{at}\".";
                return false;
            }

            moment = parsed;
        }

        return true;
    }
}
