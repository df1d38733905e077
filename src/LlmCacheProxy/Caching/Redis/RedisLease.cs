namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// A held fleet lease. Renewed every third of its time while the leader waits for upstream, so it runs out only when
/// the leader died (the next caller then leads). Disposing stops the renewal and queues the release behind the
/// leader's store: waiters never see the lease gone before the entry is there.
/// </summary>
internal sealed class RedisLease : IAsyncDisposable
{
    private readonly string _key;
    private readonly string _token;
    private readonly RedisWriter _writer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    public RedisLease(string key, string token, TimeSpan ttl, RedisConnection connection, RedisLayout layout,
        RedisResilience resilience, RedisWriter writer, TimeProvider time)
    {
        _key = key;
        _token = token;
        _writer = writer;
        _renewal = RenewAsync(connection, layout.Lease(key), resilience, ttl, time, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        _stop.Dispose();
        _writer.Enqueue(RedisWrite.Release(_key, _token));
    }

    private async Task RenewAsync(RedisConnection connection, StackExchange.Redis.RedisKey lease, RedisResilience resilience,
        TimeSpan ttl, TimeProvider time, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ttl / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var db = connection.Database;
                if (!resilience.IsUnavailable)
                {
                    await resilience.RunAsync(() => RedisScripts.RenewAsync(db, lease, _token, ttl), stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            // Lost with Redis: the lease runs out and another instance may lead; the breaker has seen the failure.
        }
    }
}
