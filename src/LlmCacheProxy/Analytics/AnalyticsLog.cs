using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.Analytics;

/// <summary>Analytics logs: event ids 1400-1449 (1450+ is Pricing).</summary>
internal static partial class AnalyticsLog
{
    [LoggerMessage(1400, LogLevel.Warning, "SQLite write queue full: {Rows} usage rows dropped")]
    public static partial void UsageDropped(ILogger logger, int rows);

    [LoggerMessage(1401, LogLevel.Warning, "Statistics snapshot to {Publisher} failed")]
    public static partial void SnapshotFailed(ILogger logger, string publisher, Exception exception);

    [LoggerMessage(1402, LogLevel.Error, "Analytics query failed")]
    public static partial void QueryFailed(ILogger logger, Exception exception);
}
