using LlmCacheProxy.Telemetry;

namespace LlmCacheProxy.Hosting;

/// <summary>
/// Runs the <see cref="IShutdownFlush"/> hooks when the host stops. Registered after the caching tiers, so it stops
/// before the SQLite writer (hosted services stop in reverse registration order) and after Kestrel has drained.
/// </summary>
internal sealed class ShutdownFlushService(IEnumerable<IShutdownFlush> hooks, ILogger<ShutdownFlushService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var ordered = hooks.OrderBy(h => h.Order).ToArray();
        if (ordered.Length == 0)
        {
            return;
        }

        TelemetryLog.ShutdownFlushing(logger, ordered.Length);
        foreach (var hook in ordered)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(hook.Budget);
            try
            {
                await hook.FlushAsync(budget.Token).WaitAsync(budget.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                TelemetryLog.ShutdownFlushTimedOut(logger, hook.Name, hook.Budget.TotalSeconds);
            }
            catch (Exception e)
            {
                TelemetryLog.ShutdownFlushFailed(logger, hook.Name, e);
            }
        }
    }
}
