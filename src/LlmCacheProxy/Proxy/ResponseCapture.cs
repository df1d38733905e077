using System.Buffers;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// Wraps the client's response stream: every write goes to the client first, then a copy is kept beside it
/// (up to a byte limit; past it the copy is dropped and <see cref="Overflowed"/> set). Flushes pass
/// straight through, so chunks reach the client as they arrive.
/// </summary>
internal sealed class ResponseCapture(Stream inner, long limit) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _length;
    private bool _returned;

    public bool Overflowed { get; private set; }

    /// <summary>Elapsed ticks (Stopwatch) of the first write, 0 before it.</summary>
    public long FirstWriteTimestamp { get; private set; }

    public ReadOnlySpan<byte> Captured => _buffer.AsSpan(0, _length);

    /// <summary>Raised after each write with the bytes just written (after they went to the client).</summary>
    public Action<ReadOnlyMemory<byte>>? OnWrite { get; set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        Keep(buffer.AsMemory(offset, count));
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Keep(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Returns the copy as a new array (the pooled buffer is released on dispose).</summary>
    public byte[] ToArray() => Captured.ToArray();

    private void Keep(ReadOnlyMemory<byte> data)
    {
        if (FirstWriteTimestamp == 0)
        {
            FirstWriteTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        if (!Overflowed)
        {
            if (_length + (long)data.Length > limit)
            {
                Overflowed = true;
            }
            else
            {
                if (_length + data.Length > _buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + data.Length));
                    _buffer.AsSpan(0, _length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = bigger;
                }

                data.Span.CopyTo(_buffer.AsSpan(_length));
                _length += data.Length;
            }
        }

        OnWrite?.Invoke(data);
    }

    protected override void Dispose(bool disposing)
    {
        if (!_returned)
        {
            _returned = true;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }

        base.Dispose(disposing);
    }
}
