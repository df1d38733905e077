using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// Writes to Redis off the request path: a bounded queue drained by one loop (started and stopped by the lifecycle).
/// A full queue or an open circuit drops the write and counts it: Redis is a cache, the other tiers keep the entry.
/// Order is kept, so an entry's SET precedes its notification and the leader's lease release.
/// </summary>
internal sealed class RedisWriter
{
    private static readonly TimeSpan DrainBudget = TimeSpan.FromSeconds(2);
    private readonly Channel<RedisWrite> _queue;
    private readonly RedisConnection _connection;
    private readonly RedisLayout _layout;
    private readonly RedisResilience _resilience;
    private readonly RedisOptions _options;
    private readonly TimeSpan _defaultTtl;
    private readonly TimeSpan _staleWindow;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisWriter> _logger;
    private Task? _loop;
    private long _dropped;
    private long _written;

    public RedisWriter(
        RedisConnection connection, RedisLayout layout, RedisResilience resilience, RedisOptions options,
        IOptions<CacheOptions> cache, TimeProvider time, ILogger<RedisWriter> logger)
    {
        _queue = Channel.CreateBounded<RedisWrite>(new BoundedChannelOptions(options.WriteQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
        _connection = connection;
        _layout = layout;
        _resilience = resilience;
        _options = options;
        _defaultTtl = TimeSpan.FromSeconds(options.DefaultTtlSeconds);
        _staleWindow = TimeSpan.FromSeconds(cache.Value.StaleIfErrorSeconds);
        _time = time;
        _logger = logger;
    }

    public int Pending => _queue.Reader.CanCount ? _queue.Reader.Count : 0;

    /// <summary>Writes dropped (queue full, circuit open, failed): a measure of what Redis missed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long Written => Interlocked.Read(ref _written);

    public void Enqueue(RedisWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public void Start() => _loop ??= Task.Run(RunAsync);

    /// <summary>Stops taking writes and gives the queued ones a short, bounded last drain.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is { } loop)
        {
            try
            {
                await loop.WaitAsync(DrainBudget, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                RedisLog.DrainTimedOut(_logger, Pending);
            }
        }
    }

    private async Task RunAsync()
    {
        await foreach (var write in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_resilience.IsUnavailable)
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }

            try
            {
                if (await WriteAsync(write).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _written);
                }
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _dropped);
                RedisLog.WriteFailed(_logger, TieredCache.KeyPrefix(write.Key), RedisLog.Reason(e));
            }
        }
    }

    /// <summary>False when there was nothing to write (expired, too large).</summary>
    private async Task<bool> WriteAsync(RedisWrite write)
    {
        var db = _connection.Database;
        if (write.LeaseToken is { } token)
        {
            await _resilience.RunAsync(() => RedisScripts.ReleaseAsync(db, _layout.Lease(write.Key), token), CancellationToken.None).ConfigureAwait(false);
            return true;
        }

        var entry = write.Entry!.Entry;
        if (RedisTtl.For(entry, _time.GetUtcNow(), _defaultTtl, _staleWindow) is not { } ttl)
        {
            return false;
        }

        // The entry document is made once by the write path; Redis stores it in SQLite's form (compression and
        // encryption at rest apply to this shared server as to the others).
        byte[] document = write.Entry.RedisBody;
        if (document.LongLength > _options.MaxEntryBytes)
        {
            RedisLog.EntryTooLarge(_logger, TieredCache.KeyPrefix(write.Key), document.LongLength, _options.MaxEntryBytes);
            return false;
        }

        byte[]? message = write.Publish
            ? RedisMessage.EntryChanged(_connection.InstanceId, write.Key, entry.CreatedAt).Serialize()
            : null;
        await _resilience.RunAsync(async () =>
        {
            // Sent back to back on one connection: the SET is applied before anyone hears of it.
            var set = db.StringSetAsync(_layout.Entry(write.Key), document, ttl, When.Always);
            var published = message is null ? Task.FromResult(0L) : db.PublishAsync(_layout.Channel, message);
            await Task.WhenAll(set, published).ConfigureAwait(false);
            return true;
        }, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
