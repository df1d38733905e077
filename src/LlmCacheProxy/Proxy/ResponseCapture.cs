using System.Buffers;
using System.IO.Pipelines;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// Stands in for the client's response stream during a forward: every write is copied beside it (up to a byte limit;
/// past it the copy is dropped, <see cref="Overflowed"/> set and <see cref="OnOverflow"/> raised) and queued for the
/// client, which a pump writes and flushes as the client takes it. The queue holds up to the limit (plus slack)
/// without waiting, so the forward, and the capture that coalesced waiters depend on, end at upstream's pace however
/// slowly the client reads; past that the forward waits for the client again (memory stays bounded), and nothing is
/// stored anyway. The response is started before the first byte is queued, as a direct write would start it.
/// </summary>
internal sealed class ResponseCapture : Stream
{
    private const long Slack = 64 * 1024;
    private readonly Stream _client;
    private readonly long _limit;
    private readonly Func<Task>? _startResponse;
    private readonly Pipe _queue;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _length;
    private bool _returned;
    private bool _drained;
    private Task? _pump;

    /// <param name="client">Where the bytes go (the client's response body, or a buffer held for stale-if-error).</param>
    /// <param name="startResponse">Sends the status and headers; null when <paramref name="client"/> is not the response.</param>
    public ResponseCapture(Stream client, long limit, Func<Task>? startResponse = null)
    {
        _client = client;
        _limit = limit;
        _startResponse = startResponse;
        long pause = limit + Slack;
        _queue = new Pipe(new PipeOptions(pauseWriterThreshold: pause, resumeWriterThreshold: pause / 2, useSynchronizationContext: false));
    }

    public bool Overflowed { get; private set; }

    /// <summary>Elapsed ticks (Stopwatch) of the first write, 0 before it.</summary>
    public long FirstWriteTimestamp { get; private set; }

    public ReadOnlySpan<byte> Captured => _buffer.AsSpan(0, _length);

    /// <summary>Raised after each write with the bytes just written.</summary>
    public Action<ReadOnlyMemory<byte>>? OnWrite { get; set; }

    /// <summary>Raised once, when the copy passes the limit: the answer will not be stored.</summary>
    public Action? OnOverflow { get; set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Nothing to do: every write is already queued, and the pump flushes the client after each batch.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_pump is null)
        {
            if (_startResponse is not null)
            {
                await _startResponse().ConfigureAwait(false);
            }

            _pump = PumpAsync();
        }

        Keep(buffer);
        // Below the pause threshold this completes at once; a completed result means the client is gone (the pump
        // stopped): the bytes are still captured, just not sent.
        await _queue.Writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Ends the queue and waits until the client has taken everything written (or failed). Call once the forward ended.</summary>
    public async Task DrainAsync()
    {
        if (_drained)
        {
            return;
        }

        _drained = true;
        await _queue.Writer.CompleteAsync().ConfigureAwait(false);
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }
    }

    /// <summary>Returns the copy as a new array (the pooled buffer is released on dispose).</summary>
    public byte[] ToArray() => Captured.ToArray();

    public override async ValueTask DisposeAsync()
    {
        await DrainAsync().ConfigureAwait(false);
        Dispose();
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                foreach (var segment in result.Buffer)
                {
                    await _client.WriteAsync(segment).ConfigureAwait(false);
                }

                await _client.FlushAsync().ConfigureAwait(false);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            await reader.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The client left or the connection was aborted: the rest is not sent; writes now return at once.
            await reader.CompleteAsync(e).ConfigureAwait(false);
        }
    }

    private void Keep(ReadOnlyMemory<byte> data)
    {
        if (FirstWriteTimestamp == 0)
        {
            FirstWriteTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        if (!Overflowed)
        {
            if (_length + (long)data.Length > _limit)
            {
                Overflowed = true;
                OnOverflow?.Invoke();
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
