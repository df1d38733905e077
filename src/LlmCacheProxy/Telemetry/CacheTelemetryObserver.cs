using LlmCacheProxy.Proxy;

namespace LlmCacheProxy.Telemetry;

/// <summary>
/// Turns every answered request into counters. Savings are counted on hits only: the entry's upstream cost
/// (<c>Cost.Total</c>, set by the pricing feature) and its upstream latency minus the time the hit took. Every counter
/// carries the endpoint (one of the four module names: low-cardinality).
/// </summary>
internal sealed class CacheTelemetryObserver(CacheTelemetry telemetry) : ICacheObserver
{
    public void OnAnswered(CacheAnswer answer)
    {
        string model = string.IsNullOrEmpty(answer.Model) ? "unknown" : answer.Model;
        var modelTag = KeyValuePair.Create<string, object?>("model", model);
        var routeTag = KeyValuePair.Create<string, object?>("route", answer.Route);
        var endpointTag = KeyValuePair.Create<string, object?>("endpoint", answer.Endpoint);
        telemetry.Requests.Add(1, modelTag, routeTag, endpointTag, KeyValuePair.Create<string, object?>("outcome", Outcome(answer.Outcome)));
        switch (answer.Outcome)
        {
            case CacheOutcome.Hit:
                telemetry.Hits.Add(1, modelTag, routeTag, endpointTag, KeyValuePair.Create<string, object?>("tier", answer.Tier ?? "unknown"));
                if (answer.Entry is { } entry)
                {
                    if (entry.Cost is { } cost)
                    {
                        telemetry.CostSaved.Add((double)cost.Total, modelTag, endpointTag);
                    }

                    double saved = entry.LatencyMs - answer.Elapsed.TotalMilliseconds;
                    if (saved > 0)
                    {
                        telemetry.LatencySaved.Add(saved, modelTag, endpointTag);
                    }
                }

                break;
            case CacheOutcome.Miss:
                telemetry.Misses.Add(1, modelTag, routeTag, endpointTag);
                // The proxy's time on a miss is the upstream call plus a lookup that is small beside it.
                telemetry.UpstreamDuration.Record(answer.Elapsed.TotalSeconds, modelTag, endpointTag,
                    KeyValuePair.Create<string, object?>("status", answer.Status));
                break;
            case CacheOutcome.Bypass:
                telemetry.Bypasses.Add(1, modelTag, routeTag, endpointTag);
                break;
        }
    }

    private static string Outcome(CacheOutcome outcome) => outcome switch
    {
        CacheOutcome.Hit => "hit",
        CacheOutcome.Miss => "miss",
        CacheOutcome.Bypass => "bypass",
        CacheOutcome.Coalesced => "coalesced",
        CacheOutcome.Stale => "stale",
        _ => "other",
    };
}
