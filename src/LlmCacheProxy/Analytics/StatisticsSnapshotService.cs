using LlmCacheProxy.Caching.S3;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Analytics;

/// <summary>
/// With S3 on, every <see cref="AnalyticsOptions.SnapshotIntervalSeconds"/> writes the analytics of the last 7 days (by
/// day) to <c>cache-index/global/statistics.json</c> in the shared bucket. Started by the lifecycle when S3 is on.
/// </summary>
internal sealed class StatisticsSnapshotService(
    S3Store store,
    S3Layout layout,
    S3Resilience resilience,
    S3Options s3,
    AnalyticsQuery query,
    IOptions<AnalyticsOptions> options,
    TimeProvider time,
    ILogger<StatisticsSnapshotService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SnapshotIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await PublishAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        byte[] json;
        try
        {
            json = AnalyticsJson.Write(query.Run(new AnalyticsFilter(now.AddDays(-7), now, null, null, Granularity.Day)));
        }
        catch (SqliteException e)
        {
            AnalyticsLog.QueryFailed(logger, e);
            return;
        }

        try
        {
            await store.PutAsync(layout.Statistics, json, ifMatch: null, resilience.Background,
                TimeSpan.FromSeconds(s3.WriteTimeoutSeconds), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AnalyticsLog.SnapshotFailed(logger, "s3", e);
        }
    }
}
