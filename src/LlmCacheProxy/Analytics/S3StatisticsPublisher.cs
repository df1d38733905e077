using LlmCacheProxy.Caching.S3;

namespace LlmCacheProxy.Analytics;

/// <summary>Writes the periodic analytics snapshot to <c>cache-index/global/statistics.json</c> in the shared bucket.</summary>
internal sealed class S3StatisticsPublisher(S3Store store, S3Layout layout, S3Resilience resilience, S3Options options) : IStatisticsPublisher
{
    public Task PublishAsync(ReadOnlyMemory<byte> statisticsJson, CancellationToken cancellationToken) =>
        store.PutAsync(layout.Statistics, statisticsJson.ToArray(), ifMatch: null, resilience.Background,
            TimeSpan.FromSeconds(options.WriteTimeoutSeconds), cancellationToken);
}
