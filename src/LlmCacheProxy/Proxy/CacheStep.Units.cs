using System.Diagnostics;
using System.Globalization;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints;
using Microsoft.Net.Http.Headers;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// The cache step's flow for a split request (<see cref="IUnitEndpoint"/>): every unit is looked up on its own; the
/// missing ones are fetched once per key across requests (single flight: this request leads the units nobody fetches,
/// forwards them in one upstream request, and waits for the units another request fetches; what those waits did not give
/// is forwarded in a second request); each fetched unit is stored as its own entry; the client's answer is merged from
/// every unit's entry. <c>X-Cache</c>: HIT when no unit went upstream for this request, MISS when all did, PARTIAL
/// otherwise, with <c>X-Cache-Hits: k/n</c> (k of the client's n items answered from cache). An upstream failure is
/// passed on as it came, unless every unit it left without an answer has a stale-if-error candidate. Forwarding:
/// CacheStep.UnitForward.cs.
/// </summary>
internal sealed partial class CacheStep
{
    private async Task UnitsAsync(CacheRequest request, IUnitRequest units, Func<Task> next)
    {
        int count = units.Units.Count;
        var found = new CacheEntry?[count];
        var outcomes = new UnitOutcome?[count];
        var stale = new CacheHit?[count];
        for (int u = 0; u < count; u++)
        {
            var lookup = await LookupAsync(request, _staleWindow, hash: units.Units[u].Hash);
            if (lookup.Hit is { } hit)
            {
                found[u] = hit.Entry;
                outcomes[u] = new UnitOutcome(CacheOutcome.Hit, hit.Tier, hit.Entry);
            }
            else
            {
                stale[u] = lookup.Stale;
            }
        }

        var missing = Enumerable.Range(0, count).Where(u => found[u] is null).ToList();
        if (missing.Count > 0)
        {
            if (await RefusedUpstreamAsync(request))
            {
                return;
            }

            var failure = await FetchUnitsAsync(request, units, missing, found, outcomes, next);
            if (failure is not null && !TryServeStale(request, failure, found, outcomes, stale))
            {
                await PassOnAsync(request, failure);
                return;
            }
        }

        await WriteUnitsAsync(request, units, found!, outcomes!);
    }

    /// <summary>Fetches the missing units once per key; null when every one got an entry, else the failed forward.</summary>
    private async Task<UnitFailure?> FetchUnitsAsync(
        CacheRequest request, IUnitRequest units, List<int> missing, CacheEntry?[] found, UnitOutcome?[] outcomes, Func<Task> next)
    {
        var led = new List<(int Unit, SingleFlight.Flight Flight)>();
        var waited = new List<(int Unit, SingleFlight.Flight Flight)>();
        foreach (int u in missing)
        {
            var flight = flights.Join(units.Units[u].Hash, out bool isLeader);
            (isLeader ? led : waited).Add((u, flight));
        }

        UnitFailure? failure = null;
        try
        {
            var ask = new List<int>();
            foreach (var (u, _) in led)
            {
                // A leader that lost the race with a just-finished flight finds the entry in the first tier.
                var late = await LookupAsync(request, TimeSpan.Zero, firstTierOnly: true, hash: units.Units[u].Hash);
                if (late.Hit is { } hit)
                {
                    found[u] = hit.Entry;
                    outcomes[u] = new UnitOutcome(CacheOutcome.Hit, hit.Tier, hit.Entry);
                }
                else
                {
                    ask.Add(u);
                }
            }

            if (ask.Count > 0)
            {
                failure = await ForwardUnitsAsync(request, units, ask, found, outcomes, next);
            }
        }
        finally
        {
            foreach (var (u, flight) in led)
            {
                flights.Complete(flight, found[u] is { } entry ? new FlightOutcome(entry, null) : FlightOutcome.Retry);
            }
        }

        if (failure is not null)
        {
            return failure;
        }

        var retry = new List<int>();
        long waitStarted = Stopwatch.GetTimestamp();
        foreach (var (u, flight) in waited)
        {
            // One Cache:CoalesceWaitSeconds for all the waits together; a unit not answered in it is asked for here.
            var left = _coalesceWait - Stopwatch.GetElapsedTime(waitStarted);
            FlightOutcome outcome;
            try
            {
                outcome = left > TimeSpan.Zero
                    ? await flight.Outcome.WaitAsync(left, request.Context.RequestAborted)
                    : flight.Outcome.IsCompleted ? await flight.Outcome : FlightOutcome.Retry;
            }
            catch (TimeoutException)
            {
                ProxyLog.CoalesceWaitTimedOut(logger, units.Units[u].CacheId, _coalesceWait.TotalSeconds);
                outcome = FlightOutcome.Retry;
            }

            if (outcome.Entry is { } shared)
            {
                found[u] = shared;
                outcomes[u] = new UnitOutcome(CacheOutcome.Coalesced, null, shared);
            }
            else
            {
                retry.Add(u);
            }
        }

        // The other request got no answer for these (its upstream failed, its client left): ask for them here.
        return retry.Count > 0 ? await ForwardUnitsAsync(request, units, retry, found, outcomes, next) : null;
    }

    /// <summary>Stale-if-error for a split request: only when every unit left without an answer has a candidate.</summary>
    private static bool TryServeStale(
        CacheRequest request, UnitFailure failure, CacheEntry?[] found, UnitOutcome?[] outcomes, CacheHit?[] stale)
    {
        if (!failure.StaleEligible || request.Context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }

        for (int u = 0; u < found.Length; u++)
        {
            if (found[u] is null && stale[u] is null)
            {
                return false;
            }
        }

        for (int u = 0; u < found.Length; u++)
        {
            if (found[u] is null && stale[u] is { } candidate)
            {
                found[u] = candidate.Entry;
                outcomes[u] = new UnitOutcome(CacheOutcome.Stale, candidate.Tier, candidate.Entry);
            }
        }

        StaleIfError.ResetResponse(request.Context);
        return true;
    }

    /// <summary>The failed forward's answer goes to the client as upstream sent it (a transport failure: as the pipeline words it).</summary>
    private static async Task PassOnAsync(CacheRequest request, UnitFailure failure)
    {
        var context = request.Context;
        context.Response.Headers[CacheHeaders.Cache] = CacheOutcome.Miss.ToHeaderValue();
        if (!failure.Transport && !context.RequestAborted.IsCancellationRequested)
        {
            await context.Response.Body.WriteAsync(failure.Body, context.RequestAborted);
        }

        request.Answered(CacheOutcome.Miss, context.Response.StatusCode);
    }

    private async Task WriteUnitsAsync(CacheRequest request, IUnitRequest units, CacheEntry[] found, UnitOutcome[] outcomes)
    {
        var context = request.Context;
        var headers = context.Response.Headers;
        int items = units.Positions.Count;
        int forwarded = units.Positions.Count(u => outcomes[u].Outcome == CacheOutcome.Miss);
        var outcome = outcomes.Any(o => o.Outcome == CacheOutcome.Stale) ? CacheOutcome.Stale
            : forwarded == items ? CacheOutcome.Miss
            : forwarded > 0 ? CacheOutcome.Partial
            : outcomes.All(o => o.Outcome == CacheOutcome.Coalesced) ? CacheOutcome.Coalesced
            : CacheOutcome.Hit;
        headers[CacheHeaders.Cache] = outcome.ToHeaderValue();
        headers[CacheHeaders.Hits] = $"{items - forwarded}/{items}";
        if (units.Units.Count == 1)
        {
            headers[CacheHeaders.Key] = units.Units[0].Hash;
        }

        var tiers = outcomes.Where(o => o.Tier is not null).Select(o => o.Tier!).Distinct().OrderBy(CacheTierNames.Level).ToList();
        if (tiers.Count > 0)
        {
            headers[CacheHeaders.Tier] = string.Join(", ", tiers);
        }

        if (outcome is CacheOutcome.Hit or CacheOutcome.Coalesced or CacheOutcome.Stale)
        {
            var oldest = found.Min(e => e.CreatedAt);
            headers[HeaderNames.Age] = Math.Max(0, (long)(time.GetUtcNow() - oldest).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (outcome == CacheOutcome.Stale)
        {
            headers[HeaderNames.Warning] = StaleIfError.WarningValue;
        }

        await units.WriteAsync(context, found);
        request.Units = [.. outcomes];
        request.Answered(outcome, StatusCodes.Status200OK);
    }
}
