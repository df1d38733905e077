namespace LlmCacheProxy.Hosting;

/// <summary>Hosting log events, ids 1800-1899.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(1800, LogLevel.Warning, "Shutdown: the S3 outbox was not empty after {BudgetSeconds} s; the rest is sent after the next start")]
    public static partial void OutboxDrainTimedOut(ILogger logger, double budgetSeconds);

    [LoggerMessage(1801, LogLevel.Error, "Shutdown: the S3 outbox drain failed; its rows are sent after the next start")]
    public static partial void OutboxDrainFailed(ILogger logger, Exception exception);
}
