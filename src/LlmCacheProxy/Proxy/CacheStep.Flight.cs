using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// A miss, once per key (single flight): the leader forwards; a waiter is served the leader's entry or its unstorable
/// answer, retries when there was no answer, and goes upstream itself after <c>Cache:CoalesceWaitSeconds</c> or when
/// the answer is too large to keep. With a fleet (Redis), the local leader first takes the fleet's turn, so a cold key
/// costs one upstream call for every instance.
/// </summary>
internal sealed partial class CacheStep
{
    private async Task MissAsync(CacheRequest request, Func<Task> next)
    {
        var key = request.Key!;
        for (int attempt = 0; ; attempt++)
        {
            var flight = flights.Join(key.Hash, out bool isLeader);
            if (!isLeader && attempt < MaxRetries)
            {
                FlightOutcome outcome;
                try
                {
                    outcome = await flight.Outcome.WaitAsync(_coalesceWait, request.Context.RequestAborted);
                }
                catch (TimeoutException)
                {
                    ProxyLog.CoalesceWaitTimedOut(logger, key.CacheId, _coalesceWait.TotalSeconds);
                    await ForwardAsync(request, next);
                    return;
                }

                if (outcome.ForwardAlone)
                {
                    await ForwardAsync(request, next);
                    return;
                }

                if (outcome.Entry is { } shared)
                {
                    if (await ServeEntryAsync(request, shared, CacheOutcome.Coalesced, tier: null))
                    {
                        return;
                    }

                    continue;
                }

                if (outcome.Response is { } response && CanHandOver(response, key.Stream))
                {
                    request.Context.Response.Headers[CacheHeaders.Cache] = CacheOutcome.Coalesced.ToHeaderValue();
                    if (await request.Endpoint.TryWriteAsync(request.Context, response, key))
                    {
                        request.Answered(CacheOutcome.Coalesced, response.Status);
                        return;
                    }
                }

                continue;
            }

            if (!isLeader)
            {
                // Leaders kept failing: answer this caller alone rather than wait for ever.
                await ForwardAsync(request, next);
                return;
            }

            var result = FlightOutcome.Retry;
            try
            {
                // A leader that lost the race with a just-finished flight finds the entry here. The first tier is
                // enough (a finished flight stored it there synchronously) and spares every miss a second SQLite read.
                var late = await LookupAsync(request, TimeSpan.Zero, firstTierOnly: true);
                if (late.Hit is { } hit && await ServeEntryAsync(request, hit.Entry, CacheOutcome.Hit, hit.Tier))
                {
                    result = new FlightOutcome(hit.Entry, null);
                    return;
                }

                // The fleet's turn (other instances): lead, or serve what their leader stored. Disposed after the store.
                await using var turn = await flights.LeadAsync(key.Hash, FleetLookup(request), request.Context.RequestAborted);
                if (turn.Shared is { } fleetShared && await ServeEntryAsync(request, fleetShared.Entry, CacheOutcome.Coalesced, fleetShared.Tier))
                {
                    result = new FlightOutcome(fleetShared.Entry, null);
                    return;
                }

                // The flight is settled as soon as upstream's answer is known, before the leader's own client has
                // read it all; the finally only covers a forward that ended without settling (it threw).
                result = await ForwardAsync(request, next, settled => flights.Complete(flight, settled));
            }
            finally
            {
                flights.Complete(flight, result);
            }

            return;
        }
    }

    /// <summary>How a fleet waiter finds the entry another instance stored: the request's own lookup (max-age holds).</summary>
    private Func<CancellationToken, ValueTask<CacheHit?>>? FleetLookup(CacheRequest request) =>
        request.Decision is { Lookup: false } ? null : async _ => (await LookupAsync(request, TimeSpan.Zero)).Hit;
}
