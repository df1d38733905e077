using Microsoft.AspNetCore.Http;

namespace FakeUpstream;

/// <summary>Request dispatch: test hooks, then the /v1 endpoints, each counted before it is answered.</summary>
public sealed partial class FakeOpenAiServer
{
    private async Task DispatchAsync(HttpContext ctx)
    {
        try
        {
            await RouteAsync(ctx);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // Client went away (or the server is stopping): nothing to answer.
        }
    }

    private async Task RouteAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        var path = (request.Path.Value ?? "/").TrimEnd('/');
        var method = request.Method;

        if (path.Equals("/__calls", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(method))
        {
            await FakeHttp.WriteJsonAsync(ctx, StatusCodes.Status200OK, _counters.ToJson());
            return;
        }

        if (path.Equals("/__reset", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(method))
        {
            ResetCounts();
            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (!request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            await NotFoundAsync(ctx, method, path);
            return;
        }

        var body = await ReadBodyAsync(request, ctx.RequestAborted);
        _counters.AddTotal();
        Record(ctx, body);

        var post = HttpMethods.IsPost(method);
        if (post && Is(path, "/v1/chat/completions"))
        {
            _counters.AddChat();
            await ChatHandler.HandleAsync(ctx, body, Interlocked.Increment(ref _chatIds), ResponseDelay, StreamGate);
        }
        else if (post && Is(path, "/v1/responses"))
        {
            _counters.AddResponses();
            await ResponsesHandler.HandleAsync(ctx, body, Interlocked.Increment(ref _responseIds), ResponseDelay, StreamGate);
        }
        else if (post && Is(path, "/v1/embeddings"))
        {
            _counters.AddEmbeddings();
            await EmbeddingsHandler.HandleAsync(ctx, body, _counters, ResponseDelay);
        }
        else if (post && Is(path, "/v1/completions"))
        {
            _counters.AddCompletions();
            await CompletionsHandler.HandleAsync(ctx, body, Interlocked.Increment(ref _completionIds), ResponseDelay, StreamGate);
        }
        else if (Is(path, "/v1/models") && HttpMethods.IsGet(method))
        {
            await FakeHttp.WriteJsonAsync(ctx, StatusCodes.Status200OK, ApiResponses.Models());
        }
        else
        {
            await NotFoundAsync(ctx, method, path);
        }
    }

    private static bool Is(string path, string route) => path.Equals(route, StringComparison.OrdinalIgnoreCase);

    private static Task NotFoundAsync(HttpContext ctx, string method, string path) =>
        FakeHttp.WriteJsonAsync(ctx, StatusCodes.Status404NotFound,
            ApiResponses.Error($"Invalid URL ({method} {path})", "invalid_request_error"));

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength == 0)
        {
            return [];
        }

        using var ms = request.ContentLength is { } len and <= int.MaxValue
            ? new MemoryStream((int)len)
            : new MemoryStream();
        await request.Body.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    private void Record(HttpContext ctx, byte[] body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in ctx.Request.Headers)
        {
            headers[name] = values.ToString();
        }

        _requests.Enqueue(new RecordedRequest(
            ctx.Request.Method,
            ctx.Request.Path.Value ?? "/",
            ctx.Request.QueryString.Value ?? "",
            headers,
            body,
            DateTimeOffset.UtcNow));
        while (_requests.Count > MaxRecordedRequests && _requests.TryDequeue(out _))
        {
        }
    }
}
