using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// Fleet-wide single flight on Redis. A cold key's local leader takes <c>{prefix}lease:{key}</c> (<c>SET NX PX</c>); an
/// instance that finds it taken waits for the entry, woken by the key's change notification or every
/// <see cref="PollInterval"/>, bounded by <c>Cache:CoalesceWaitSeconds</c>; a lease that ran out (its leader died)
/// is taken by the next caller. Redis unreachable or the wait over: the caller leads alone.
/// </summary>
internal sealed class RedisFleetFlight : IFleetFlight
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _changed = new(StringComparer.Ordinal);
    private readonly RedisConnection _connection;
    private readonly RedisLayout _layout;
    private readonly RedisResilience _resilience;
    private readonly RedisWriter _writer;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisFleetFlight> _logger;
    private readonly TimeSpan _lease;
    private readonly TimeSpan _wait;

    public RedisFleetFlight(
        RedisConnection connection, RedisLayout layout, RedisResilience resilience, RedisWriter writer, RedisBackplane backplane,
        RedisOptions options, IOptions<CacheOptions> cache, TimeProvider time, ILogger<RedisFleetFlight> logger)
    {
        _connection = connection;
        _layout = layout;
        _resilience = resilience;
        _writer = writer;
        _time = time;
        _logger = logger;
        _lease = TimeSpan.FromSeconds(options.LeaseSeconds);
        _wait = TimeSpan.FromSeconds(cache.Value.CoalesceWaitSeconds);
        backplane.KeyChanged += Wake;
    }

    public async ValueTask<FleetTurn> TakeTurnAsync(
        string key, Func<CancellationToken, ValueTask<CacheHit?>> lookup, CancellationToken cancellationToken)
    {
        string token = _connection.InstanceId + ":" + Guid.NewGuid().ToString("N")[..12];
        long started = _time.GetTimestamp();
        try
        {
            for (bool first = true; ; first = false)
            {
                if (_resilience.IsUnavailable)
                {
                    return FleetTurn.Alone;
                }

                // The caller has just missed; later rounds look first, since the entry lands before the lease goes.
                if (!first && await FindAsync(key, lookup, cancellationToken).ConfigureAwait(false) is { } shared)
                {
                    return FleetTurn.Found(shared);
                }

                if (await AcquireAsync(key, token, cancellationToken).ConfigureAwait(false))
                {
                    return await LeadAsync(key, token, first, lookup, cancellationToken).ConfigureAwait(false);
                }

                if (_time.GetElapsedTime(started) >= _wait)
                {
                    RedisLog.LeaseWaitOver(_logger, TieredCache.KeyPrefix(key), _wait.TotalSeconds);
                    return FleetTurn.Alone;
                }

                await WaitForChangeAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (RedisResilience.IsFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            return FleetTurn.Alone;
        }
    }

    /// <summary>Holds the lease; a leader that finished between the caller's miss and this lease left its entry behind.</summary>
    private async Task<FleetTurn> LeadAsync(
        string key, string token, bool first, Func<CancellationToken, ValueTask<CacheHit?>> lookup, CancellationToken cancellationToken)
    {
        var lease = new RedisLease(key, token, _lease, _connection, _layout, _resilience, _writer, _time);
        CacheHit? late = null;
        try
        {
            late = first ? await FindAsync(key, lookup, cancellationToken).ConfigureAwait(false) : null;
        }
        catch (Exception e) when (RedisResilience.IsFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            // Lead with the lease we hold.
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (late is null)
        {
            return FleetTurn.Lead(lease);
        }

        await lease.DisposeAsync().ConfigureAwait(false);
        return FleetTurn.Found(late.Value);
    }

    private Task<bool> AcquireAsync(string key, string token, CancellationToken cancellationToken)
    {
        var db = _connection.Database;
        return _resilience.RunAsync(() => db.StringSetAsync(_layout.Lease(key), token, _lease, When.NotExists), cancellationToken).AsTask();
    }

    /// <summary>An EXISTS first: the full lookup (every tier, S3 too) only once Redis holds an entry.</summary>
    private async ValueTask<CacheHit?> FindAsync(string key, Func<CancellationToken, ValueTask<CacheHit?>> lookup, CancellationToken cancellationToken)
    {
        var db = _connection.Database;
        bool exists = await _resilience.RunAsync(() => db.KeyExistsAsync(_layout.Entry(key)), cancellationToken).ConfigureAwait(false);
        return exists ? await lookup(cancellationToken).ConfigureAwait(false) : null;
    }

    private async Task WaitForChangeAsync(string key, CancellationToken cancellationToken)
    {
        var changed = _changed.GetOrAdd(key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await changed.Task.WaitAsync(PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            _changed.TryRemove(new KeyValuePair<string, TaskCompletionSource>(key, changed));
        }
    }

    private void Wake(string key)
    {
        if (_changed.TryRemove(key, out var changed))
        {
            changed.TrySetResult();
        }
    }
}
