namespace LlmCacheProxy.Hosting;

/// <summary>
/// Hosting log events. The start-up summary, ids 1510-1529 (inside the operations block): what an operator needs to
/// know the instance is wired the way they meant; addresses without user info or query, keys and tokens never. The
/// lifecycle, ids 1800-1899.
/// </summary>
internal static partial class HostingLog
{
    [LoggerMessage(1510, LogLevel.Information, "Listening on {Addresses}")]
    public static partial void Listening(ILogger logger, string addresses);

    [LoggerMessage(1511, LogLevel.Information, "Upstream {Upstreams}")]
    public static partial void Upstream(ILogger logger, string upstreams);

    [LoggerMessage(1512, LogLevel.Information, "Proxy:Upstream {Configured} ends in /v1; forwarding to {Used} (requests keep their own /v1/... path)")]
    public static partial void UpstreamVersionDropped(ILogger logger, string configured, string used);

    [LoggerMessage(1513, LogLevel.Information, "Credentials: {Mode}")]
    public static partial void Credentials(ILogger logger, string mode);

    [LoggerMessage(1514, LogLevel.Information, "Cache tiers: {Tiers}")]
    public static partial void Tiers(ILogger logger, string tiers);

    [LoggerMessage(1515, LogLevel.Information, "Admin API: {State}")]
    public static partial void Admin(ILogger logger, string state);

    [LoggerMessage(1516, LogLevel.Information, "Prices: {Count} models from {Path}, {Reload}")]
    public static partial void Prices(ILogger logger, int count, string path, string reload);

    [LoggerMessage(1517, LogLevel.Information, "Metrics: {Metrics}")]
    public static partial void Metrics(ILogger logger, string metrics);

    [LoggerMessage(1800, LogLevel.Warning, "Shutdown: the S3 outbox was not empty after {BudgetSeconds} s; the rest is sent after the next start")]
    public static partial void OutboxDrainTimedOut(ILogger logger, double budgetSeconds);

    [LoggerMessage(1801, LogLevel.Error, "Shutdown: the S3 outbox drain failed; its rows are sent after the next start")]
    public static partial void OutboxDrainFailed(ILogger logger, Exception exception);
}
