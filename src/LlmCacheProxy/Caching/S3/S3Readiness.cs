using LlmCacheProxy.Hosting;

namespace LlmCacheProxy.Caching.S3;

/// <summary>S3 is optional for serving: when it fails the proxy is degraded (slower L3, uploads queued), never down.</summary>
internal sealed class S3Readiness(S3Resilience resilience) : IReadinessCheck
{
    public string Name => "s3";

    public ReadinessStatus Check() => resilience.IsDegraded ? ReadinessStatus.Degraded : ReadinessStatus.Ok;
}
