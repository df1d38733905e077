using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace LlmCacheProxy.Endpoints.Streaming;

/// <summary>
/// Writes stored payloads as an OpenAI event stream: <c>data: {payload}\n\n</c> each (a line per <c>data:</c> field), in
/// order, then <c>data: [DONE]\n\n</c>. The usage-only chunk and the <c>"usage": null</c> members are dropped unless the client asked
/// <c>stream_options.include_usage</c> (that option is not in the key, so one entry serves both kinds).
/// Flushes every <see cref="FlushBytes"/> so a long answer does not sit in memory.
/// </summary>
internal static class SseReplayWriter
{
    public const string ContentType = "text/event-stream";
    private const int FlushBytes = 32 * 1024;

    public static Task WriteAsync(HttpResponse response, IReadOnlyList<string> events, bool includeUsage, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.ContentLength = null;
        return WriteEventsAsync(response.BodyWriter, events, includeUsage, cancellationToken);
    }

    public static async Task WriteEventsAsync(PipeWriter writer, IReadOnlyList<string> events, bool includeUsage, CancellationToken cancellationToken)
    {
        long unflushed = 0;
        for (int i = 0; i < events.Count; i++)
        {
            string payload = events[i];
            if (!includeUsage && ChunkJson.IsUsageOnly(payload))
            {
                continue;
            }

            payload = includeUsage ? payload : ChunkJson.WithoutNullUsage(payload);

            unflushed += WriteEvent(writer, payload);
            if (unflushed >= FlushBytes)
            {
                unflushed = 0;
                var result = await writer.FlushAsync(cancellationToken);
                if (result.IsCanceled || result.IsCompleted)
                {
                    return;
                }
            }
        }

        WriteEvent(writer, "[DONE]");
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// One event. A payload that came as several <c>data:</c> lines was joined with <c>\n</c> (the SSE rule), so each of
    /// its lines goes back as its own <c>data:</c> field: written as one line, the rest would reach clients unprefixed.
    /// </summary>
    private static long WriteEvent(PipeWriter writer, string payload)
    {
        long written = 1;
        int start = 0;
        while (true)
        {
            int end = payload.IndexOf('\n', start);
            var line = end < 0 ? payload.AsSpan(start) : payload.AsSpan(start, end - start);
            writer.Write("data: "u8);
            written += Encoding.UTF8.GetBytes(line, writer) + 7;
            writer.Write("\n"u8);
            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        writer.Write("\n"u8);
        return written;
    }
}
