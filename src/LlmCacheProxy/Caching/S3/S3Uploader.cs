using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// Drains <c>s3_outbox</c> in the background with bounded concurrency. For each row: the entry, its metadata,
/// then the by-hash pointer (last, so a reader never follows a pointer to a missing object); the row is deleted
/// only after all three were accepted. Failures put the row back with backoff; while the circuit is open nothing
/// is attempted. Rows left at shutdown are sent after the next start.
/// </summary>
internal sealed class S3Uploader(
    S3Outbox outbox,
    S3Store store,
    S3Layout layout,
    S3Resilience resilience,
    S3OutboxSignal signal,
    S3Options options,
    ILogger<S3Uploader> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.WriteTimeoutSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        long pending = outbox.Count();
        if (pending > 0)
        {
            S3Log.OutboxPending(logger, pending);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (resilience.State is CircuitState.Open or CircuitState.Isolated)
                {
                    await signal.WaitAsync(IdlePoll, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var rows = outbox.ReadDue(options.UploadConcurrency * 8);
                if (rows.Count == 0)
                {
                    await signal.WaitAsync(IdlePoll, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await Parallel.ForEachAsync(
                    rows,
                    new ParallelOptions { MaxDegreeOfParallelism = options.UploadConcurrency, CancellationToken = stoppingToken },
                    (row, token) => new ValueTask(SendAsync(row, token))).ConfigureAwait(false);
                await outbox.FlushAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A SQLite hiccup must not end the loop: the rows are still there for the next round.
                S3Log.BackgroundFailed(logger, "uploader", e);
                await Task.Delay(IdlePoll, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(S3OutboxRow row, CancellationToken cancellationToken)
    {
        var entry = CacheEntrySerializer.Deserialize(row.Body);
        if (entry is null)
        {
            S3Log.OutboxRowCorrupt(logger, row.Id);
            outbox.Delete(row.Id);
            return;
        }

        try
        {
            await UploadAsync(entry, row.Body, cancellationToken).ConfigureAwait(false);
            outbox.Uploaded(row.Id, entry, layout.Entry(entry), row.Body.LongLength);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (e is not BrokenCircuitException)
            {
                S3Log.UploadFailed(logger, TieredCache.KeyPrefix(row.Key), row.Attempts + 1, e);
            }

            outbox.Defer(row, e.GetType().Name);
        }
    }

    internal async Task UploadAsync(CacheEntry entry, byte[] body, CancellationToken cancellationToken)
    {
        var pipeline = resilience.Background;
        await store.PutAsync(layout.Entry(entry), body, null, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
        await store.PutAsync(layout.Metadata(entry), CacheEntrySerializer.Serialize(entry, metadataOnly: true), null, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
        await store.PutAsync(layout.Pointer(entry.CacheKey), S3Pointer.For(entry, layout).Serialize(), null, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
    }
}
