using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.Caching;

/// <summary>
/// Looks tiers up in order (memory, SQLite, S3), skips dead entries (expired, invalidated, wrong key),
/// promotes a hit into the tiers above it, and writes fresh answers to every tier. A tier that throws
/// counts as a miss: a broken tier never fails a request.
/// </summary>
internal sealed class TieredCache
{
    private readonly ICacheTier[] _tiers;
    private readonly InvalidationEpochs _epochs;
    private readonly TimeProvider _time;
    private readonly ILogger<TieredCache> _logger;
    private readonly ICacheTierInstrumentation? _instrumentation;

    public TieredCache(IEnumerable<ICacheTier> tiers, InvalidationEpochs epochs, TimeProvider time, ILogger<TieredCache> logger,
        ICacheTierInstrumentation? instrumentation = null)
    {
        _tiers = tiers.ToArray();
        _epochs = epochs;
        _time = time;
        _logger = logger;
        _instrumentation = instrumentation;
    }

    public IReadOnlyList<ICacheTier> Tiers => _tiers;

    /// <summary>Raised when a tier throws; the argument is the tier name. Used for error counters.</summary>
    public event Action<string, Exception>? TierError;

    /// <param name="minCreatedAt">Entries created before this are skipped (<c>Cache-Control: max-age</c>).</param>
    /// <param name="firstTierOnly">
    /// Look at the first tier alone: enough to find an answer stored moments ago, since stores write it synchronously.
    /// </param>
    public async ValueTask<CacheHit?> GetAsync(string key, DateTimeOffset? minCreatedAt, CancellationToken cancellationToken,
        bool firstTierOnly = false) =>
        (await LookupAsync(key, minCreatedAt, TimeSpan.Zero, firstTierOnly, cancellationToken).ConfigureAwait(false)).Hit;

    /// <summary>
    /// One walk down the tiers: the first live entry (promoted into the tiers above it), and, while walking past
    /// entries that cannot be served, the first stale-if-error candidate: an entry of this key, not invalidated,
    /// expired at most <paramref name="staleWindow"/> ago or not at all (skipped by <paramref name="minCreatedAt"/>).
    /// A candidate is not promoted: it is only served while upstream fails. A zero window collects none.
    /// </summary>
    public async ValueTask<CacheLookup> LookupAsync(string key, DateTimeOffset? minCreatedAt, TimeSpan staleWindow,
        bool firstTierOnly, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        CacheHit? stale = null;
        int count = firstTierOnly ? Math.Min(1, _tiers.Length) : _tiers.Length;
        for (int i = 0; i < count; i++)
        {
            var tier = _tiers[i];
            using var scope = _instrumentation?.Begin(tier.Name, "get");
            CacheEntry? entry;
            try
            {
                entry = await tier.GetAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                scope?.Failed(e);
                OnTierError(tier.Name, e);
                continue;
            }

            if (entry is null)
            {
                continue;
            }

            if (!string.Equals(entry.CacheKey, key, StringComparison.Ordinal))
            {
                CachingLog.KeyMismatch(_logger, tier.Name, KeyPrefix(key));
                continue;
            }

            if (_epochs.IsInvalidated(entry))
            {
                continue;
            }

            if (entry.IsExpired(now) || (minCreatedAt is { } min && entry.CreatedAt < min))
            {
                if (stale is null && staleWindow > TimeSpan.Zero &&
                    (entry.ExpiresAt is not { } expires || now - expires <= staleWindow))
                {
                    stale = new CacheHit(entry, tier.Name);
                }

                continue;
            }

            scope?.Found();
            scope?.Dispose(); // the lookup ends here; promotions are timed as their own calls
            for (int upper = 0; upper < i; upper++)
            {
                await SafeSetAsync(_tiers[upper], entry, CacheWriteKind.Promote).ConfigureAwait(false);
            }

            return new CacheLookup(new CacheHit(entry, tier.Name), stale);
        }

        return new CacheLookup(null, stale);
    }

    /// <summary>Stores a fresh answer in every tier. Never throws; never observes the client's cancellation.</summary>
    public async ValueTask SetAsync(CacheEntry entry)
    {
        foreach (var tier in _tiers)
        {
            await SafeSetAsync(tier, entry, CacheWriteKind.Store).ConfigureAwait(false);
        }
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        foreach (var tier in _tiers)
        {
            using var scope = _instrumentation?.Begin(tier.Name, "remove");
            try
            {
                await tier.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                scope?.Failed(e);
                OnTierError(tier.Name, e);
            }
        }
    }

    private async ValueTask SafeSetAsync(ICacheTier tier, CacheEntry entry, CacheWriteKind kind)
    {
        using var scope = _instrumentation?.Begin(tier.Name, kind == CacheWriteKind.Store ? "set" : "promote");
        try
        {
            await tier.SetAsync(entry, kind, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            scope?.Failed(e);
            OnTierError(tier.Name, e);
        }
    }

    private void OnTierError(string tier, Exception e)
    {
        CachingLog.TierFailed(_logger, tier, e);
        TierError?.Invoke(tier, e);
    }

    internal static string KeyPrefix(string key) => key.Length > 12 ? key[..12] : key;
}
