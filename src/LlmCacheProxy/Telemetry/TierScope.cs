using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Telemetry;

/// <summary>One tier call: a histogram record on dispose (once), and a child span of the current request.</summary>
internal sealed class TierScope : ICacheTierScope
{
    private readonly Histogram<double> _duration;
    private readonly string _tier;
    private readonly string _operation;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Activity? _activity;
    private int _disposed;

    public TierScope(Histogram<double> duration, string tier, string operation)
    {
        _duration = duration;
        _tier = tier;
        _operation = operation;
        // The name is only built when someone listens (StartActivity would return null anyway).
        _activity = CacheTelemetry.Source.HasListeners()
            ? CacheTelemetry.Source.StartActivity($"cache {operation} {tier}", ActivityKind.Internal)
            : null;
        _activity?.SetTag("llmcache.tier", tier);
        _activity?.SetTag("llmcache.op", operation);
    }

    public void Found() => _activity?.SetTag("llmcache.found", true);

    public void Failed(Exception exception)
    {
        _activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _duration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds,
            KeyValuePair.Create<string, object?>("tier", _tier), KeyValuePair.Create<string, object?>("op", _operation));
        _activity?.Dispose();
    }
}
