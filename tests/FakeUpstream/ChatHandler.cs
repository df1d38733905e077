using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace FakeUpstream;

/// <summary>Answers POST /v1/chat/completions (JSON or SSE) according to <see cref="ChatBehavior"/>.</summary>
internal static partial class ChatHandler
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();
    private static readonly byte[] StreamErrorEvent =
        "data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}\n\n"u8.ToArray();

    [GeneratedRegex(@"\S+\s*|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex PieceRegex();

    public static async Task HandleAsync(HttpContext ctx, byte[] body, long callNumber, TimeSpan baseDelay, Task? streamGate)
    {
        var ct = ctx.RequestAborted;
        var behavior = ChatBehavior.TryParse(body, out var error);
        if (behavior is null)
        {
            await WriteJsonAsync(ctx, StatusCodes.Status400BadRequest,
                ApiResponses.Error(error ?? "Invalid request body.", "invalid_request_error"));
            return;
        }

        var delay = baseDelay + TimeSpan.FromMilliseconds(behavior.DelayMs);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, ct);
        }

        if (behavior.Status is { } status and >= 400)
        {
            var (type, code) = ApiResponses.ErrorKind(status);
            if (status == StatusCodes.Status429TooManyRequests)
            {
                ctx.Response.Headers.RetryAfter = "1";
            }

            await WriteJsonAsync(ctx, status,
                ApiResponses.Error($"fake upstream: forced status {status.ToString(CultureInfo.InvariantCulture)}", type, code));
            return;
        }

        var id = "chatcmpl-" + behavior.BodyHash + "-" + callNumber.ToString(CultureInfo.InvariantCulture);
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        if (behavior.Stream)
        {
            await StreamAsync(ctx, behavior, id, created, streamGate, ct);
        }
        else
        {
            var json = ChatResponses.Completion(behavior, id, created);
            if (behavior.Abort)
            {
                await AbortHalfwayAsync(ctx, json, ct);
                return;
            }

            await WriteJsonAsync(ctx, StatusCodes.Status200OK, json);
        }
    }

    public static async Task WriteJsonAsync(HttpContext ctx, int status, byte[] json)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = json.Length;
        await ctx.Response.Body.WriteAsync(json, ctx.RequestAborted);
    }

    /// <summary>Content split into ~1-word pieces, whitespace kept on the preceding word ("echo: ", "hello ").</summary>
    public static IReadOnlyList<string> Pieces(string content) =>
        PieceRegex().Matches(content).Select(m => m.Value).ToList();

    private static async Task AbortHalfwayAsync(HttpContext ctx, byte[] json, CancellationToken ct)
    {
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = json.Length;
        await ctx.Response.Body.WriteAsync(json.AsMemory(0, json.Length / 2), ct);
        await ctx.Response.Body.FlushAsync(ct);
        await Task.Delay(50, ct); // let the partial body reach the client before the reset
        ctx.Abort();
    }

    private static async Task StreamAsync(HttpContext ctx, ChatBehavior b, string id, long created, Task? gate, CancellationToken ct)
    {
        var response = ctx.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(ct);
        await response.Body.FlushAsync(ct);

        var sent = 0;
        async Task SendAsync(byte[] chunk)
        {
            if (sent > 0 && b.ChunkDelayMs > 0)
            {
                await Task.Delay(b.ChunkDelayMs, ct);
            }

            await response.Body.WriteAsync(DataPrefix, ct);
            await response.Body.WriteAsync(chunk, ct);
            await response.Body.WriteAsync(EventEnd, ct);
            await response.Body.FlushAsync(ct);
            sent++;
        }

        await SendAsync(ChatResponses.RoleChunk(b, id, created));
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
        }

        var pieces = b.Tool
            ? ChatResponses.ToolArgumentFragments
            : Pieces(b.Content);
        var contentSent = 0;
        foreach (var piece in pieces)
        {
            if (b.StreamError && contentSent == 2)
            {
                break;
            }

            if (b.Abort && contentSent == 1)
            {
                // Half of the next event, then a transport failure.
                var next = Encoding.UTF8.GetBytes("data: " + Encoding.UTF8.GetString(ChatResponses.ContentChunk(b, id, created, piece)));
                await response.Body.WriteAsync(next.AsMemory(0, next.Length / 2), ct);
                await response.Body.FlushAsync(ct);
                await Task.Delay(50, ct);
                ctx.Abort();
                return;
            }

            await SendAsync(b.Tool
                ? ChatResponses.ToolArgumentsChunk(b, id, created, piece)
                : ChatResponses.ContentChunk(b, id, created, piece));
            contentSent++;
        }

        if (b.Abort)
        {
            // Content too short to cut mid-way: cut the finish chunk instead.
            var finish = ChatResponses.FinishChunk(b, id, created);
            await response.Body.WriteAsync(DataPrefix, ct);
            await response.Body.WriteAsync(finish.AsMemory(0, finish.Length / 2), ct);
            await response.Body.FlushAsync(ct);
            await Task.Delay(50, ct);
            ctx.Abort();
            return;
        }

        if (b.StreamError)
        {
            await response.Body.WriteAsync(StreamErrorEvent, ct);
            await response.Body.FlushAsync(ct);
            return;
        }

        await SendAsync(ChatResponses.FinishChunk(b, id, created));
        if (b.IncludeUsage)
        {
            await SendAsync(ChatResponses.UsageChunk(b, id, created));
        }

        if (!b.NoDone)
        {
            await response.Body.WriteAsync(DoneEvent, ct);
            await response.Body.FlushAsync(ct);
        }
    }
}
