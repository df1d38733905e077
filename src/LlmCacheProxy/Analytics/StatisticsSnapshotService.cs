using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Analytics;

/// <summary>Every <see cref="AnalyticsOptions.SnapshotIntervalSeconds"/>, hands the statistics to each publisher.</summary>
internal sealed class StatisticsSnapshotService(
    IEnumerable<IStatisticsPublisher> publishers,
    AnalyticsQuery query,
    IOptions<AnalyticsOptions> options,
    TimeProvider time,
    ILogger<StatisticsSnapshotService> logger) : BackgroundService
{
    private readonly IStatisticsPublisher[] _publishers = publishers.ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_publishers.Length == 0)
        {
            return;
        }

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

        foreach (var publisher in _publishers)
        {
            try
            {
                await publisher.PublishAsync(json, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                AnalyticsLog.SnapshotFailed(logger, publisher.GetType().Name, e);
            }
        }
    }
}
