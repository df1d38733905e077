using LlmCacheProxy.Caching.Codec;
using LlmCacheProxy.Storage;
using Polly.CircuitBreaker;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// L3: the shared bucket. A lookup reads the by-hash pointer, then the entry object it names (opened by the codec, in
/// whatever form it was stored); both must carry the full key asked for. Anything unreadable, foreign, slow (past <c>LookupTimeoutMilliseconds</c>) or refused by the open circuit
/// is a miss, so S3 trouble costs latency at most, never a failed request. The tier only reads and removes: a fresh
/// answer reaches S3 through the outbox row the write path commits with it, which the uploader drains.
/// </summary>
internal sealed class S3Tier(
    S3Store store,
    S3Layout layout,
    S3Resilience resilience,
    OutboxStore outbox,
    S3OutboxSignal signal,
    S3Options options,
    EntryCodec codec,
    TimeProvider time,
    ILogger<S3Tier> logger) : ICacheTier
{
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.LookupTimeoutMilliseconds);
    private long _depth;
    private long _depthReadAt;

    public string Name => CacheTierNames.S3;

    /// <summary>Entries in a shared bucket are not counted here (that would be a listing); the outbox depth is.</summary>
    public TierStats Stats => new(null, null, 0, OutboxDepth());

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

            var entry = codec.Read(entryBytes, key, out var failure);
            if (entry is null)
            {
                S3Log.EntryUnreadable(logger, TieredCache.KeyPrefix(key), failure);
                return null;
            }

            if (!string.Equals(entry.CacheKey, key, StringComparison.Ordinal))
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

    /// <summary>Only fresh and imported answers go out; a copy promoted from S3 is already there.</summary>
    public void Stage(CacheEntry entry, CacheWriteKind kind, EntryWrite write)
    {
        if (kind is CacheWriteKind.Store or CacheWriteKind.Import)
        {
            write.Upload(Documents, signal.Notify);
        }
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

    /// <summary>The clear's epoch reaches the bucket (and every instance) through the invalidation sync; the sweeper deletes.</summary>
    public ValueTask ClearAsync(DateTimeOffset before, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// The documents uploaded beside the entry, made when it is stored (so the uploader never reads it back). The metadata
    /// sidecar stays plain JSON in every form: it holds no request or answer text, only what listings read.
    /// </summary>
    private (byte[] Metadata, byte[] Pointer) Documents(CacheEntry entry) =>
        (CacheEntrySerializer.Serialize(entry, metadataOnly: true), S3Pointer.For(entry, layout, codec.S3).Serialize());

    /// <summary>A pointer may only lead into our own entries folder (a foreign pointer cannot make us read or delete elsewhere).</summary>
    private bool IsOurs(string objectKey) => objectKey.StartsWith(layout.EntriesRoot, StringComparison.Ordinal);

    /// <summary>The outbox count is cheap on its small table, but gauges and dashboards may ask often: reused for a second.</summary>
    private long OutboxDepth()
    {
        long now = time.GetTimestamp();
        long readAt = Interlocked.Read(ref _depthReadAt);
        if (readAt == 0 || time.GetElapsedTime(readAt, now) > TimeSpan.FromSeconds(1))
        {
            Interlocked.Exchange(ref _depth, outbox.Count());
            Interlocked.Exchange(ref _depthReadAt, now);
        }

        return Interlocked.Read(ref _depth);
    }
}
