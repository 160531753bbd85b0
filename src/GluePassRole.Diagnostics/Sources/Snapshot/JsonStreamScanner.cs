using System.Buffers;
using System.Text.Json;

namespace GluePassRole.Diagnostics.Sources.Snapshot;

/// <summary>
/// Walks a JSON stream token by token with <see cref="Utf8JsonReader"/> over a small, growing buffer, and parses single
/// values (one list element at a time) into <see cref="JsonDocument"/>s, so a file is never held in memory whole.
/// </summary>
internal sealed class JsonStreamScanner : IDisposable
{
    /// <summary>The largest single value (e.g. one role with all its inline policies) accepted: 64 MiB.</summary>
    public const int MaxValueBytes = 64 * 1024 * 1024;

    private const int InitialBuffer = 64 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private readonly Stream _stream;
    private byte[] _buffer;
    private byte[] _value = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private bool _endOfStream;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 64 });

    public JsonStreamScanner(Stream stream)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        Fill();
        if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
        {
            _start += 3;
            Position = 3;
        }
    }

    /// <summary>The type of the token last read by <see cref="Read"/>.</summary>
    public JsonTokenType TokenType { get; private set; }

    /// <summary>The depth of the token last read.</summary>
    public int Depth { get; private set; }

    /// <summary>The property name or string value of the token last read, or <see langword="null"/>.</summary>
    public string? Text { get; private set; }

    /// <summary>Bytes consumed from the stream so far.</summary>
    public long Position { get; private set; }

    /// <summary>Reads the next token.</summary>
    /// <returns><see langword="false"/> at the end of the stream.</returns>
    /// <exception cref="JsonException">The JSON is invalid or ends early.</exception>
    public bool Read()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _endOfStream, _state);
            if (reader.Read())
            {
                TokenType = reader.TokenType;
                Depth = reader.CurrentDepth;
                Text = reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null;
                Advance(ref reader);
                return true;
            }

            if (_endOfStream)
            {
                return false;
            }

            Fill();
        }
    }

    /// <summary>Parses the next value (after a property name, or the next array element) into a document.</summary>
    /// <returns>The value; it borrows a buffer of this scanner, so dispose it before the next call.</returns>
    /// <exception cref="JsonException">The JSON is invalid or ends early, or the value is larger than <see cref="MaxValueBytes"/>.</exception>
    public JsonDocument ReadValue()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _endOfStream, _state);
            if (reader.Read())
            {
                var tokenStart = (int)reader.TokenStartIndex;
                if (reader.TrySkip())
                {
                    var length = (int)reader.BytesConsumed - tokenStart;
                    if (_value.Length < length)
                    {
                        ArrayPool<byte>.Shared.Return(_value);
                        _value = ArrayPool<byte>.Shared.Rent(length);
                    }

                    Buffer.BlockCopy(_buffer, _start + tokenStart, _value, 0, length);
                    TokenType = reader.TokenType;
                    Depth = reader.CurrentDepth;
                    Text = null;
                    Advance(ref reader);
                    return JsonDocument.Parse(_value.AsMemory(0, length), DocumentOptions);
                }
            }

            if (_endOfStream)
            {
                throw new JsonException("The file ends in the middle of a value.");
            }

            Fill();
        }
    }

    /// <summary>Peeks at the next significant byte (skipping whitespace and commas), or 0 at the end of the stream.</summary>
    public byte PeekSignificant()
    {
        while (true)
        {
            for (var i = _start; i < _end; i++)
            {
                var b = _buffer[i];
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)','))
                {
                    return b;
                }
            }

            if (_endOfStream)
            {
                return 0;
            }

            // Whitespace only: it can be dropped once the reader has seen it, but it is simpler to read more after it.
            Fill();
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_value);
        _buffer = [];
        _value = [];
    }

    private void Advance(ref Utf8JsonReader reader)
    {
        var consumed = (int)reader.BytesConsumed;
        _start += consumed;
        Position += consumed;
        _state = reader.CurrentState;
    }

    /// <summary>Moves unread bytes to the front, grows the buffer when it is full of one value, and reads more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxValueBytes)
            {
                throw new JsonException($"A single value is larger than {MaxValueBytes / (1024 * 1024)} MiB.");
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxValueBytes));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }
}
