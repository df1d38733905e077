using LlmCacheProxy.Storage;
using Polly.CircuitBreaker;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// Drains <c>s3_outbox</c> in the background with bounded concurrency. For each row: the entry, its metadata,
/// then the by-hash pointer (last, so a reader never follows a pointer to a missing object); the row is deleted
/// only after all three were accepted. The row carries all three documents, made when the entry was stored, so nothing
/// is read back or serialized again here. Failures put the row back with backoff; while the circuit is open nothing
/// is attempted. Rows left at shutdown are sent after the next start.
/// </summary>
internal sealed class S3Uploader(
    OutboxStore outbox,
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

    /// <summary>
    /// On shutdown, best effort: wakes the uploader until the outbox is empty or <paramref name="cancellationToken"/>
    /// ends it. Whatever is left stays in SQLite and is sent after the next start.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await outbox.FlushAsync(cancellationToken).ConfigureAwait(false);
        while (outbox.Count() > 0)
        {
            signal.Notify();
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var documents = Documents(row);
        if (documents is null)
        {
            S3Log.OutboxRowCorrupt(logger, row.Id);
            outbox.Delete(row.Id);
            return;
        }

        var (metadata, pointer) = documents.Value;
        try
        {
            await UploadAsync(pointer, row.Body, metadata, cancellationToken).ConfigureAwait(false);
            outbox.Uploaded(row.Id, new UploadRecord(pointer.ObjectKey, S3ManifestItem.Day(pointer.CreatedAt), pointer.CacheId,
                pointer.Model, row.Body.LongLength, pointer.CreatedAt));
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

    private async Task UploadAsync(S3Pointer pointer, byte[] body, byte[] metadata, CancellationToken cancellationToken)
    {
        var pipeline = resilience.Background;
        await store.PutEntryAsync(pointer.ObjectKey, body, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
        await store.PutAsync(pointer.MetadataKey, metadata, null, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
        await store.PutAsync(layout.Pointer(pointer.CacheKey), pointer.Serialize(), null, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The row's documents; a row queued before schema version 2 has only the entry (a plain JSON document: nothing
    /// else was written then), so they are made from it.
    /// </summary>
    private (byte[] Metadata, S3Pointer Pointer)? Documents(OutboxRow row)
    {
        if (row.Metadata is { } metadata && row.Pointer is { } pointerBytes && S3Pointer.Deserialize(pointerBytes) is { } pointer &&
            pointer.CacheKey == row.Key)
        {
            return (metadata, pointer);
        }

        var entry = CacheEntrySerializer.Deserialize(row.Body);
        return entry is null ? null : (CacheEntrySerializer.Serialize(entry, metadataOnly: true), S3Pointer.For(entry, layout));
    }
}
