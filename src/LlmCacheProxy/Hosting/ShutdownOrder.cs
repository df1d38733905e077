namespace LlmCacheProxy.Hosting;

/// <summary>
/// The shutdown sequence (SIGTERM, Ctrl+C, <c>docker stop</c>), bounded as a whole by <c>Shutdown:TimeoutSeconds</c>:
/// <list type="number">
/// <item>Kestrel stops accepting and drains in-flight requests (the web server stops first: it starts last).</item>
/// <item>Feature background services registered after the caching tiers stop (reverse registration order); the
/// usage recorder hands its last counters to the SQLite writer in its own <c>StopAsync</c>.</item>
/// <item><see cref="IShutdownFlush"/> hooks, by <see cref="IShutdownFlush.Order"/>: a bounded, best-effort S3 outbox
/// drain (rows left behind are sent after the next start).</item>
/// <item>The SQLite writer commits everything queued and closes (it is registered first, so it stops last).</item>
/// <item>The container is disposed: the telemetry providers export their last batch.</item>
/// </list>
/// </summary>
internal static class ShutdownOrder
{
    /// <summary>S3 outbox: a last upload attempt of the committed rows.</summary>
    public const int S3Outbox = 200;
}
