using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Endpoints.Responses;

/// <summary>
/// Answers a Responses API client from a stored response in the shape it asked for: a stream entry is replayed (its
/// events with their names) to a stream client, and its <c>response.completed</c> response is the JSON answer of a
/// non-stream client; a JSON entry is sent as it is, or as synthesized events to a stream client. The stored response's
/// <c>id</c> is the original one. Anything else (a passed-on upstream answer) goes out as it was. A 200 answer that
/// cannot take the shape this client asked for is not written at all (false): the caller treats it as a miss.
/// </summary>
internal static class ResponsesResponseWriter
{
    /// <summary>Whether a stored 200 answer can be served to both kinds of client (checked before it is stored).</summary>
    public static bool IsReplayable(CachedResponse cached) =>
        cached.Status != StatusCodes.Status200OK ||
        (cached.Events is { } events ? ResponseEvents.CompletedResponse(events) is not null : ResponseEventSynthesizer.Synthesize(cached.Body) is not null);

    public static async Task<bool> TryWriteAsync(HttpContext context, CachedResponse cached, bool stream)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        if (cached.Status == StatusCodes.Status200OK && cached.Events is { } events)
        {
            if (stream)
            {
                await ResponsesReplayWriter.WriteAsync(response, events, ct);
                return true;
            }

            if (ResponseEvents.CompletedResponse(events) is not { } completed)
            {
                return false;
            }

            await WriteBytesAsync(response, 200, "application/json", completed, ct);
            return true;
        }

        if (stream && cached.Status == StatusCodes.Status200OK)
        {
            if (!MediaTypes.IsJson(cached.ContentType) || ResponseEventSynthesizer.Synthesize(cached.Body) is not { } synthesized)
            {
                return false;
            }

            await ResponsesReplayWriter.WriteAsync(response, synthesized, ct);
            return true;
        }

        await WriteBytesAsync(response, cached.Status, cached.ContentType, cached.Body, ct);
        return true;
    }

    private static Task WriteBytesAsync(HttpResponse response, int status, string contentType, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, ct).AsTask();
    }
}
