using System.Globalization;
using System.Text.Json;

namespace GluePassRole.Diagnostics.Policies.Internal;

/// <summary>
/// The one wording of a <see cref="JsonException"/> for people: where the JSON broke (1-based line and column) and, in
/// plain words, why; never System.Text.Json's internals (<c>isFinalBlock</c>, <c>LineNumber: 0 | BytePositionInLine: 0</c>,
/// <c>Path: $</c>). Shared by every reader of a JSON file: policies, case files, snapshots, IaC, decoded messages.
/// </summary>
internal static class JsonErrors
{
    /// <summary>Reasons System.Text.Json words for its own developers, and how a user would say them.</summary>
    private static readonly (string Prefix, string Plain)[] Plain =
    [
        ("The input does not contain any JSON tokens", "it is empty"),
        ("Expected depth to be zero at the end of the JSON payload", "it ends before every object and array is closed"),
        ("Expected start of a property name or value, but instead reached end of data", "it ends early"),
        ("Expected start of a property name or value", "a property name or value is missing"),
        ("Duplicate property", "a property is given twice"),
    ];

    private static readonly string[] Internals = ["isFinalBlock", "LineNumber", "BytePositionInLine", "Path:", "JsonTokenType", "Utf8JsonReader"];

    /// <summary><c>&lt;subject&gt;: not valid JSON at line L, column C (why)</c>, or without the subject when it is <see langword="null"/>.</summary>
    /// <param name="exception">The parser's exception.</param>
    /// <param name="subject">The file (or other input) that was parsed, e.g. <c>policy.json</c>.</param>
    public static string Describe(JsonException exception, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = "not valid JSON";
        if (exception.LineNumber is long line)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, column {(exception.BytePositionInLine ?? 0) + 1}");
        }

        if (Reason(exception.Message) is { } reason)
        {
            text += " (" + reason + ")";
        }

        return subject is null ? text : subject + ": " + text;
    }

    /// <summary>Why, in plain words: a known reason reworded, else the parser's first sentence when it names no internals.</summary>
    private static string? Reason(string message)
    {
        foreach (var (prefix, plain) in Plain)
        {
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                return plain;
            }
        }

        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var first = (end < 0 ? message : message[..end]).Trim().TrimEnd('.');
        return first.Length == 0 || Internals.Any(i => first.Contains(i, StringComparison.Ordinal)) ? null : char.ToLowerInvariant(first[0]) + first[1..];
    }
}
