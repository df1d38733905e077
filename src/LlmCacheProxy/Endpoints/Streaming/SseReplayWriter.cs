using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace LlmCacheProxy.Endpoints.Streaming;

/// <summary>
/// Writes stored payloads as an OpenAI event stream: <c>data: {payload}\n\n</c> each, in order, then
/// <c>data: [DONE]\n\n</c>. The usage-only chunk and the <c>"usage": null</c> members are dropped unless the client asked
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

    private static long WriteEvent(PipeWriter writer, string payload)
    {
        writer.Write("data: "u8);
        long written = Encoding.UTF8.GetBytes(payload, writer);
        writer.Write("\n\n"u8);
        return written + 8;
    }
}
