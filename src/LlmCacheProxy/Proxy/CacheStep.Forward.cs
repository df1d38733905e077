using System.Diagnostics;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Streaming;
using LlmCacheProxy.Endpoints;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// The cache step's forward of a miss. The answer goes to the client as it arrives while a copy is kept beside it
/// (<see cref="ResponseCapture"/>); a stream's events are parsed from that same copy. A complete 200 answer the module
/// calls storable is stored: a JSON body, or a stream the module judges complete that fitted in
/// <c>Cache:MaxEntryBytes</c> while the client stayed to the end. With a stale-if-error candidate the answer is held
/// back (see <see cref="StaleIfError"/>) until it is known not to be an error.
/// </summary>
internal sealed partial class CacheStep
{
    private async Task<FlightOutcome> ForwardAsync(CacheRequest request, Func<Task> next)
    {
        var context = request.Context;
        var key = request.Key!;
        var requestedAt = time.GetUtcNow();
        var response = context.Response;
        response.Headers[CacheHeaders.Cache] = CacheOutcome.Miss.ToHeaderValue();
        var original = response.Body;
        using var held = request.Stale is null ? null : new MemoryStream();
        var rewrite = request.Decision is { Store: true } ? request.Endpoint.RewriteForward(request.Body, key, ForwardSettingsOf(context)) : null;
        var client = rewrite?.ClientFilter(response, held ?? original);
        using var capture = new ResponseCapture(client ?? held ?? (Stream)original, _maxEntryBytes);
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
            if (client is not null && !context.RequestAborted.IsCancellationRequested)
            {
                await client.DisposeAsync();
            }
        }
        finally
        {
            response.Body = original;
            UpstreamActivity.Stop(upstream, response.StatusCode, context.Features.Get<IForwarderErrorFeature>() is not null);
        }

        if (held is not null && request.Stale is { } candidate)
        {
            if (StaleIfError.ShouldServeStale(context))
            {
                StaleIfError.ResetResponse(context);
                await ServeEntryAsync(request, candidate.Entry, CacheOutcome.Stale, candidate.Tier);
                return new FlightOutcome(candidate.Entry, null);
            }

            held.Position = 0;
            await held.CopyToAsync(original, context.RequestAborted);
        }

        long latencyMs = (long)Stopwatch.GetElapsedTime(request.Started).TotalMilliseconds;
        long firstByteMs = capture.FirstWriteTimestamp == 0 ? latencyMs
            : (long)Stopwatch.GetElapsedTime(request.Started, capture.FirstWriteTimestamp).TotalMilliseconds;
        bool complete = context.Features.Get<IForwarderErrorFeature>() is null && !context.RequestAborted.IsCancellationRequested;
        string contentType = response.ContentType ?? "";
        CacheEntry? entry = null;
        if (complete && request.Decision is { Store: true } && response.StatusCode == StatusCodes.Status200OK && !capture.Overflowed &&
            string.IsNullOrEmpty(response.Headers.ContentEncoding))
        {
            entry = sse is not null && IsEventStream(contentType)
                ? CreateStreamEntry(request, sse, requestedAt, latencyMs)
                : contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                    ? CreateJsonEntry(request, capture.ToArray(), contentType, requestedAt, latencyMs, firstByteMs)
                    : null;
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

        return FlightOutcome.Retry;
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
        sse is not null && IsEventStream(contentType) && endpoint.Judge(sse) == StreamVerdict.Truncated;

    /// <summary>A leader's unstored answer can be handed to a waiter unless it is an event stream and the waiter wants JSON.</summary>
    private static bool CanHandOver(CachedResponse response, bool stream) => stream || !IsEventStream(response.ContentType);
}
