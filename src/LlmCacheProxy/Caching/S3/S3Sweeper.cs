
namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// Deletes dead entries (expired, or killed by an invalidation epoch) from the bucket every
/// <c>SweepIntervalSeconds</c>: walks the by-hash pointers (which carry model, namespace, created_at and
/// expires_at, so the entries themselves are not read) and deletes pointer, entry and metadata in batches of
/// up to 999 keys per request. Lookups already treat dead entries as misses; this only reclaims space.
/// Known race: a pointer rewritten by another instance between our read and our delete is deleted with the
/// old objects' batch; the new entry then misses once and is stored again.
/// </summary>
internal sealed class S3Sweeper(
    S3Store store,
    S3Layout layout,
    S3Resilience resilience,
    InvalidationEpochs epochs,
    S3Options options,
    TimeProvider time,
    ILogger<S3Sweeper> logger) : BackgroundService
{
    private const int DeleteBatch = 999;
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.WriteTimeoutSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SweepIntervalSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.SweepIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SweepAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    S3Log.BackgroundFailed(logger, "sweeper", e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over the pointers. Returns the number of entries deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var pipeline = resilience.Background;
        var batch = new List<string>(DeleteBatch + 3);
        int deleted = 0;
        await foreach (var item in store.ListAsync(layout.ByHashRoot, pipeline, _timeout, cancellationToken).ConfigureAwait(false))
        {
            var bytes = await store.GetAsync(item.Key, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
            var pointer = bytes is null ? null : S3Pointer.Deserialize(bytes);
            if (pointer is null || !pointer.IsDead(time.GetUtcNow(), epochs))
            {
                continue;
            }

            batch.Add(item.Key);
            if (pointer.ObjectKey.StartsWith(layout.EntriesRoot, StringComparison.Ordinal))
            {
                batch.Add(pointer.ObjectKey);
            }

            if (pointer.MetadataKey.StartsWith(layout.EntriesRoot, StringComparison.Ordinal))
            {
                batch.Add(pointer.MetadataKey);
            }

            deleted++;
            if (batch.Count >= DeleteBatch)
            {
                await store.DeleteAsync(batch, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        await store.DeleteAsync(batch, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            S3Log.Swept(logger, deleted);
        }

        return deleted;
    }
}
