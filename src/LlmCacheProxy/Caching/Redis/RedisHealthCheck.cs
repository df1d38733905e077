using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// Redis is optional for serving: when it fails the proxy is degraded (lookups miss, writes are dropped, no fleet
/// lease), never down. A PING through the breaker, unless the circuit is open: readiness probes also notice recovery.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection connection, RedisResilience resilience, RedisWriter writer, RedisBackplane backplane)
    : IHealthCheck
{
    public const string Name = "redis";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["connected"] = connection.IsConnected,
            ["circuit"] = resilience.State.ToString(),
            ["pending_writes"] = writer.Pending,
            ["dropped_writes"] = writer.Dropped,
            ["messages_received"] = backplane.Received,
        };
        if (!resilience.IsUnavailable)
        {
            try
            {
                var db = connection.Database;
                await resilience.RunAsync(() => db.PingAsync(), cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy("Redis answers.", data);
            }
            catch (Exception e) when (RedisResilience.IsFailure(e))
            {
                data["error"] = e.GetType().Name;
            }
        }

        return HealthCheckResult.Degraded(
            "Redis is unreachable or failing (circuit open or recent errors): lookups skip it, writes are dropped, no fleet lease.",
            data: data);
    }
}
