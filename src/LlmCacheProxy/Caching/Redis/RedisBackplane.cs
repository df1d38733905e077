using StackExchange.Redis;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// The channel every instance listens on (the FusionCache backplane pattern: keys and epochs, never answers).
/// Epochs that move forward here are published (and kept in the <c>epochs</c> hash, so an instance that starts later
/// or missed messages while disconnected reads them at start and after every reconnect); epochs heard are merged at
/// once. An entry change heard makes this instance forget its own copy of the key (memory, SQLite) and wakes its
/// fleet waiters. An instance ignores its own messages, and what it merges from here it does not publish again.
/// </summary>
internal sealed class RedisBackplane(
    RedisConnection connection,
    RedisLayout layout,
    RedisResilience resilience,
    InvalidationEpochs epochs,
    TieredCache cache,
    ILogger<RedisBackplane> logger)
{
    // Merge raises Changed on the merging thread: this marks the merges that came from the channel.
    [ThreadStatic]
    private static bool t_merging;

    private int _syncing;
    private long _received;

    /// <summary>Another instance stored, replaced or deleted this key; this instance has already forgotten its copy.</summary>
    public event Action<string>? KeyChanged;

    public long Received => Interlocked.Read(ref _received);

    public async Task StartAsync()
    {
        epochs.Changed += OnEpochsChanged;
        connection.Restored += OnRestored;
        try
        {
            await connection.Subscriber.SubscribeAsync(layout.Channel, OnMessage).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The multiplexer keeps the subscription and makes it again once it connects.
            RedisLog.SubscribeDeferred(logger, RedisLog.Reason(e));
        }

        await SyncEpochsAsync().ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        epochs.Changed -= OnEpochsChanged;
        connection.Restored -= OnRestored;
        try
        {
            await connection.Subscriber.UnsubscribeAsync(layout.Channel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Closing anyway: the server drops the subscription with the connection.
        }
    }

    /// <summary>
    /// Reads the server's epochs and merges them; writes and publishes the local ones the server lacks (set while this
    /// instance could not reach it). At start and after every reconnect; one at a time.
    /// </summary>
    public async Task SyncEpochsAsync()
    {
        if (Interlocked.Exchange(ref _syncing, 1) == 1)
        {
            return;
        }

        try
        {
            var db = connection.Database;
            var fields = await resilience.RunAsync(() => db.HashGetAllAsync(layout.Epochs), CancellationToken.None).ConfigureAwait(false);
            var remote = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                if (DateTimeOffset.TryParse(field.Value.ToString(), System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.RoundtripKind, out var before))
                {
                    remote[field.Name.ToString()] = before;
                }
            }

            Merge(remote);
            var newer = epochs.Snapshot.Where(p => !remote.TryGetValue(p.Key, out var r) || r < p.Value)
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            if (newer.Count > 0)
            {
                await PublishAsync(newer).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            RedisLog.EpochSyncFailed(logger, RedisLog.Reason(e));
        }
        finally
        {
            Volatile.Write(ref _syncing, 0);
        }
    }

    private void OnRestored() => _ = SyncEpochsAsync();

    private void OnEpochsChanged(IReadOnlyDictionary<string, DateTimeOffset> changed)
    {
        if (t_merging)
        {
            return;
        }

        _ = PublishOrLogAsync(new Dictionary<string, DateTimeOffset>(changed, StringComparer.Ordinal));
    }

    private async Task PublishOrLogAsync(IReadOnlyDictionary<string, DateTimeOffset> changed)
    {
        try
        {
            await PublishAsync(changed).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The next reconnect's sync (and the S3 poll, when S3 is on) carries it to the others.
            RedisLog.EpochPublishFailed(logger, RedisLog.Reason(e));
        }
    }

    private async Task PublishAsync(IReadOnlyDictionary<string, DateTimeOffset> changed)
    {
        var db = connection.Database;
        byte[] message = RedisMessage.EpochsMoved(connection.InstanceId, changed).Serialize();
        await resilience.RunAsync(async () =>
        {
            // The hash first: an instance that hears nothing (starting, reconnecting) still finds the epoch there.
            var merged = RedisScripts.MergeEpochsAsync(db, layout.Epochs, changed);
            var published = db.PublishAsync(layout.Channel, message);
            await Task.WhenAll(merged, published).ConfigureAwait(false);
            return true;
        }, CancellationToken.None).ConfigureAwait(false);
    }

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        if (RedisMessage.Deserialize((byte[]?)value ?? []) is not { } message)
        {
            RedisLog.UnreadableMessage(logger);
            return;
        }

        if (string.Equals(message.From, connection.InstanceId, StringComparison.Ordinal))
        {
            return;
        }

        Interlocked.Increment(ref _received);
        if (message.Epochs is { } moved)
        {
            Merge(moved);
        }
        else if (message.Key is { } key)
        {
            _ = ForgetAsync(key, message.CreatedAt);
        }
    }

    private void Merge(IReadOnlyDictionary<string, DateTimeOffset> remote)
    {
        t_merging = true;
        try
        {
            if (epochs.Merge(remote) is { Count: > 0 } merged)
            {
                RedisLog.EpochsMerged(logger, merged.Count);
            }
        }
        finally
        {
            t_merging = false;
        }
    }

    private async Task ForgetAsync(string key, DateTimeOffset? createdAt)
    {
        await cache.ForgetAsync(key, createdAt, CancellationToken.None).ConfigureAwait(false);
        KeyChanged?.Invoke(key);
    }
}
