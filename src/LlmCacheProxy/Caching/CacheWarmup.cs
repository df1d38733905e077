using System.Diagnostics;
using LlmCacheProxy.Caching.Codec;
using LlmCacheProxy.Storage;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching;

/// <summary>
/// Warm restarts: started by the lifecycle after the writer, in the background (readiness does not wait), it reads the
/// most recently used live entries from SQLite (<see cref="EntryStore.MostRecentlyUsed"/>) until <c>Cache:Warmup</c>'s
/// bounds, skips what epochs killed or what does not open, and puts them in memory coldest first, so the memory tier's
/// own LRU order ends with the hottest entries as the most recently used. Logs progress each second and the time taken.
/// </summary>
internal sealed class CacheWarmup(
    EntryStore store,
    EntryCodec codec,
    InvalidationEpochs epochs,
    TieredCache cache,
    IOptions<CacheOptions> options,
    TimeProvider time,
    ILogger<CacheWarmup> logger)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    /// <summary>Completes when the warm-up has put its entries in memory (at once when there is nothing to do).</summary>
    public Task Completion => _run;

    /// <summary>Entries the last run put in memory.</summary>
    public int Warmed { get; private set; }

    public void Start()
    {
        var settings = options.Value;
        if (!settings.Warmup.Enabled || settings.Warmup.MaxEntries == 0 || settings.Warmup.MaxBytes == 0 ||
            cache.Tier(CacheTierNames.Memory) is null || cache.Tier(CacheTierNames.Sqlite) is null)
        {
            return;
        }

        long maxBytes = Math.Min(settings.Warmup.MaxBytes, settings.Memory.MaxBytes * 9 / 10);
        _run = Task.Run(() => Run(settings.Warmup.MaxEntries, maxBytes, _stop.Token));
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Run(int maxEntries, long maxBytes, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        long lastProgress = started;
        var picked = new List<CacheEntry>();
        long bytes = 0;
        int skipped = 0;
        var now = time.GetUtcNow();
        try
        {
            foreach (var row in store.MostRecentlyUsed(cancellationToken))
            {
                var entry = codec.Read(row.Body, row.Key, out _);
                if (entry is null || entry.CacheKey != row.Key || entry.IsExpired(now) || epochs.IsInvalidated(entry))
                {
                    skipped++;
                    continue;
                }

                if (bytes + entry.EstimatedSize > maxBytes)
                {
                    break;
                }

                picked.Add(entry);
                bytes += entry.EstimatedSize;
                if (picked.Count >= maxEntries)
                {
                    break;
                }

                if (Stopwatch.GetElapsedTime(lastProgress) >= ProgressEvery)
                {
                    CachingLog.WarmupProgress(logger, picked.Count, bytes);
                    lastProgress = Stopwatch.GetTimestamp();
                }
            }
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException)
        {
            // A warm-up is an accelerator: what was read still goes in; the rest is read from SQLite on demand.
            CachingLog.WarmupFailed(logger, picked.Count, e);
        }

        cancellationToken.ThrowIfCancellationRequested();
        for (int i = picked.Count - 1; i >= 0; i--)
        {
            cache.Warm(picked[i]);
        }

        Warmed = picked.Count;
        CachingLog.WarmupDone(logger, picked.Count, bytes, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, skipped);
    }
}
