using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Endpoints.Responses;

/// <summary>
/// Answers a Responses API client from a stored response in the shape it asked for: a stream entry is replayed (its
/// events with their names) to a stream client, and its <c>response.completed</c> response is the JSON answer of a
/// non-stream client; a JSON entry is sent as it is, or as synthesized events to a stream client. The stored response's
/// <c>id</c> is the original one. Anything else (a passed-on upstream answer) goes out as it was.
/// </summary>
internal static class ResponsesResponseWriter
{
    public static Task WriteAsync(HttpContext context, CachedResponse cached, bool stream)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        if (cached.Status == StatusCodes.Status200OK && cached.Events is { } events)
        {
            if (stream)
            {
                return ResponsesReplayWriter.WriteAsync(response, events, ct);
            }

            if (ResponseEvents.CompletedResponse(events) is { } completed)
            {
                return WriteBytesAsync(response, 200, "application/json", completed, ct);
            }
        }

        if (stream && cached.Status == StatusCodes.Status200OK && cached.Events is null &&
            cached.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) &&
            ResponseEventSynthesizer.Synthesize(cached.Body) is { } synthesized)
        {
            return ResponsesReplayWriter.WriteAsync(response, synthesized, ct);
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
