using System.Diagnostics;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints;
using Yarp.ReverseProxy.Forwarder;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// The forward of a split request's missing units: the module's body for those units alone goes upstream, upstream's
/// answer is held (the client's answer is merged from entries, so nothing of it reaches the client as it comes), split
/// into one entry per unit and stored. Each entry's latency is its share of the call's. Upstream's headers are dropped
/// with its answer; a failure keeps them, to be passed on.
/// </summary>
internal sealed partial class CacheStep
{
    /// <summary>Null when every asked unit got its entry (in <paramref name="found"/>), else what upstream said.</summary>
    private async Task<UnitFailure?> ForwardUnitsAsync(
        CacheRequest request, IUnitRequest units, List<int> ask, CacheEntry?[] found, UnitOutcome?[] outcomes, Func<Task> next)
    {
        var context = request.Context;
        var response = context.Response;
        response.Clear();
        byte[] body = units.UpstreamBody(ask);
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;

        var requestedAt = time.GetUtcNow();
        long started = Stopwatch.GetTimestamp();
        var original = response.Body;
        using var held = new MemoryStream();
        response.Body = held;
        var upstream = UpstreamActivity.Start(request.Model, request.Route);
        try
        {
            await next();
        }
        finally
        {
            response.Body = original;
            UpstreamActivity.Stop(upstream, response.StatusCode, context.Features.Get<IForwarderErrorFeature>() is not null);
        }

        bool transport = context.Features.Get<IForwarderErrorFeature>() is not null;
        var answer = held.GetBuffer().AsMemory(0, (int)held.Length);
        if (transport || context.RequestAborted.IsCancellationRequested || response.StatusCode != StatusCodes.Status200OK ||
            response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true ||
            !string.IsNullOrEmpty(response.Headers.ContentEncoding) ||
            !units.TrySplitAnswer(answer, ask, out var answers) || answers.Count != ask.Count)
        {
            return new UnitFailure(transport, response.StatusCode, transport ? [] : answer.ToArray());
        }

        long share = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds / ask.Count;
        bool store = request.Decision is { Store: true };
        for (int i = 0; i < ask.Count; i++)
        {
            int u = ask[i];
            var entry = entries.Create(request, units.Units[u], units.UpstreamBody([u]), answers[i].Response, answers[i].Tokens, answers[i].UpstreamCost,
                requestedAt, share, share);
            bool stored = store && entry.EstimatedSize <= _maxEntryBytes;
            if (stored)
            {
                cache.Set(entry);
            }

            found[u] = entry;
            outcomes[u] = new UnitOutcome(CacheOutcome.Miss, null, stored ? entry : null);
        }

        // The client's answer is made from the entries: upstream's headers (its length among them) are not its headers.
        response.Clear();
        return null;
    }
}
