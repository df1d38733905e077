using LlmCacheProxy.Proxy;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Telemetry;

/// <summary>
/// Turns every answered request into counters. Savings are counted on hits only: the entry's upstream cost
/// (<c>Cost.Total</c>, set by the pricing feature) and its upstream latency minus the time the hit took.
/// The <c>model</c> and <c>route</c> tags come from the caller, so their values are bounded (each series lives as
/// long as the process): models as analytics counts them (<see cref="ModelLabels"/>, the first
/// <c>Analytics:MaxModelsPerHour</c> names since start), routes the first <see cref="MaxRoutes"/>; the rest
/// <c>(other)</c>. Every counter also carries the endpoint (one of the
/// four module names: low-cardinality).
/// </summary>
internal sealed class CacheTelemetryObserver(CacheTelemetry telemetry, IOptions<ModelLabelOptions> labels) : ICacheObserver
{
    public const int MaxRoutes = 32;

    private readonly int _maxModelNameLength = labels.Value.MaxModelNameLength;
    private readonly BoundedLabelSet _models = new(labels.Value.MaxModelsPerHour);
    private readonly BoundedLabelSet _routes = new(MaxRoutes);

    public void OnAnswered(CacheAnswer answer)
    {
        var modelTag = KeyValuePair.Create<string, object?>("model", ModelTag(answer));
        var routeTag = KeyValuePair.Create<string, object?>("route", _routes.Admit(answer.Route, ModelLabels.Other));
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

    private string ModelTag(CacheAnswer answer)
    {
        if (string.IsNullOrEmpty(answer.Model))
        {
            return "unknown";
        }

        string label = ModelLabels.Classify(answer.Model, answer.Status, _maxModelNameLength);
        return ModelLabels.IsBucket(label) ? label : _models.Admit(label, ModelLabels.Other);
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
