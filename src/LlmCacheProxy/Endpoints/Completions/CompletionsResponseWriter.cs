using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Endpoints.Completions;

/// <summary>
/// Answers a legacy completions client from a stored response in the shape it asked for, as chat does: a stream entry is
/// replayed to a stream client (usage chunk and <c>"usage": null</c> only for <c>include_usage</c>) and assembled into a
/// <c>text_completion</c> for a non-stream client; a JSON entry is sent as it is, or as synthesized chunks to a stream
/// client. Anything that is not a 200 answer goes out as it was stored. A 200 answer that cannot take the shape this
/// client asked for is not written at all (false): the caller treats it as a miss.
/// </summary>
internal static class CompletionsResponseWriter
{
    /// <summary>Whether a stored 200 answer can be served to both kinds of client (checked before it is stored).</summary>
    public static bool IsReplayable(CachedResponse cached) =>
        cached.Status != StatusCodes.Status200OK ||
        (cached.Events is { } events ? TryAssemble(events) is not null : TextCompletionChunks.Synthesize(cached.Body, includeUsage: true) is not null);

    public static async Task<bool> TryWriteAsync(HttpContext context, CachedResponse cached, bool stream, bool includeUsage)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        if (cached.Status == StatusCodes.Status200OK && cached.Events is { } events)
        {
            if (stream)
            {
                await SseReplayWriter.WriteAsync(response, events, includeUsage, ct);
                return true;
            }

            if (TryAssemble(events) is not { } assembled)
            {
                return false;
            }

            await WriteBytesAsync(response, 200, "application/json", assembled, ct);
            return true;
        }

        if (stream && cached.Status == StatusCodes.Status200OK)
        {
            if (!MediaTypes.IsJson(cached.ContentType) || TextCompletionChunks.Synthesize(cached.Body, includeUsage) is not { } chunks)
            {
                return false;
            }

            await SseReplayWriter.WriteAsync(response, chunks, includeUsage: true, ct);
            return true;
        }

        await WriteBytesAsync(response, cached.Status, cached.ContentType, cached.Body, ct);
        return true;
    }

    /// <summary>The assembled <c>text_completion</c>, or null when the events are not text completion chunks.</summary>
    private static byte[]? TryAssemble(IReadOnlyList<string> events)
    {
        try
        {
            return TextCompletionAssembler.Assemble(events);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static Task WriteBytesAsync(HttpResponse response, int status, string contentType, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, ct).AsTask();
    }
}
