using System.Globalization;
using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// Keeps <c>cache-index/by-date/{yyyy}-{MM}-{dd}.json</c> (see <see cref="S3ManifestDocument"/>) up to date every
/// <c>ManifestIntervalSeconds</c>. Each instance merges what it uploaded that day (table <c>s3_uploads</c>) into the
/// document: read, union by object key, write with If-Match. No bucket listing is needed (listing with a delimiter
/// is not reliable on every S3-compatible store, and a full listing grows with the cache). Where If-Match is ignored
/// (s3rver) a concurrent writer can drop our lines; we see them missing at the next round and write them again,
/// which is why an instance keeps its uploads of today and yesterday.
/// </summary>
internal sealed class S3ManifestWriter(
    S3Store store,
    S3Layout layout,
    S3Resilience resilience,
    OutboxStore outbox,
    S3Options options,
    TimeProvider time,
    ILogger<S3ManifestWriter> logger) : BackgroundService
{
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.WriteTimeoutSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ManifestIntervalSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.ManifestIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await WriteAllAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    S3Log.BackgroundFailed(logger, "manifest", e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Merges every day this instance uploaded into its manifest; forgets days older than yesterday.</summary>
    public async Task WriteAllAsync(CancellationToken cancellationToken)
    {
        foreach (var day in outbox.UploadDays())
        {
            await WriteAsync(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }

        outbox.ForgetUploadsBefore(S3ManifestItem.Day(time.GetUtcNow().AddDays(-1)));
    }

    /// <summary>Merges this instance's uploads of <paramref name="day"/> into its manifest. Returns the lines in it.</summary>
    public async Task<int> WriteAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var pipeline = resilience.Background;
        string key = layout.Manifest(day);
        var local = outbox.UploadsOf(S3ManifestItem.Day(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)))
            .Select(u => new S3ManifestItem(u.ObjectKey, u.CacheId, u.Model, u.Size, u.CreatedAt));
        for (int attempt = 0; ; attempt++)
        {
            var got = await store.GetIfChangedAsync(key, null, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
            var lines = got.Body is null ? [] : S3ManifestDocument.Deserialize(got.Body) ?? [];
            var merged = lines.ToDictionary(l => l.ObjectKey, StringComparer.Ordinal);
            bool newer = false;
            foreach (var item in local)
            {
                newer |= merged.TryAdd(item.ObjectKey, item);
            }

            if (!newer && got.Body is not null)
            {
                return merged.Count;
            }

            try
            {
                var body = S3ManifestDocument.Serialize(day, merged.Values, time.GetUtcNow());
                await store.PutAsync(key, body, got.ETag, pipeline, _timeout, cancellationToken).ConfigureAwait(false);
                S3Log.ManifestWritten(logger, key, merged.Count);
                return merged.Count;
            }
            catch (S3PreconditionFailedException) when (attempt < 3)
            {
                // Another instance wrote it since we read it: read again and merge into theirs.
            }
        }
    }
}
