using System.Text;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Policies;

/// <summary>An immutable IAM policy document: identity-based, resource-based, trust, boundary, SCP or session policy.</summary>
/// <remarks>
/// Parse with <see cref="Parse(string)"/> (or the UTF-8 and stream overloads); documents that IAM returns URL-encoded
/// (as the .NET, Java and Go SDKs hand them out) are decoded transparently. Write back with <see cref="ToJson"/>, which
/// emits canonical, stable JSON: <c>Parse(doc.ToJson()).ToJson() == doc.ToJson()</c>.
/// Parse with a <see cref="PolicyType"/> (<see cref="Parse(string, PolicyType)"/>) to also apply that type's grammar:
/// <c>Principal</c> required in resource-based, trust and resource control policies and refused in identity-based
/// policies, boundaries, session policies and SCPs, and the SCP and RCP syntax rules.
/// </remarks>
public sealed record PolicyDocument
{
    /// <summary>The policy language version AWS recommends, which enables policy variables.</summary>
    public const string Version2012 = "2012-10-17";

    /// <summary>The older policy language version, under which <c>${...}</c> is literal text.</summary>
    public const string Version2008 = "2008-10-17";

    /// <summary>
    /// The largest document accepted, in UTF-8 bytes (or characters for text input): 524,288 (512 KiB), whitespace
    /// included. AWS's own limits count characters without whitespace and are far smaller for customer policies (managed
    /// policies 6,144, role inline policies 10,240 in aggregate, SCPs 5,120 — IAM User Guide, "IAM and AWS STS quotas"),
    /// but some AWS managed policies are larger (AWSSupportServiceRolePolicy is about 170 KB pretty-printed). The bound
    /// only protects against runaway input.
    /// </summary>
    public const int MaxDocumentLength = 512 * 1024;

    /// <summary>The <c>Version</c> element, or <see langword="null"/> when absent.</summary>
    public string? Version { get; init; }

    /// <summary>The <c>Id</c> element, or <see langword="null"/> when absent.</summary>
    public string? Id { get; init; }

    /// <summary>
    /// The policy type the document was parsed as, whose grammar it satisfies; <see langword="null"/> when it was parsed
    /// without one (only the grammar common to every type was checked) or built in code.
    /// </summary>
    public PolicyType? Type { get; init; }

    /// <summary>The statements in document order.</summary>
    public IReadOnlyList<PolicyStatement> Statements { get; init; } = [];

    /// <summary>
    /// Whether policy variables such as <c>${aws:username}</c> are substituted: only under Version <c>2012-10-17</c>
    /// (IAM User Guide, "IAM policy elements: Variables and tags").
    /// </summary>
    public bool SupportsPolicyVariables => string.Equals(Version, Version2012, StringComparison.Ordinal);

    /// <summary>Parses a policy document from JSON text, URL-encoded or not.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The parsed document.</returns>
    /// <exception cref="PolicyDocumentException">The text is not a valid policy document; the message says what and where.</exception>
    public static PolicyDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return PolicyDocumentReader.Read(json);
    }

    /// <summary>Parses a policy document as a policy of <paramref name="type"/>, applying that type's grammar.</summary>
    /// <param name="json">The document, URL-encoded or not.</param>
    /// <param name="type">The kind of policy the document is.</param>
    /// <returns>The parsed document, with <see cref="Type"/> set.</returns>
    /// <exception cref="PolicyDocumentException">
    /// The text is not a valid policy document, or breaks <paramref name="type"/>'s grammar (e.g. a resource-based policy
    /// statement without <c>Principal</c>); the message names the statement and element.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public static PolicyDocument Parse(string json, PolicyType type)
    {
        ArgumentNullException.ThrowIfNull(json);
        return PolicyDocumentReader.Read(json, Defined(type));
    }

    /// <summary>Parses a policy document from UTF-8 bytes as a policy of <paramref name="type"/>, applying that type's grammar.</summary>
    /// <param name="utf8Json">The document's UTF-8 bytes.</param>
    /// <param name="type">The kind of policy the document is.</param>
    /// <returns>The parsed document, with <see cref="Type"/> set.</returns>
    /// <exception cref="PolicyDocumentException">The bytes are not a valid policy document of <paramref name="type"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public static PolicyDocument Parse(ReadOnlySpan<byte> utf8Json, PolicyType type) => PolicyDocumentReader.Read(utf8Json, Defined(type));

    /// <summary>Parses a policy document from UTF-8 bytes, URL-encoded or not.</summary>
    /// <param name="utf8Json">The document's UTF-8 bytes.</param>
    /// <returns>The parsed document.</returns>
    /// <exception cref="PolicyDocumentException">The bytes are not a valid policy document.</exception>
    public static PolicyDocument Parse(ReadOnlySpan<byte> utf8Json) => PolicyDocumentReader.Read(utf8Json);

    /// <summary>Parses a policy document from a stream of UTF-8 bytes, reading at most <see cref="MaxDocumentLength"/> + 1 bytes.</summary>
    /// <param name="utf8Json">The stream; it is read to its end but not disposed.</param>
    /// <returns>The parsed document.</returns>
    /// <exception cref="PolicyDocumentException">The content is not a valid policy document or is too large.</exception>
    public static PolicyDocument Parse(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        // One byte past the bound is enough to tell an oversized document; the buffer is pooled, not 512 KiB per call.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxDocumentLength + 1);
        try
        {
            var total = 0;
            int read;
            while (total <= MaxDocumentLength && (read = utf8Json.Read(buffer, total, MaxDocumentLength + 1 - total)) > 0)
            {
                total += read;
            }

            // Only the bound + 1 bytes were read: the size is "more than" the bound, not the bytes read.
            return total > MaxDocumentLength
                ? throw PolicyDocumentReader.TooLarge(null, "bytes")
                : PolicyDocumentReader.Read(buffer.AsSpan(0, total));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Tries to parse a policy document as a policy of <paramref name="type"/>, returning the error instead of throwing.</summary>
    /// <param name="json">The document.</param>
    /// <param name="type">The kind of policy the document is.</param>
    /// <param name="document">The parsed document, when valid.</param>
    /// <param name="error">The error, when invalid.</param>
    /// <returns><see langword="true"/> when the document is valid for <paramref name="type"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public static bool TryParse(string json, PolicyType type, out PolicyDocument? document, out PolicyDocumentException? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        var defined = Defined(type);
        return TryRead(() => PolicyDocumentReader.Read(json, defined), out document, out error);
    }

    /// <summary>Tries to parse a policy document, returning the error instead of throwing.</summary>
    /// <param name="json">The document.</param>
    /// <param name="document">The parsed document, when valid.</param>
    /// <param name="error">The error, when invalid.</param>
    /// <returns><see langword="true"/> when the document is valid.</returns>
    public static bool TryParse(string json, out PolicyDocument? document, out PolicyDocumentException? error) =>
        TryRead(() => Parse(json), out document, out error);

    private static bool TryRead(Func<PolicyDocument> read, out PolicyDocument? document, out PolicyDocumentException? error)
    {
        try
        {
            document = read();
            error = null;
            return true;
        }
        catch (PolicyDocumentException ex)
        {
            document = null;
            error = ex;
            return false;
        }
    }

    /// <summary>Refuses a <see cref="PolicyType"/> value outside the enum (a cast integer).</summary>
    internal static PolicyType Defined(PolicyType type) =>
        Enum.IsDefined(type) ? type : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a defined policy type.");

    /// <summary>Writes the document as canonical JSON: elements in a fixed order, single values as strings.</summary>
    /// <param name="indented">Whether to indent (two spaces) or write compactly.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = true) => PolicyDocumentWriter.Write(this, indented);

    /// <summary>Writes the document as canonical UTF-8 JSON.</summary>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The UTF-8 bytes.</returns>
    public byte[] ToUtf8Json(bool indented = true) => Encoding.UTF8.GetBytes(ToJson(indented));

    /// <inheritdoc />
    public override string ToString() => ToJson(indented: false);
}
