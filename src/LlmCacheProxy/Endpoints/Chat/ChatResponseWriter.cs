using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Endpoints.Chat;

/// <summary>
/// Answers a client from a stored response in the shape it asked for : a stream entry is
/// replayed to a stream client and assembled into a <c>chat.completion</c> for a non-stream client; a JSON
/// entry is sent as it is, or as synthesized chunks to a stream client. Anything that is not a 200 chat
/// answer (a passed-on upstream error) goes out as it was stored. A 200 answer that does not render the other way
/// is refused (nothing written), never sent in the wrong shape.
/// </summary>
internal static class ChatResponseWriter
{
    /// <summary>False, with nothing written, when a 200 answer cannot be rendered the way the client asked.</summary>
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

            if (!StreamAssembler.TryAssemble(events, out byte[]? completion))
            {
                return false;
            }

            await WriteBytesAsync(response, 200, MediaTypes.Json, completion, ct);
            return true;
        }

        if (stream && cached.Status == StatusCodes.Status200OK && MediaTypes.IsJson(cached.ContentType))
        {
            if (ChunkSynthesizer.Synthesize(cached.Body, includeUsage) is not { } chunks)
            {
                return false;
            }

            await SseReplayWriter.WriteAsync(response, chunks, includeUsage: true, ct);
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
