using LlmCacheProxy.Analytics;
using LlmCacheProxy.Caching.Redis;
using LlmCacheProxy.Caching.S3;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Proxy;
using LlmCacheProxy.Storage;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Hosting;

/// <summary>
/// The one place background work starts and stops, in this order (constructors elsewhere do no I/O):
/// <list type="number">
/// <item>Start: open the database (create, WAL, migrate), load the epochs, load the partition secret, listen for tier
/// failures, start the SQLite writer, the warm-up (in the background: readiness does not wait for it), the usage
/// recorder, then Redis (connect, its writer, the channel and the epochs it holds), then the S3 work (uploader,
/// invalidation sync, manifest, sweeper) and the statistics snapshot. All of it
/// before Kestrel takes the first request (the web server starts last).</item>
/// <item>Stop (SIGTERM, Ctrl+C, <c>docker stop</c>), bounded as a whole by <c>Shutdown:TimeoutSeconds</c>: Kestrel has
/// drained in-flight requests first (it stops first); a warm-up still running is cancelled; then the usage recorder hands its last counts to the writer;
/// the S3 loops stop and the outbox gets a bounded last drain (<see cref="OutboxDrainBudget"/>; rows left are sent after
/// the next start); Redis leaves the channel, its writer gets a short last drain and the connection closes; then the
/// SQLite writer commits everything queued and closes. The OpenTelemetry providers are
/// disposed with the container, after this, so the last batch (shutdown included) is exported.</item>
/// </list>
/// </summary>
internal sealed class Lifecycle(IServiceProvider services, ILogger<Lifecycle> logger) : IHostedService
{
    public static readonly TimeSpan OutboxDrainBudget = TimeSpan.FromSeconds(5);

    private readonly List<BackgroundService> _s3Work = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<SqliteDatabase>().Open();
        services.GetRequiredService<EpochPersistence>().Load();
        services.GetRequiredService<PartitionResolver>().Load();
        _ = services.GetRequiredService<TierHealth>();
        services.GetRequiredService<SqliteWriter>().Start();
        services.GetRequiredService<CacheWarmup>().Start();
        services.GetRequiredService<UsageRecorder>().Start();
        await StartRedisAsync().ConfigureAwait(false);

        if (services.GetService<S3Uploader>() is { } uploader)
        {
            var s3 = services.GetRequiredService<S3Options>();
            S3Log.Enabled(logger, s3.Bucket, s3.Prefix, string.IsNullOrEmpty(s3.ServiceUrl) ? "AWS " + s3.Region : s3.ServiceUrl);
            _s3Work.Add(uploader);
            _s3Work.Add(services.GetRequiredService<S3InvalidationSync>());
            _s3Work.Add(services.GetRequiredService<S3ManifestWriter>());
            _s3Work.Add(services.GetRequiredService<S3Sweeper>());
            if (services.GetService<StatisticsSnapshotService>() is { } snapshot)
            {
                _s3Work.Add(snapshot);
            }
        }

        foreach (var work in _s3Work)
        {
            await work.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await services.GetRequiredService<CacheWarmup>().StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<UsageRecorder>().StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var work in _s3Work.Where(w => w is not S3Uploader))
        {
            await work.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_s3Work.OfType<S3Uploader>().FirstOrDefault() is { } uploader)
        {
            await DrainOutboxAsync(uploader, cancellationToken).ConfigureAwait(false);
            await uploader.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        await StopRedisAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<SqliteWriter>().StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects (never fails start: it reconnects by itself), starts the writer, then joins the channel, which reads
    /// the epochs the fleet set meanwhile. Passthrough instances share entries only with one partition secret.
    /// </summary>
    private async Task StartRedisAsync()
    {
        if (services.GetService<RedisConnection>() is not { } redis)
        {
            return;
        }

        var options = services.GetRequiredService<RedisOptions>();
        RedisLog.Enabled(logger, RedisConnection.Endpoints(options.Configuration), options.KeyPrefix, options.EffectiveChannel);
        if (!services.GetRequiredService<IOptions<ProxyOptions>>().Value.ProxyHeld &&
            string.IsNullOrEmpty(services.GetRequiredService<IOptions<CacheOptions>>().Value.PartitionSecret))
        {
            RedisLog.GeneratedPartitionSecret(logger);
        }

        await redis.StartAsync().ConfigureAwait(false);
        services.GetRequiredService<RedisWriter>().Start();
        await services.GetRequiredService<RedisBackplane>().StartAsync().ConfigureAwait(false);
    }

    private async Task StopRedisAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<RedisConnection>() is not { } redis)
        {
            return;
        }

        await services.GetRequiredService<RedisBackplane>().StopAsync().ConfigureAwait(false);
        await services.GetRequiredService<RedisWriter>().StopAsync(cancellationToken).ConfigureAwait(false);
        await redis.DisposeAsync().ConfigureAwait(false);
    }

    private async Task DrainOutboxAsync(S3Uploader uploader, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(OutboxDrainBudget);
        try
        {
            await uploader.DrainAsync(budget.Token).WaitAsync(budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            HostingLog.OutboxDrainTimedOut(logger, OutboxDrainBudget.TotalSeconds);
        }
        catch (Exception e)
        {
            HostingLog.OutboxDrainFailed(logger, e);
        }
    }
}
