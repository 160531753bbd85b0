using System.Collections.ObjectModel;
using System.IO.Compression;
using System.Text;

namespace GluePassRole.Diagnostics.Policies.Actions.Internal;

/// <summary>
/// Reads the embedded Service Authorization Reference: Brotli over the compact binary format that
/// <c>tools/action-metadata/generate.mjs</c> writes (the format is described there).
/// </summary>
internal static class ReferenceDataReader
{
    /// <summary>The manifest resource name of the embedded data (see the Policies csproj).</summary>
    internal const string ResourceName = "GluePassRole.Diagnostics.Policies.Actions.service-authorization-reference.bin.br";

    private const byte FormatVersion = 1;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static ReadOnlySpan<byte> Magic => "GPRSAR"u8;

    /// <summary>Loads the data embedded in this assembly.</summary>
    /// <exception cref="ServiceAuthorizationReferenceException">The resource is missing or cannot be read.</exception>
    public static ReferenceData LoadEmbedded() => LoadEmbedded(typeof(ReferenceDataReader).Assembly);

    /// <summary>Loads the data embedded in <paramref name="assembly"/> (another assembly only in tests).</summary>
    /// <exception cref="ServiceAuthorizationReferenceException">The resource is missing or cannot be read.</exception>
    internal static ReferenceData LoadEmbedded(System.Reflection.Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new ServiceAuthorizationReferenceException(
                $"the resource is missing from assembly {assembly.GetName().Name}", ResourceName);
        return Load(stream, ResourceName);
    }

    /// <summary>Decompresses and parses <paramref name="compressed"/>.</summary>
    /// <exception cref="ServiceAuthorizationReferenceException">The data is not valid.</exception>
    public static ReferenceData Load(Stream compressed, string resourceName)
    {
        using var buffer = new MemoryStream(1 << 20);
        try
        {
            using var brotli = new BrotliStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            brotli.CopyTo(buffer);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            throw new ServiceAuthorizationReferenceException("the data is not valid Brotli-compressed data", resourceName, null, e);
        }

        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), resourceName);
    }

    /// <summary>Parses decompressed data.</summary>
    /// <exception cref="ServiceAuthorizationReferenceException">The data is not valid.</exception>
    internal static ReferenceData Parse(ReadOnlySpan<byte> data, string resourceName)
    {
        var reader = new Reader(data, resourceName);
        if (!data.StartsWith(Magic))
        {
            throw reader.Error("it does not start with the format's signature (GPRSAR)");
        }

        reader.Skip(Magic.Length);
        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw reader.Error($"format version {version} is not supported (this library reads version {FormatVersion})");
        }

        var dataVersion = reader.ReadString();
        var dataUpdatedAt = reader.ReadString();
        var stringCount = reader.ReadCount();
        var strings = new string[stringCount];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = reader.ReadString();
        }

        var lists = new ListInterner(strings);
        var globalKeys = lists.Read(ref reader);
        var services = new ServiceData[reader.ReadCount()];
        for (var s = 0; s < services.Length; s++)
        {
            services[s] = ReadService(ref reader, strings, lists);
        }

        if (!reader.AtEnd)
        {
            throw reader.Error("unexpected bytes after the last service");
        }

        return new ReferenceData(dataVersion, dataUpdatedAt, globalKeys, services);
    }

    private static ServiceData ReadService(ref Reader reader, string[] strings, ListInterner lists)
    {
        var prefix = reader.ReadRef(strings);
        var name = reader.ReadRef(strings);
        var serviceKeys = lists.Read(ref reader);

        var typeCount = reader.ReadCount();
        var typeNames = new string[typeCount];
        var typeArns = new IReadOnlyList<string>[typeCount];
        var typeKeys = new int[typeCount][];
        for (var t = 0; t < typeCount; t++)
        {
            typeNames[t] = reader.ReadRef(strings);
            typeArns[t] = lists.Read(ref reader);
            typeKeys[t] = reader.ReadRefIndices(strings.Length);
        }

        // Most actions use a resource type with no keys of their own: share one instance per (type, required).
        var shared = new ActionResourceType?[typeCount * 2];
        var actions = new ActionInfo[reader.ReadCount()];
        for (var a = 0; a < actions.Length; a++)
        {
            var actionName = reader.ReadRef(strings);
            var levelByte = reader.ReadByte();
            if (levelByte > (byte)ActionAccessLevel.Tagging)
            {
                throw reader.Error($"access level {levelByte} of action {prefix}:{actionName} is not one of 0 to 4");
            }

            var resourceTypes = new ActionResourceType[reader.ReadCount()];
            for (var r = 0; r < resourceTypes.Length; r++)
            {
                var typeIndex = reader.ReadUInt();
                if (typeIndex >= typeCount)
                {
                    throw reader.Error($"resource type {typeIndex} of action {prefix}:{actionName} is not defined by {prefix}");
                }

                var required = reader.ReadByte() != 0;
                var rowKeys = reader.ReadRefIndices(strings.Length);
                if (rowKeys.Length == 0)
                {
                    var slot = (typeIndex * 2) + (required ? 1 : 0);
                    resourceTypes[r] = shared[slot] ??= new ActionResourceType(typeNames[typeIndex], required, typeArns[typeIndex])
                    {
                        ConditionKeys = lists.Get(typeKeys[typeIndex]),
                    };
                }
                else
                {
                    resourceTypes[r] = new ActionResourceType(typeNames[typeIndex], required, typeArns[typeIndex])
                    {
                        ConditionKeys = lists.Get(typeKeys[typeIndex].Concat(rowKeys).Distinct().ToArray()),
                    };
                }
            }

            actions[a] = new ActionInfo(prefix, actionName, (ActionAccessLevel)levelByte)
            {
                ResourceTypes = resourceTypes.Length == 0 ? [] : new ReadOnlyCollection<ActionResourceType>(resourceTypes),
                ConditionKeys = lists.Read(ref reader),
            };
        }

        return new ServiceData(prefix, name, serviceKeys, actions);
    }

    /// <summary>Shares one read-only list among all the places that list the same strings.</summary>
    private sealed class ListInterner(string[] strings)
    {
        private readonly Dictionary<int[], ReadOnlyCollection<string>> _lists = new(IndexListComparer.Instance);

        public ReadOnlyCollection<string> Read(ref Reader reader) => Get(reader.ReadRefIndices(strings.Length));

        public ReadOnlyCollection<string> Get(int[] indices)
        {
            if (indices.Length == 0)
            {
                return ReadOnlyCollection<string>.Empty;
            }

            if (!_lists.TryGetValue(indices, out var list))
            {
                _lists[indices] = list = new ReadOnlyCollection<string>(Array.ConvertAll(indices, i => strings[i]));
            }

            return list;
        }
    }

    private sealed class IndexListComparer : IEqualityComparer<int[]>
    {
        public static readonly IndexListComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
            return hash.ToHashCode();
        }
    }

    /// <summary>A cursor over the decompressed bytes; every read checks bounds and reports the offset on failure.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data, string resourceName)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public readonly ServiceAuthorizationReferenceException Error(string problem) => new(problem, resourceName, _position);

        public void Skip(int count) => _position += count;

        public byte ReadByte()
        {
            if (_position >= _data.Length)
            {
                throw Error("the data ends too early");
            }

            return _data[_position++];
        }

        public int ReadUInt()
        {
            var start = _position;
            var value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = ReadByte();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    if (value < 0)
                    {
                        _position = start;
                        throw Error("an integer is out of range");
                    }

                    return value;
                }
            }

            _position = start;
            throw Error("an integer is longer than five bytes");
        }

        /// <summary>Reads a count, which can be no larger than the bytes left (every element takes at least one).</summary>
        public int ReadCount()
        {
            var start = _position;
            var count = ReadUInt();
            if (count > _data.Length - _position)
            {
                _position = start;
                throw Error($"a count of {count} is larger than the data left");
            }

            return count;
        }

        public string ReadString()
        {
            var length = ReadCount();
            var start = _position;
            try
            {
                var value = StrictUtf8.GetString(_data.Slice(_position, length));
                _position += length;
                return value;
            }
            catch (ArgumentException e)
            {
                _position = start;
                throw new ServiceAuthorizationReferenceException("a string is not valid UTF-8", resourceName, start, e);
            }
        }

        public string ReadRef(string[] strings) => strings[ReadIndex(strings.Length)];

        public int[] ReadRefIndices(int stringCount)
        {
            var count = ReadCount();
            if (count == 0)
            {
                return [];
            }

            var indices = new int[count];
            for (var i = 0; i < indices.Length; i++)
            {
                indices[i] = ReadIndex(stringCount);
            }

            return indices;
        }

        private int ReadIndex(int stringCount)
        {
            var start = _position;
            var index = ReadUInt();
            if (index >= stringCount)
            {
                _position = start;
                throw Error($"string {index} is not in the string table of {stringCount}");
            }

            return index;
        }
    }
}
