namespace LlmCacheProxy.Analytics;

/// <summary>
/// Receives the periodic statistics snapshot (the analytics JSON for the last 7 days, by day). The S3 feature
/// registers one that writes <c>cache-index/global/statistics.json</c>; with none registered, no snapshot is made.
/// </summary>
internal interface IStatisticsPublisher
{
    Task PublishAsync(ReadOnlyMemory<byte> statisticsJson, CancellationToken cancellationToken);
}
