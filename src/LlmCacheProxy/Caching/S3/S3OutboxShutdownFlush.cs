using LlmCacheProxy.Caching.Sqlite;
using LlmCacheProxy.Hosting;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// Best effort on shutdown: commit the last outbox rows, wake the uploader and give it a bounded time to empty
/// the outbox. Whatever is left stays in SQLite and is sent after the next start.
/// </summary>
internal sealed class S3OutboxShutdownFlush(S3Outbox outbox, S3OutboxSignal signal, SqliteWriter writer) : IShutdownFlush
{
    public string Name => "s3-outbox";

    public int Order => ShutdownOrder.S3Outbox;

    public TimeSpan Budget => TimeSpan.FromSeconds(5);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        while (outbox.Count() > 0)
        {
            signal.Notify();
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}
