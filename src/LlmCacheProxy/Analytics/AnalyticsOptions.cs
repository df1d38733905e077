namespace LlmCacheProxy.Analytics;

/// <summary>Settings under <c>Analytics</c>.</summary>
internal sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>How often the in-memory usage counters are written to <c>usage_hourly</c>.</summary>
    public int FlushIntervalMs { get; set; } = 1000;

    /// <summary>How often a statistics snapshot goes to the registered publishers (S3 statistics.json).</summary>
    public int SnapshotIntervalSeconds { get; set; } = 300;
}
