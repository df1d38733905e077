using System.Diagnostics;
using LlmCacheProxy.Caching.Codec;
using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Caching;

/// <summary>
/// The named levels (memory, SQLite, Redis, S3; see <see cref="CacheTierNames"/>), looked up in order. Skips dead
/// entries (expired, invalidated, wrong key), promotes a hit into the tiers above it, and writes a fresh answer to
/// every tier through one write path (<see cref="EntryWrite"/>). A tier that throws counts as a miss and is reported
/// once through <see cref="TierFailed"/>: a broken tier never fails a request.
/// </summary>
internal sealed class TieredCache
{
    private readonly ICacheTier[] _tiers;
    private readonly InvalidationEpochs _epochs;
    private readonly SqliteWriter _writer;
    private readonly EntryStore _entries;
    private readonly EntryCodec _codec;
    private readonly TimeProvider _time;
    private readonly ILogger<TieredCache> _logger;

    public TieredCache(
        IEnumerable<ICacheTier> tiers, InvalidationEpochs epochs, SqliteWriter writer, EntryStore entries, EntryCodec codec,
        TimeProvider time, ILogger<TieredCache> logger)
    {
        _tiers = tiers.OrderBy(t => CacheTierNames.Level(t.Name)).ToArray();
        _epochs = epochs;
        _writer = writer;
        _entries = entries;
        _codec = codec;
        _time = time;
        _logger = logger;
    }

    /// <summary>The tiers in lookup order.</summary>
    public IReadOnlyList<ICacheTier> Tiers => _tiers;

    /// <summary>A tier call threw; it was served as a miss (or the write skipped). Logs, telemetry and health listen.</summary>
    public event Action<TierFailure>? TierFailed;

    /// <summary>A tier call finished (telemetry times them).</summary>
    public event Action<TierCall>? TierCalled;

    public ICacheTier? Tier(string name) => Array.Find(_tiers, t => t.Name == name);

    /// <param name="minCreatedAt">Entries created before this are skipped (<c>Cache-Control: max-age</c>).</param>
    /// <param name="firstTierOnly">
    /// Look at the first tier alone: enough to find an answer stored moments ago, since stores keep it there synchronously.
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
            var entry = await GetFromAsync(tier, key, cancellationToken).ConfigureAwait(false);
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

            if (i > 0)
            {
                Write(entry, CacheWriteKind.Promote, upTo: i);
            }

            return new CacheLookup(new CacheHit(entry, tier.Name), stale);
        }

        return new CacheLookup(null, stale);
    }

    /// <summary>
    /// An entry read back from SQLite at start goes into the tiers above SQLite (memory), unless one already holds the key
    /// (a request stored it meanwhile, and that copy is the newer). Nothing is written to the database.
    /// </summary>
    public void Warm(CacheEntry entry)
    {
        int sqlite = Array.FindIndex(_tiers, t => t.Name == CacheTierNames.Sqlite);
        var write = new EntryWrite(entry, _entries, _codec, _time);
        for (int i = 0; i < sqlite; i++)
        {
            var held = _tiers[i].GetAsync(entry.CacheKey, CancellationToken.None);
            if (held.IsCompletedSuccessfully && held.Result is null)
            {
                _tiers[i].Stage(entry, CacheWriteKind.Promote, write);
            }
        }
    }

    /// <summary>Stores a fresh answer in every tier. Never throws; never observes the client's cancellation.</summary>
    public void Set(CacheEntry entry) => Write(entry, CacheWriteKind.Store, upTo: _tiers.Length);

    /// <summary>Stores an imported entry in the durable tiers (see <see cref="CacheWriteKind.Import"/>). False when the writer's queue was full.</summary>
    public bool Import(CacheEntry entry) => Write(entry, CacheWriteKind.Import, upTo: _tiers.Length);

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        foreach (var tier in _tiers)
        {
            long started = Stopwatch.GetTimestamp();
            using var activity = StartActivity(tier.Name, "remove");
            try
            {
                await tier.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
                Called(tier.Name, "remove", started, failed: false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(tier.Name, "remove", started, e, activity);
            }
        }
    }

    /// <summary>
    /// Another instance changed this key (see <see cref="ICacheTier.ForgetAsync"/>): this instance's own tiers drop
    /// their copy. Failures are reported like any tier call's; nothing is announced.
    /// </summary>
    public async ValueTask ForgetAsync(string key, DateTimeOffset? createdBefore, CancellationToken cancellationToken)
    {
        foreach (var tier in _tiers)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                await tier.ForgetAsync(key, createdBefore, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(tier.Name, "forget", started, e, activity: null);
            }
        }
    }

    /// <summary>Every tier drops what was created before <paramref name="before"/> (the clear's epoch already hides it).</summary>
    public async ValueTask ClearAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        foreach (var tier in _tiers)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                await tier.ClearAsync(before, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(tier.Name, "clear", started, e, activity: null);
            }
        }
    }

    /// <summary>An entry of this key was served: each tier counts it where it keeps hit counts.</summary>
    public void RecordHit(string key)
    {
        var now = _time.GetUtcNow();
        foreach (var tier in _tiers)
        {
            tier.RecordHit(key, now);
        }
    }

    internal static string KeyPrefix(string key) => key.Length > 12 ? key[..12] : key;

    private async ValueTask<CacheEntry?> GetFromAsync(ICacheTier tier, string key, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        using var activity = StartActivity(tier.Name, "get");
        try
        {
            var entry = await tier.GetAsync(key, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("llmcache.found", entry is not null);
            Called(tier.Name, "get", started, failed: false);
            return entry;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Failed(tier.Name, "get", started, e, activity);
            return null;
        }
    }

    /// <summary>Stages the entry in the first <paramref name="upTo"/> tiers, then queues the one database write they asked for.</summary>
    private bool Write(CacheEntry entry, CacheWriteKind kind, int upTo)
    {
        string operation = kind == CacheWriteKind.Store ? "set" : "promote";
        var write = new EntryWrite(entry, _entries, _codec, _time);
        for (int i = 0; i < upTo; i++)
        {
            var tier = _tiers[i];
            long started = Stopwatch.GetTimestamp();
            using var activity = StartActivity(tier.Name, operation);
            try
            {
                tier.Stage(entry, kind, write);
                Called(tier.Name, operation, started, failed: false);
            }
            catch (Exception e)
            {
                Failed(tier.Name, operation, started, e, activity);
            }
        }

        return !write.HasWork || _writer.TryEnqueue(write);
    }

    private static Activity? StartActivity(string tier, string operation)
    {
        if (!CacheDiagnostics.Source.HasListeners())
        {
            return null;
        }

        var activity = CacheDiagnostics.Source.StartActivity($"cache {operation} {tier}", ActivityKind.Internal);
        activity?.SetTag("llmcache.tier", tier);
        activity?.SetTag("llmcache.op", operation);
        return activity;
    }

    private void Called(string tier, string operation, long started, bool failed) =>
        TierCalled?.Invoke(new TierCall(tier, operation, Stopwatch.GetElapsedTime(started), failed));

    private void Failed(string tier, string operation, long started, Exception e, Activity? activity)
    {
        activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
        Called(tier, operation, started, failed: true);
        TierFailed?.Invoke(new TierFailure(tier, operation, e, _time.GetUtcNow()));
    }
}
