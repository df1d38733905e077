using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// L3: the shared bucket. A lookup reads the by-hash pointer, then the entry it names; both must carry the full
/// key asked for. Anything unreadable, foreign, slow (past <c>LookupTimeoutMilliseconds</c>) or refused by the
/// open circuit is a miss, so S3 trouble costs latency at most, never a failed request. Writes never happen
/// here on the request path: fresh answers reach S3 through the SQLite outbox.
/// </summary>
internal sealed class S3Tier(
    S3Store store,
    S3Layout layout,
    S3Resilience resilience,
    S3Outbox outbox,
    S3Options options,
    bool sqliteTierEnabled,
    ILogger<S3Tier> logger) : ICacheTier
{
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.LookupTimeoutMilliseconds);

    public string Name => "s3";

    public async ValueTask<CacheEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (resilience.State is CircuitState.Open or CircuitState.Isolated)
        {
            return null;
        }

        try
        {
            var pointerBytes = await store.GetAsync(layout.Pointer(key), resilience.Lookup, _timeout, cancellationToken).ConfigureAwait(false);
            if (pointerBytes is null)
            {
                return null;
            }

            var pointer = S3Pointer.Deserialize(pointerBytes);
            if (pointer is null || !string.Equals(pointer.CacheKey, key, StringComparison.Ordinal) || !IsOurs(pointer.ObjectKey))
            {
                S3Log.CorruptObject(logger, TieredCache.KeyPrefix(key), "pointer");
                return null;
            }

            var entryBytes = await store.GetAsync(pointer.ObjectKey, resilience.Lookup, _timeout, cancellationToken).ConfigureAwait(false);
            if (entryBytes is null)
            {
                return null;
            }

            var entry = CacheEntrySerializer.Deserialize(entryBytes);
            if (entry is null || !string.Equals(entry.CacheKey, key, StringComparison.Ordinal))
            {
                S3Log.CorruptObject(logger, TieredCache.KeyPrefix(key), "entry");
                return null;
            }

            return entry;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Expected while S3 is down: logged once per lookup at warning, without the stack, and a miss.
            S3Log.LookupFailed(logger, TieredCache.KeyPrefix(key), e is BrokenCircuitException ? "circuit open" : e.GetType().Name);
            return null;
        }
    }

    public ValueTask SetAsync(CacheEntry entry, CacheWriteKind kind, CancellationToken cancellationToken)
    {
        // With the SQLite tier on, its entry hook queued the upload in the entry's transaction already.
        if (kind == CacheWriteKind.Store && !sqliteTierEnabled)
        {
            outbox.Enqueue(entry);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var pointerKey = layout.Pointer(key);
        var bytes = await store.GetAsync(pointerKey, resilience.Background, _timeout, cancellationToken).ConfigureAwait(false);
        var pointer = bytes is null ? null : S3Pointer.Deserialize(bytes);
        var keys = new List<string> { pointerKey };
        if (pointer is not null && string.Equals(pointer.CacheKey, key, StringComparison.Ordinal) && IsOurs(pointer.ObjectKey) && IsOurs(pointer.MetadataKey))
        {
            keys.Add(pointer.ObjectKey);
            keys.Add(pointer.MetadataKey);
        }

        await store.DeleteAsync(keys, resilience.Background, _timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A pointer may only lead into our own entries folder (a foreign pointer cannot make us read or delete elsewhere).</summary>
    private bool IsOurs(string objectKey) => objectKey.StartsWith(layout.EntriesRoot, StringComparison.Ordinal);
}
