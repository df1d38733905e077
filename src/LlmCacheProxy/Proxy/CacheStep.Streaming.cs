using System.Diagnostics;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Proxy.Streaming;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// The cache step's stream handling (issue 4): a stream miss is passed to the client chunk by chunk while
/// its events are parsed beside the copy; it is stored only when it ended with <c>data: [DONE]</c>, had no
/// error event, fitted in <c>Cache:MaxEntryBytes</c> and the client stayed to the end.
/// </summary>
internal sealed partial class CacheStep
{
    /// <summary>For a stream request, parses what goes to the client as it goes.</summary>
    private SseEventParser? WatchStream(CacheKey key, ResponseCapture capture)
    {
        if (!key.Stream)
        {
            return null;
        }

        var parser = new SseEventParser(_maxEntryBytes);
        capture.OnWrite = data => parser.Feed(data.Span);
        return parser;
    }

    private CacheEntry? CreateStreamEntry(
        SseEventParser sse, CacheKey key, string ns, string route, string provider,
        DateTimeOffset requestedAt, long latencyMs, long started, TimeSpan? ttlOverride)
    {
        if (!sse.Done || sse.Error || sse.Overflowed || sse.Events.Count == 0)
        {
            StreamingLog.StreamNotStored(logger, key.CacheId, sse.Done, sse.Error, sse.Overflowed);
            return null;
        }

        long firstEventMs = (long)Stopwatch.GetElapsedTime(started, sse.FirstEventTimestamp).TotalMilliseconds;
        var response = new CachedResponse { Status = 200, ContentType = SseReplayWriter.ContentType, Events = sse.Events };
        var (tokens, upstreamCost) = StreamUsage.Read(sse.Events);
        return entries.Create(key, ns, route, provider, response, tokens, requestedAt, latencyMs, firstEventMs, ttlOverride, upstreamCost);
    }

    private static bool IsEventStream(string? contentType) =>
        contentType is not null && contentType.StartsWith(SseReplayWriter.ContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A stream that stopped before <c>[DONE]</c> without saying why is no answer: waiters retry
    /// (FlightOutcome rule). A stream that ended on an error event is upstream's answer, passed on as it was.
    /// </summary>
    private static bool IsTruncatedStream(SseEventParser? sse, string contentType) =>
        sse is { Done: false, Error: false } && IsEventStream(contentType);

    /// <summary>A leader's unstored answer can be handed to a waiter unless it is an event stream and the waiter wants JSON.</summary>
    private static bool CanHandOver(CachedResponse response, CacheKey key) => key.Stream || !IsEventStream(response.ContentType);
}
