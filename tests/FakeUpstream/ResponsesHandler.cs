using Microsoft.AspNetCore.Http;

namespace FakeUpstream;

/// <summary>
/// Answers POST /v1/responses: the response object as JSON, the event sequence as SSE (<c>stream: true</c>), or a
/// queued response without output (<c>background: true</c> without streaming).
/// </summary>
internal static class ResponsesHandler
{
    public static async Task HandleAsync(HttpContext ctx, byte[] body, long callNumber, TimeSpan baseDelay, Task? streamGate)
    {
        var ct = ctx.RequestAborted;
        var behavior = ResponsesBehavior.TryParse(body, out var error);
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

        var answer = new ResponseAnswer(behavior, callNumber, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        if (behavior.Stream)
        {
            await ScriptedStream.PlayAsync(ctx, ResponsesEvents.Build(answer), d,
                sequence => ResponsesEvents.ErrorEvents(answer, sequence), streamGate, ct);
            return;
        }

        var json = ResponsesJson.Body(answer, behavior.Background ? ResponsesJson.Queued : ResponsesJson.Completed);
        if (d.Abort)
        {
            await FakeHttp.AbortHalfwayAsync(ctx, json, ct);
            return;
        }

        await FakeHttp.WriteJsonAsync(ctx, StatusCodes.Status200OK, json);
    }
}
