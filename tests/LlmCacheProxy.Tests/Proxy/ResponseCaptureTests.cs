using LlmCacheProxy.Proxy;

namespace LlmCacheProxy.Tests.Proxy;

public sealed class ResponseCaptureTests
{
    [Fact]
    public async Task WriteAsync_ClientNotReading_CompletesAndCapturesBelowTheLimit()
    {
        var client = new GatedStream();
        await using var capture = new ResponseCapture(client, limit: 1 << 20);
        var chunk = new byte[64 * 1024];

        for (int i = 0; i < 8; i++)
        {
            await capture.WriteAsync(chunk);
        }

        Assert.Equal(8 * chunk.Length, capture.Captured.Length);
        Assert.False(capture.Overflowed);
        client.Open();
    }

    [Fact]
    public async Task DrainAsync_ClientReadsLater_GetsEveryByteInOrder()
    {
        var client = new GatedStream();
        var capture = new ResponseCapture(client, limit: 1 << 20);
        byte[] data = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        for (int offset = 0; offset < data.Length; offset += 7_000)
        {
            await capture.WriteAsync(data.AsMemory(offset, Math.Min(7_000, data.Length - offset)));
        }

        var drain = capture.DrainAsync();
        Assert.False(drain.IsCompleted);
        client.Open();
        await drain;

        Assert.Equal(data, client.Written.ToArray());
        await capture.DisposeAsync();
    }

    [Fact]
    public async Task WriteAsync_PastTheLimit_RaisesOnOverflowOnce()
    {
        await using var capture = new ResponseCapture(new MemoryStream(), limit: 100);
        int raised = 0;
        capture.OnOverflow = () => raised++;

        await capture.WriteAsync(new byte[60]);
        await capture.WriteAsync(new byte[60]);
        await capture.WriteAsync(new byte[60]);

        Assert.True(capture.Overflowed);
        Assert.Equal(1, raised);
    }

    [Fact]
    public async Task WriteAsync_First_StartsTheResponseBeforeAnyByteReachesTheClient()
    {
        var client = new MemoryStream();
        long lengthAtStart = -1;
        await using var capture = new ResponseCapture(client, limit: 100, () =>
        {
            lengthAtStart = client.Length;
            return Task.CompletedTask;
        });

        await capture.WriteAsync(new byte[10]);
        await capture.DrainAsync();

        Assert.Equal(0, lengthAtStart);
        Assert.Equal(10, client.Length);
    }

    /// <summary>A client that takes nothing until <see cref="Open"/>.</summary>
    private sealed class GatedStream : Stream
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written.Length;
        public override long Position { get => Written.Position; set => throw new NotSupportedException(); }

        public void Open() => _open.TrySetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _open.Task;
            Written.Write(buffer.Span);
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
