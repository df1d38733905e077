using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FakeUpstream;

/// <summary>Ways of answering that every endpoint shares: JSON, OpenAI errors, forced failures, cut bodies.</summary>
internal static class FakeHttp
{
    public static async Task WriteJsonAsync(HttpContext ctx, int status, byte[] json, string contentType = "application/json")
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        ctx.Response.ContentLength = json.Length;
        await ctx.Response.Body.WriteAsync(json, ctx.RequestAborted);
    }

    public static Task BadRequestAsync(HttpContext ctx, string message, string? param = null) =>
        WriteJsonAsync(ctx, StatusCodes.Status400BadRequest, ApiResponses.Error(message, "invalid_request_error", null, param));

    /// <summary>Waits the base delay plus [[delay=MS]].</summary>
    public static Task DelayAsync(TimeSpan baseDelay, Directives d, CancellationToken ct)
    {
        var delay = baseDelay + TimeSpan.FromMilliseconds(d.DelayMs);
        return delay > TimeSpan.Zero ? Task.Delay(delay, ct) : Task.CompletedTask;
    }

    /// <summary>Answers [[status=N]] (N >= 400) with an OpenAI error body; false when no failure was asked for.</summary>
    public static async Task<bool> TryForcedErrorAsync(HttpContext ctx, Directives d)
    {
        if (d.Status is not { } status || status < 400)
        {
            return false;
        }

        var (type, code) = ApiResponses.ErrorKind(status);
        if (status == StatusCodes.Status429TooManyRequests)
        {
            ctx.Response.Headers.RetryAfter = "1";
        }

        await WriteJsonAsync(ctx, status,
            ApiResponses.Error($"fake upstream: forced status {status.ToString(CultureInfo.InvariantCulture)}", type, code));
        return true;
    }

    /// <summary>[[abort]] on a JSON answer: the first half of the body under its full Content-Length, then a reset.</summary>
    public static async Task AbortHalfwayAsync(HttpContext ctx, byte[] json, CancellationToken ct)
    {
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = json.Length;
        await ctx.Response.Body.WriteAsync(json.AsMemory(0, json.Length / 2), ct);
        await ctx.Response.Body.FlushAsync(ct);
        await Task.Delay(50, ct); // let the partial body reach the client before the reset
        ctx.Abort();
    }

    /// <summary>Sends the headers of a <c>text/event-stream</c> answer.</summary>
    public static async Task StartSseAsync(HttpContext ctx, CancellationToken ct)
    {
        var response = ctx.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(ct);
        await response.Body.FlushAsync(ct);
    }

    /// <summary>Writes the first half of <paramref name="bytes"/>, lets it reach the client, then resets the connection.</summary>
    public static async Task CutAsync(HttpContext ctx, byte[] bytes, CancellationToken ct)
    {
        await ctx.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), ct);
        await ctx.Response.Body.FlushAsync(ct);
        await Task.Delay(50, ct);
        ctx.Abort();
    }
}
