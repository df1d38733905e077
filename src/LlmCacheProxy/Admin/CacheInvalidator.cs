using LlmCacheProxy.Caching;
using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Carries out invalidations. Epochs are one write whatever the cache holds (every tier honours them on read,
/// <see cref="EpochPersistence"/> keeps them, the S3 feature propagates them); key and pattern deletes go
/// to every tier. Counts come from the SQLite index after the writer has flushed what it holds.
/// </summary>
internal sealed class CacheInvalidator(
    TieredCache cache,
    InvalidationEpochs epochs,
    EntryIndex index,
    SqliteWriter writer,
    TimeProvider time,
    ILogger<CacheInvalidator> logger)
{
    public async Task<InvalidateResult> InvalidateAsync(InvalidationPlan plan, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        if (plan.Epoch is { } epoch)
        {
            // Entries already dead under the same scope (or under *) do not count again.
            var snapshot = epochs.Snapshot;
            DateTimeOffset? after = Later(snapshot.GetValueOrDefault(epoch.Scope), snapshot.GetValueOrDefault(InvalidationEpochs.AllScope));
            long dead = index.CountUnexpired(plan.Model, plan.Namespace, epoch.Before, after);
            if (!plan.DryRun)
            {
                epochs.Set(epoch.Scope, epoch.Before);
                AdminLog.EpochWritten(logger, epoch.Scope, epoch.Before, dead);
            }

            return new InvalidateResult(plan.DryRun, dead, epoch, "epoch");
        }

        List<string> keys = plan.Key is { } key
            ? (index.Get(key) is not null || await InMemoryAsync(key, cancellationToken) ? [key] : [])
            : index.KeysMatching(plan.Pattern!);
        if (!plan.DryRun)
        {
            foreach (string k in keys)
            {
                await cache.RemoveAsync(k, cancellationToken);
            }

            await writer.FlushAsync(cancellationToken);
            AdminLog.EntriesDeleted(logger, keys.Count, plan.Key is null ? "pattern" : "key");
        }

        return new InvalidateResult(plan.DryRun, keys.Count, null, plan.Key is null ? "pattern" : "key");
    }

    /// <summary>Everything dies: epoch <c>*</c> = now, and every tier drops what it holds (SQLite rows through the writer).</summary>
    public async Task<InvalidateResult> ClearAsync(CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        var now = EpochInfo.EndOfMillisecond(time.GetUtcNow());
        long dead = index.CountUnexpired(null, null, now, epochs.Snapshot.TryGetValue(InvalidationEpochs.AllScope, out var all) ? all : null);
        epochs.Set(InvalidationEpochs.AllScope, now);
        // The epoch already makes every entry dead; the tiers free their space without holding the request.
        await cache.ClearAsync(now, cancellationToken);
        AdminLog.Cleared(logger, now, dead);
        return new InvalidateResult(false, dead, new EpochInfo(InvalidationEpochs.AllScope, now), "clear");
    }

    /// <summary>A key the SQLite index lacks may still be in the memory tier (SQLite tier off, or not yet written).</summary>
    private async Task<bool> InMemoryAsync(string key, CancellationToken cancellationToken) =>
        cache.Tier(CacheTierNames.Memory) is { } memory && await memory.GetAsync(key, cancellationToken) is not null;

    private static DateTimeOffset? Later(DateTimeOffset a, DateTimeOffset b)
    {
        var later = a > b ? a : b;
        return later == default ? null : later;
    }
}
