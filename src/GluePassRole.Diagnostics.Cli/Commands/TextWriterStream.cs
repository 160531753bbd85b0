using System.Text;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>
/// A write-only stream of UTF-8 bytes onto a <see cref="TextWriter"/> (standard output, or a test's writer), so a report
/// written as a stream reaches the user chunk by chunk instead of as one string. A character split between two writes is
/// kept until its last byte comes.
/// </summary>
internal sealed class TextWriterStream(TextWriter writer) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private char[] _chars = [];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var count = Decode(buffer);
        writer.Write(_chars, 0, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = Decode(buffer.Span);
        await writer.WriteAsync(_chars.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => writer.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private int Decode(ReadOnlySpan<byte> bytes)
    {
        var needed = _decoder.GetCharCount(bytes, flush: false);
        if (_chars.Length < needed)
        {
            _chars = new char[Math.Max(needed, 4096)];
        }

        return _decoder.GetChars(bytes, _chars, flush: false);
    }
}
