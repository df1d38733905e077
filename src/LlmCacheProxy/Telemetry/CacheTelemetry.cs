using System.Diagnostics.Metrics;

namespace LlmCacheProxy.Telemetry;

/// <summary>
/// The proxy's instruments: one <see cref="Meter"/> named <c>LlmCacheProxy</c> (spans come from
/// <c>CacheDiagnostics.Source</c>, of the same name, in Caching). Tags stay low-cardinality (tier, model, outcome, route, op): never a key, a caller or a prompt.
/// The meter comes from <see cref="IMeterFactory"/> so that each host (and each test proxy) owns its own
/// instruments and observable callbacks, which end with the host.
/// </summary>
internal sealed class CacheTelemetry
{
    public const string Name = "LlmCacheProxy";

    // Seconds, as in the OpenTelemetry conventions; the SDK's default buckets are shaped for milliseconds.
    private static readonly InstrumentAdvice<double> TierBuckets = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    };

    private static readonly InstrumentAdvice<double> UpstreamBuckets = new()
    {
        HistogramBucketBoundaries = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300],
    };

    public CacheTelemetry(IMeterFactory meters)
    {
        Meter = meters.Create(Name);
        Requests = Meter.CreateCounter<long>("llmcache.requests", "{request}", "Answered requests on cacheable routes, by outcome.");
        Hits = Meter.CreateCounter<long>("llmcache.hits", "{request}", "Requests answered from a cache tier.");
        Misses = Meter.CreateCounter<long>("llmcache.misses", "{request}", "Requests forwarded upstream as a cache miss.");
        Bypasses = Meter.CreateCounter<long>("llmcache.bypasses", "{request}", "Requests forwarded without using the cache.");
        CostSaved = Meter.CreateCounter<double>("llmcache.cost_saved", "USD", "Upstream cost avoided by hits.");
        LatencySaved = Meter.CreateCounter<double>("llmcache.latency_saved", "ms", "Upstream latency avoided by hits.");
        TierDuration = Meter.CreateHistogram("llmcache.tier.duration", "s", "Duration of one cache tier call.", tags: null, TierBuckets);
        UpstreamDuration = Meter.CreateHistogram("llmcache.upstream.duration", "s", "Duration of a cache miss answered by the upstream.", tags: null, UpstreamBuckets);
        TierErrors = Meter.CreateCounter<long>("llmcache.tier.errors", "{error}", "Cache tier calls that threw (served as misses).");
    }

    public Meter Meter { get; }

    public Counter<long> Requests { get; }

    public Counter<long> Hits { get; }

    public Counter<long> Misses { get; }

    public Counter<long> Bypasses { get; }

    public Counter<double> CostSaved { get; }

    public Counter<double> LatencySaved { get; }

    public Histogram<double> TierDuration { get; }

    public Histogram<double> UpstreamDuration { get; }

    public Counter<long> TierErrors { get; }
}
