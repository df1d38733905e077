namespace LlmCacheProxy.Telemetry;

/// <summary>Telemetry and operations log events, ids 1500-1599.</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(1500, LogLevel.Information, "OpenTelemetry export on: metrics, traces and logs to {Endpoint} over {Protocol}")]
    public static partial void ExportEnabled(ILogger logger, string endpoint, string protocol);

    [LoggerMessage(1501, LogLevel.Information, "Shutting down: running {Count} flush hooks")]
    public static partial void ShutdownFlushing(ILogger logger, int count);

    [LoggerMessage(1502, LogLevel.Warning, "Shutdown flush {Hook} did not finish within {BudgetSeconds} s; continuing")]
    public static partial void ShutdownFlushTimedOut(ILogger logger, string hook, double budgetSeconds);

    [LoggerMessage(1503, LogLevel.Error, "Shutdown flush {Hook} failed; continuing")]
    public static partial void ShutdownFlushFailed(ILogger logger, string hook, Exception exception);
}
