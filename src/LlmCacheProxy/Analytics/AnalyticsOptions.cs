namespace LlmCacheProxy.Analytics;

/// <summary>Settings under <c>Analytics</c>.</summary>
internal sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>How often the in-memory usage counters are written to <c>usage_hourly</c>.</summary>
    public int FlushIntervalMs { get; set; } = 1000;

    /// <summary>How often a statistics snapshot goes to the registered publishers (S3 statistics.json).</summary>
    public int SnapshotIntervalSeconds { get; set; } = 300;

    /// <summary>Usage older than this is deleted in the background (at start, then hourly). 0 = kept for ever.</summary>
    public int RetentionDays { get; set; } = 400;

    /// <summary>Distinct namespaces counted per hour; the rest as <c>(other)</c> (namespaces are the caller's choice).</summary>
    public int MaxNamespacesPerHour { get; set; } = 100;

    // MaxModelsPerHour lives in this section too (the name length is Cache:MaxModelLength); telemetry obeys them (Proxy's ModelLabelOptions).
}
