using System.Buffers;
using System.Text;

namespace LlmCacheProxy.Endpoints.Streaming;

/// <summary>
/// Sits between a live upstream event stream and the client when the proxy asked upstream for usage the client did not
/// ask for: drops the usage-only chunk and the <c>"usage": null</c> members, so the client gets the stream it would have
/// had without <c>include_usage</c>. Events pass as soon as they are whole: only the event being received is held (an
/// upstream sends each event in one write, so nothing waits in practice), and every flush goes through. Events that need
/// no change go out byte for byte. An answer that is not <c>text/event-stream</c> (an error) passes untouched.
/// Disposing writes out what is left and never disposes the client's stream.
/// </summary>
internal sealed class StreamUsageFilter(HttpResponse response, Stream inner) : Stream
{
    private readonly ArrayBufferWriter<byte> _event = new(1024);
    private bool? _isEventStream;
    private int _scanned;

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

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _isEventStream ??= response.ContentType?.StartsWith(SseReplayWriter.ContentType, StringComparison.OrdinalIgnoreCase) == true;
        if (_isEventStream == false)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        _event.Write(buffer.Span);
        while (NextEventEnd() is int end)
        {
            var filtered = Filter(_event.WrittenSpan[..end]);
            var rest = _event.WrittenSpan[end..].ToArray();
            _event.Clear();
            _event.Write(rest);
            _scanned = 0;
            if (filtered.Length > 0)
            {
                await inner.WriteAsync(filtered, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_event.WrittenCount > 0)
        {
            var rest = _event.WrittenMemory.ToArray();
            _event.Clear();
            await inner.WriteAsync(rest).ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The length of the first whole event held (through its blank line), or null.</summary>
    private int? NextEventEnd()
    {
        var held = _event.WrittenSpan;
        while (true)
        {
            int newline = held[_scanned..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return null;
            }

            int lineStart = _scanned;
            int lineEnd = _scanned + newline;
            _scanned = lineEnd + 1;
            if (lineEnd == lineStart || (lineEnd == lineStart + 1 && held[lineStart] == (byte)'\r'))
            {
                return _scanned;
            }
        }
    }

    /// <summary>One whole event: dropped, rewritten without its null usage, or (most events) returned as it came.</summary>
    private static byte[] Filter(ReadOnlySpan<byte> frame)
    {
        string text = Encoding.UTF8.GetString(frame);
        var lines = text.Split('\n');
        var data = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line.Length > 5 && line[5] == ' ' ? line[6..] : line[5..]);
            }
        }

        if (data.Count == 0)
        {
            return frame.ToArray();
        }

        string payload = string.Join('\n', data);
        if (ChunkJson.IsUsageOnly(payload))
        {
            return [];
        }

        string stripped = ChunkJson.WithoutNullUsage(payload);
        if (ReferenceEquals(stripped, payload))
        {
            return frame.ToArray();
        }

        // The payload's line breaks (JSON whitespace: a raw one cannot sit inside a string) survive the strip, so the
        // event keeps its data lines where upstream put them, as the client would have had them.
        var rebuilt = new StringBuilder(text.Length);
        foreach (var raw in lines[..^1])
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                rebuilt.Append(line).Append('\n');
            }
            else if (data.Count > 0)
            {
                foreach (var part in stripped.Split('\n'))
                {
                    rebuilt.Append("data: ").Append(part).Append('\n');
                }

                data.Clear();
            }
        }

        return Encoding.UTF8.GetBytes(rebuilt.ToString());
    }
}
