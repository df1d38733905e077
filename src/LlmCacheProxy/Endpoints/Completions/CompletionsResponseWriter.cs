using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Endpoints.Completions;

/// <summary>
/// Answers a legacy completions client from a stored response in the shape it asked for, as chat does: a stream entry is
/// replayed to a stream client (usage chunk and <c>"usage": null</c> only for <c>include_usage</c>) and assembled into a
/// <c>text_completion</c> for a non-stream client; a JSON entry is sent as it is, or as synthesized chunks to a stream
/// client. Anything that is not a 200 answer goes out as it was stored.
/// </summary>
internal static class CompletionsResponseWriter
{
    public static Task WriteAsync(HttpContext context, CachedResponse cached, bool stream, bool includeUsage)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        if (cached.Status == StatusCodes.Status200OK && cached.Events is { } events)
        {
            return stream
                ? SseReplayWriter.WriteAsync(response, events, includeUsage, ct)
                : WriteBytesAsync(response, 200, "application/json", TextCompletionAssembler.Assemble(events), ct);
        }

        if (stream && cached.Status == StatusCodes.Status200OK &&
            cached.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) &&
            TextCompletionChunks.Synthesize(cached.Body, includeUsage) is { } chunks)
        {
            return SseReplayWriter.WriteAsync(response, chunks, includeUsage: true, ct);
        }

        return WriteBytesAsync(response, cached.Status, cached.ContentType, cached.Body, ct);
    }

    private static Task WriteBytesAsync(HttpResponse response, int status, string contentType, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, ct).AsTask();
    }
}
