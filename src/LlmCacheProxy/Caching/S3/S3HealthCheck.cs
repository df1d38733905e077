using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmCacheProxy.Caching.S3;

/// <summary>S3 is optional for serving: when it fails the proxy is degraded (slower L3, uploads queued), never down.</summary>
internal sealed class S3HealthCheck(S3Resilience resilience) : IHealthCheck
{
    public const string Name = "s3";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(resilience.IsDegraded
            ? HealthCheckResult.Degraded("S3 calls are failing (circuit open or recent errors): lookups miss, uploads wait in the outbox.")
            : HealthCheckResult.Healthy("S3 answers."));
}
