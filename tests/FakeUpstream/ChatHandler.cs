using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FakeUpstream;

/// <summary>Answers POST /v1/chat/completions (JSON or SSE) according to <see cref="ChatBehavior"/>.</summary>
internal static class ChatHandler
{
    private const string JsonSeqContentType = "application/json-seq";

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();
    private static readonly byte[] StreamErrorEvent =
        "data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}\n\n"u8.ToArray();

    public static async Task HandleAsync(HttpContext ctx, byte[] body, long callNumber, TimeSpan baseDelay, Task? streamGate)
    {
        var ct = ctx.RequestAborted;
        var behavior = ChatBehavior.TryParse(body, out var error);
        if (behavior is null)
        {
            await FakeHttp.BadRequestAsync(ctx, error ?? "Invalid request body.");
            return;
        }

        var d = behavior.Directives;
        await FakeHttp.DelayAsync(baseDelay, d, ct);
        if (await FakeHttp.TryForcedErrorAsync(ctx, d))
        {
            return;
        }

        var id = "chatcmpl-" + behavior.BodyHash + "-" + callNumber.ToString(CultureInfo.InvariantCulture);
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        if (behavior.Stream && d.NonJsonEvents)
        {
            await NonJsonStreamAsync(ctx, behavior, ct);
        }
        else if (behavior.Stream)
        {
            await StreamAsync(ctx, behavior, id, created, streamGate, ct);
        }
        else
        {
            var json = ChatResponses.Completion(behavior, id, created);
            if (d.Abort)
            {
                await FakeHttp.AbortHalfwayAsync(ctx, json, ct);
                return;
            }

            await FakeHttp.WriteJsonAsync(ctx, StatusCodes.Status200OK, json, d.JsonSeq ? JsonSeqContentType : "application/json");
        }
    }

    private static async Task StreamAsync(HttpContext ctx, ChatBehavior b, string id, long created, Task? gate, CancellationToken ct)
    {
        var response = ctx.Response;
        await FakeHttp.StartSseAsync(ctx, ct);

        var sent = 0;
        async Task SendAsync(byte[] chunk, bool twoLines = false)
        {
            if (sent > 0 && b.Directives.ChunkDelayMs > 0)
            {
                await Task.Delay(b.Directives.ChunkDelayMs, ct);
            }

            byte[] frame = twoLines ? TwoDataLines(chunk) : [.. DataPrefix, .. chunk, .. EventEnd];
            await response.Body.WriteAsync(frame, ct);
            await response.Body.FlushAsync(ct);
            sent++;
        }

        await SendAsync(ChatResponses.RoleChunk(b, id, created));
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
        }

        var d = b.Directives;
        var pieces = d.Tool
            ? ChatResponses.ToolArgumentFragments
            : RequestJson.Pieces(b.Content);
        var contentSent = 0;
        foreach (var piece in pieces)
        {
            if (d.StreamError && contentSent == 2)
            {
                break;
            }

            var chunk = d.Tool
                ? ChatResponses.ToolArgumentsChunk(b, id, created, piece)
                : ChatResponses.ContentChunk(b, id, created, piece);
            if (d.Abort && contentSent == 1)
            {
                // Half of the next event, then a transport failure.
                await FakeHttp.CutAsync(ctx, Encoding.UTF8.GetBytes("data: " + Encoding.UTF8.GetString(chunk)), ct);
                return;
            }

            await SendAsync(chunk, twoLines: d.MultilineData && contentSent == 0);
            contentSent++;
        }

        if (d.Abort)
        {
            // Content too short to cut mid-way: cut the finish chunk instead.
            await response.Body.WriteAsync(DataPrefix, ct);
            await FakeHttp.CutAsync(ctx, ChatResponses.FinishChunk(b, id, created), ct);
            return;
        }

        if (d.StreamError)
        {
            await response.Body.WriteAsync(StreamErrorEvent, ct);
            await response.Body.FlushAsync(ct);
            return;
        }

        await SendAsync(ChatResponses.FinishChunk(b, id, created));
        if (b.SendsUsageChunk)
        {
            await SendAsync(ChatResponses.UsageChunk(b, id, created));
        }

        if (!d.NoDone)
        {
            await response.Body.WriteAsync(DoneEvent, ct);
            await response.Body.FlushAsync(ct);
        }
    }

    /// <summary>
    /// [[multiline-data]]: the event's JSON split after its first comma into two <c>data:</c> lines; a client that
    /// joins them with "\n", as the SSE spec says, gets the same JSON.
    /// </summary>
    private static byte[] TwoDataLines(byte[] chunk)
    {
        var split = Array.IndexOf(chunk, (byte)',') + 1;
        return [.. DataPrefix, .. chunk.AsSpan(0, split), (byte)'\n', .. DataPrefix, .. chunk.AsSpan(split), .. EventEnd];
    }

    /// <summary>[[non-json-events]]: the answer's pieces as plain-text data events, then [DONE].</summary>
    private static async Task NonJsonStreamAsync(HttpContext ctx, ChatBehavior b, CancellationToken ct)
    {
        await FakeHttp.StartSseAsync(ctx, ct);
        foreach (var piece in RequestJson.Pieces(b.Content))
        {
            await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: " + piece.TrimEnd() + "\n\n"), ct);
        }

        await ctx.Response.Body.WriteAsync(DoneEvent, ct);
        await ctx.Response.Body.FlushAsync(ct);
    }
}
