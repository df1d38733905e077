using System.Diagnostics;
using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Proxy;

/// <summary>The end of every cacheable request: its answer (or, for a split request, each unit's) goes to the observers once.</summary>
internal sealed partial class CacheStep
{
    /// <summary>Tells every observer once, and counts the hit where the tiers keep hit counts.</summary>
    private void Observe(CacheRequest request)
    {
        var elapsed = Stopwatch.GetElapsedTime(request.Started);
        if (request.Units is { } units)
        {
            foreach (var unit in units)
            {
                Observe(request, unit.Outcome, unit.Tier, unit.Entry, elapsed);
            }

            return;
        }

        Observe(request, request.Outcome!.Value, request.Tier, request.Entry, elapsed);
    }

    private void Observe(CacheRequest request, CacheOutcome outcome, string? tier, CacheEntry? entry, TimeSpan elapsed)
    {
        if (outcome is CacheOutcome.Hit or CacheOutcome.Coalesced or CacheOutcome.Stale && entry is { } served)
        {
            cache.RecordHit(served.CacheKey);
        }

        if (_observers.Length == 0)
        {
            return;
        }

        var answer = new CacheAnswer(outcome, tier, entry?.Model ?? request.Model, request.Namespace, request.Route,
            request.Endpoint.Name, request.Status, entry, elapsed);
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnAnswered(answer);
            }
            catch (Exception e)
            {
                ProxyLog.ObserverFailed(logger, observer.GetType().Name, e);
            }
        }
    }
}
