using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FakeUpstream;

/// <summary>Answers the legacy POST /v1/completions (JSON or SSE) according to <see cref="CompletionsBehavior"/>.</summary>
internal static class CompletionsHandler
{
    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();
    private static readonly byte[] StreamErrorEvent =
        "data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}\n\n"u8.ToArray();

    public static async Task HandleAsync(HttpContext ctx, byte[] body, long callNumber, TimeSpan baseDelay, Task? streamGate)
    {
        var ct = ctx.RequestAborted;
        var behavior = CompletionsBehavior.TryParse(body, out var error);
        if (behavior is null)
        {
            await FakeHttp.BadRequestAsync(ctx, error ?? "Invalid request body.", "prompt");
            return;
        }

        var d = behavior.Directives;
        await FakeHttp.DelayAsync(baseDelay, d, ct);
        if (await FakeHttp.TryForcedErrorAsync(ctx, d))
        {
            return;
        }

        var id = "cmpl-" + behavior.BodyHash + "-" + callNumber.ToString(CultureInfo.InvariantCulture);
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (behavior.Stream)
        {
            await ScriptedStream.PlayAsync(ctx, Events(behavior, id, created), d, _ => StreamErrorEvent, streamGate, ct);
            return;
        }

        var json = CompletionsResponses.Completion(behavior, id, created);
        if (d.Abort)
        {
            await FakeHttp.AbortHalfwayAsync(ctx, json, ct);
            return;
        }

        await FakeHttp.WriteJsonAsync(ctx, StatusCodes.Status200OK, json);
    }

    /// <summary>
    /// Each prompt's text in ~1-word chunks (prompt 0 first), then one finish chunk per choice, the usage chunk when
    /// include_usage was asked, and <c>data: [DONE]</c>.
    /// </summary>
    private static List<StreamEvent> Events(CompletionsBehavior b, string id, long created)
    {
        var events = new List<StreamEvent>();
        void Add(byte[] json, bool isDelta) => events.Add(new StreamEvent([.. "data: "u8, .. json, .. "\n\n"u8], isDelta));

        for (var i = 0; i < b.Prompts.Count; i++)
        {
            foreach (var piece in RequestJson.Pieces(b.Text(i)))
            {
                Add(CompletionsResponses.Chunk(b, id, created, i, piece, null), isDelta: true);
            }
        }

        for (var i = 0; i < b.Prompts.Count; i++)
        {
            Add(CompletionsResponses.Chunk(b, id, created, i, "", "stop"), isDelta: false);
        }

        if (b.IncludeUsage)
        {
            Add(CompletionsResponses.UsageChunk(b, id, created), isDelta: false);
        }

        events.Add(new StreamEvent(DoneEvent, false));
        return events;
    }
}
