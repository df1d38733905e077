using System.Diagnostics;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Streaming;
using LlmCacheProxy.Endpoints;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// The cache step's forward of a miss. The answer goes to the client as it arrives while a copy is kept beside it
/// (<see cref="ResponseCapture"/>, which lets upstream's answer complete at upstream's pace whatever the client's);
/// a stream's events are parsed from that same copy. A complete 200 answer the module
/// calls storable is stored: a JSON body, or a stream the module judges complete that fitted in
/// <c>Cache:MaxEntryBytes</c> while the client stayed to the end. With a stale-if-error candidate the answer is held
/// back (see <see cref="StaleIfError"/>) until it is known not to be an error.
/// </summary>
internal sealed partial class CacheStep
{
    /// <param name="settle">
    /// Told the outcome as soon as it is known (upstream's answer complete, or too large to keep), before this client
    /// has read it all: coalesced waiters do not wait on a slow reader. Null when nobody waits on this forward.
    /// </param>
    private async Task<FlightOutcome> ForwardAsync(CacheRequest request, Func<Task> next, Action<FlightOutcome>? settle = null)
    {
        var context = request.Context;
        var key = request.Key!;
        var requestedAt = time.GetUtcNow();
        var response = context.Response;
        response.Headers[CacheHeaders.Cache] = CacheOutcome.Miss.ToHeaderValue();
        var original = response.Body;
        using var held = request.Stale is null ? null : new MemoryStream();
        var rewrite = request.Decision is { Store: true } ? request.Endpoint.RewriteForward(request.Body, key, ForwardSettingsOf(context)) : null;
        // The client's bytes may pass a module's filter (a chat stream loses the usage it did not ask for); the capture
        // keeps upstream's own bytes for the entry.
        var client = rewrite?.ClientFilter(response, held ?? original);
        var target = client ?? held ?? (Stream)original;
        await using var capture = held is null
            ? new ResponseCapture(target, _maxEntryBytes, () => response.StartAsync(context.RequestAborted))
            : new ResponseCapture(target, _maxEntryBytes);
        if (settle is not null)
        {
            capture.OnOverflow = () => settle(FlightOutcome.TooLarge);
        }

        if (rewrite is not null)
        {
            context.Request.Body = new MemoryStream(rewrite.Body, writable: false);
            context.Request.ContentLength = rewrite.Body.Length;
        }

        response.Body = capture;
        var sse = WatchStream(key.Stream, capture);
        var upstream = UpstreamActivity.Start(key.Model, request.Route);
        try
        {
            await next();
        }
        finally
        {
            response.Body = original;
            UpstreamActivity.Stop(upstream, response.StatusCode, context.Features.Get<IForwarderErrorFeature>() is not null);
        }

        if (held is not null && request.Stale is { } candidate)
        {
            await DrainAsync(capture, client, context);
            // The candidate must render before the held answer is dropped for it (the held one is all there is then).
            if (StaleIfError.ShouldServeStale(context) && request.Endpoint.IsReplayable(candidate.Entry.Response))
            {
                StaleIfError.ResetResponse(context);
                if (!await ServeEntryAsync(request, candidate.Entry, CacheOutcome.Stale, candidate.Tier))
                {
                    await OpenAiError.WriteAsync(context, StatusCodes.Status502BadGateway,
                        "Upstream failed and the stale cached answer could not be served.", "server_error", "upstream_error");
                    request.Answered(CacheOutcome.Miss, StatusCodes.Status502BadGateway);
                    return FlightOutcome.Retry;
                }

                return new FlightOutcome(candidate.Entry, null);
            }

            held.Position = 0;
            await held.CopyToAsync(original, context.RequestAborted);
        }

        var outcome = Conclude(request, capture, sse, requestedAt);
        settle?.Invoke(outcome);
        await DrainAsync(capture, client, context);
        return outcome;
    }

    /// <summary>
    /// Everything queued for the client has been written, through the module's filter when there is one, which then
    /// writes what it still holds (the end of the last event). Safe to call twice: the filter keeps nothing after the first.
    /// </summary>
    private static async Task DrainAsync(ResponseCapture capture, Stream? client, HttpContext context)
    {
        await capture.DrainAsync();
        if (client is not null && !context.RequestAborted.IsCancellationRequested)
        {
            await client.DisposeAsync(); // the filter writes the part of an event it still holds; a second call writes nothing
        }
    }

    /// <summary>What upstream's answer is, once the forward ended: an entry (stored here), an answer to hand over, or neither.</summary>
    private FlightOutcome Conclude(CacheRequest request, ResponseCapture capture, SseEventParser? sse, DateTimeOffset requestedAt)
    {
        var context = request.Context;
        var response = context.Response;
        long latencyMs = (long)Stopwatch.GetElapsedTime(request.Started).TotalMilliseconds;
        long firstByteMs = capture.FirstWriteTimestamp == 0 ? latencyMs
            : (long)Stopwatch.GetElapsedTime(request.Started, capture.FirstWriteTimestamp).TotalMilliseconds;
        bool complete = context.Features.Get<IForwarderErrorFeature>() is null && !context.RequestAborted.IsCancellationRequested;
        string contentType = response.ContentType ?? "";
        CacheEntry? entry = null;
        if (complete && request.Decision is { Store: true } && response.StatusCode == StatusCodes.Status200OK && !capture.Overflowed &&
            string.IsNullOrEmpty(response.Headers.ContentEncoding))
        {
            entry = sse is not null && MediaTypes.IsEventStream(contentType)
                ? CreateStreamEntry(request, sse, requestedAt, latencyMs)
                : MediaTypes.IsJson(contentType)
                    ? CreateJsonEntry(request, capture.ToArray(), contentType, requestedAt, latencyMs, firstByteMs)
                    : null;
            if (entry is not null && !request.Endpoint.IsReplayable(entry.Response))
            {
                // One entry answers both kinds of client: one that cannot be served the other way is not stored.
                ProxyLog.NotReplayable(logger, entry.CacheId);
                entry = null;
            }

            if (entry is not null)
            {
                cache.Set(entry);
            }
        }

        request.Answered(CacheOutcome.Miss, response.StatusCode, entry);
        if (entry is not null)
        {
            return new FlightOutcome(entry, null);
        }

        if (complete && !capture.Overflowed && !IsTruncatedStream(request.Endpoint, sse, contentType))
        {
            return new FlightOutcome(null, new CachedResponse
            {
                Status = response.StatusCode,
                ContentType = string.IsNullOrEmpty(contentType) ? "application/json" : contentType,
                Body = capture.ToArray(),
            });
        }

        return capture.Overflowed ? FlightOutcome.TooLarge : FlightOutcome.Retry;
    }

    /// <summary>For a stream request, parses what goes to the client as it goes.</summary>
    private SseEventParser? WatchStream(bool stream, ResponseCapture capture)
    {
        if (!stream)
        {
            return null;
        }

        var parser = new SseEventParser(_maxEntryBytes);
        capture.OnWrite = data => parser.Feed(data.Span);
        return parser;
    }

    private CacheEntry? CreateJsonEntry(
        CacheRequest request, byte[] body, string contentType, DateTimeOffset requestedAt, long latencyMs, long firstByteMs)
    {
        if (!request.Endpoint.TryReadAnswer(body, out var tokens, out decimal? upstreamCost))
        {
            return null;
        }

        var response = new CachedResponse { Status = 200, ContentType = contentType, Body = body };
        return entries.Create(request, response, tokens, upstreamCost, requestedAt, latencyMs, firstByteMs);
    }

    private CacheEntry? CreateStreamEntry(CacheRequest request, SseEventParser sse, DateTimeOffset requestedAt, long latencyMs)
    {
        if (request.Endpoint.Judge(sse) != StreamVerdict.Complete || sse.Overflowed || sse.Events.Count == 0)
        {
            StreamingLog.StreamNotStored(logger, request.Key!.CacheId, sse.Done, sse.Error, sse.Overflowed);
            return null;
        }

        long firstEventMs = (long)Stopwatch.GetElapsedTime(request.Started, sse.FirstEventTimestamp).TotalMilliseconds;
        var response = new CachedResponse { Status = 200, ContentType = SseReplayWriter.ContentType, Events = sse.Events };
        var (tokens, upstreamCost) = request.Endpoint.ReadStreamUsage(sse.Events, request.Key!);
        return entries.Create(request, response, tokens, upstreamCost, requestedAt, latencyMs, firstEventMs);
    }

    private ForwardSettings ForwardSettingsOf(HttpContext context) =>
        new(_requestStreamUsage && !RouteTurnsOff(context, "LlmCache.RequestStreamUsage"));

    private static bool IsEventStream(string? contentType) =>
        contentType is not null && contentType.StartsWith(SseReplayWriter.ContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A stream that stopped before its end without saying why is no answer: waiters retry (FlightOutcome rule). A
    /// stream that ended on an error event is upstream's answer, passed on as it was.
    /// </summary>
    private static bool IsTruncatedStream(ICacheableEndpoint endpoint, SseEventParser? sse, string contentType) =>
        sse is not null && MediaTypes.IsEventStream(contentType) && endpoint.Judge(sse) == StreamVerdict.Truncated;

    /// <summary>A leader's unstored answer can be handed to a waiter unless it is an event stream and the waiter wants JSON.</summary>
    private static bool CanHandOver(CachedResponse response, bool stream) => stream || !MediaTypes.IsEventStream(response.ContentType);
}
