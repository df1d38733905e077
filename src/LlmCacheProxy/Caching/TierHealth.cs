using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmCacheProxy.Caching;

/// <summary>
/// Listens to <see cref="TieredCache.TierFailed"/>: logs each failure and keeps the last one per tier, which the
/// <c>tiers</c> readiness check reports (degraded for <see cref="Window"/> after a failure: served as misses, so the
/// instance stays ready). Resolved at start by the lifecycle, so no failure goes unlogged.
/// </summary>
internal sealed class TierHealth : IHealthCheck
{
    public const string Name = "tiers";
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, TierFailure> _last = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger<TierHealth> _logger;

    public TierHealth(TieredCache cache, TimeProvider time, ILogger<TierHealth> logger)
    {
        _time = time;
        _logger = logger;
        cache.TierFailed += OnFailed;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var recent = _last.Values.Where(f => now - f.At < Window).OrderBy(f => f.Tier, StringComparer.Ordinal).ToArray();
        if (recent.Length == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No tier failed in the last 30 s."));
        }

        var data = recent.ToDictionary(f => f.Tier, f => (object)$"{f.Operation}: {f.Exception.GetType().Name} at {f.At:o}");
        return Task.FromResult(HealthCheckResult.Degraded(
            $"Tier calls failed in the last 30 s ({string.Join(", ", recent.Select(f => f.Tier))}); served as misses.", data: data));
    }

    private void OnFailed(TierFailure failure)
    {
        _last[failure.Tier] = failure;
        CachingLog.TierFailed(_logger, failure.Tier, failure.Operation, failure.Exception);
    }
}
