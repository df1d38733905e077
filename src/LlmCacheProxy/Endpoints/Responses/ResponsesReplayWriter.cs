using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Endpoints.Responses;

/// <summary>
/// Writes Responses API events as OpenAI sends them: <c>event: {type}\ndata: {payload}\n\n</c> each, in order, the name
/// taken from the payload's <c>type</c>; no <c>[DONE]</c> (the Responses API ends with <c>response.completed</c>).
/// Flushes every <see cref="FlushBytes"/> so a long answer does not sit in memory.
/// </summary>
internal static class ResponsesReplayWriter
{
    private const int FlushBytes = 32 * 1024;

    public static async Task WriteAsync(HttpResponse response, IReadOnlyList<string> events, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = SseReplayWriter.ContentType;
        response.Headers.CacheControl = "no-cache";
        response.ContentLength = null;
        var writer = response.BodyWriter;
        long unflushed = 0;
        foreach (string payload in events)
        {
            unflushed += WriteEvent(writer, ResponseEvents.TypeOf(payload), payload);
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

        await writer.FlushAsync(cancellationToken);
    }

    private static long WriteEvent(PipeWriter writer, string? type, string payload)
    {
        long written = 0;
        if (type is not null)
        {
            writer.Write("event: "u8);
            written += Encoding.UTF8.GetBytes(type, writer) + 8;
            writer.Write("\n"u8);
        }

        writer.Write("data: "u8);
        written += Encoding.UTF8.GetBytes(payload, writer) + 8;
        writer.Write("\n\n"u8);
        return written;
    }
}
