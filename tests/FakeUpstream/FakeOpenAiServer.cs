using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FakeUpstream;

/// <summary>
/// A fake OpenAI-compatible upstream on Kestrel (127.0.0.1) that answers deterministically and counts its calls.
/// Used in-process by integration tests and as a process (see Program.cs) by demos and benchmarks.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    /// <summary>How many requests <see cref="Requests"/> keeps (the most recent ones).</summary>
    public const int MaxRecordedRequests = 1000;

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;
    private int _chatCalls;
    private int _totalCalls;
    private long _idCounter;
    private long _responseDelayTicks;
    private int _disposed;

    private FakeOpenAiServer()
    {
    }

    /// <summary>Base address with trailing slash, e.g. http://127.0.0.1:12345/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Port Kestrel is bound to.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>Number of POST /v1/chat/completions requests received (including failed/aborted ones).</summary>
    public int ChatCalls => Volatile.Read(ref _chatCalls);

    /// <summary>Number of requests received under /v1 (any method, any path).</summary>
    public int TotalCalls => Volatile.Read(ref _totalCalls);

    /// <summary>The most recent requests under /v1 (at most <see cref="MaxRecordedRequests"/>), oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Extra wait applied before answering each chat call. Default zero.</summary>
    public TimeSpan ResponseDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _responseDelayTicks));
        set => Interlocked.Exchange(ref _responseDelayTicks, value.Ticks);
    }

    /// <summary>
    /// When set, every stream pauses after its first chunk until this task completes: a test can prove that a chunk
    /// reached the client while the upstream was still answering. Default null (no pause).
    /// </summary>
    public Task? StreamGate { get; set; }

    /// <summary>Starts Kestrel on 127.0.0.1:<paramref name="port"/> (0 = a free port).</summary>
    public static async Task<FakeOpenAiServer> StartAsync(int port = 0, CancellationToken ct = default)
    {
        var server = new FakeOpenAiServer();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeOpenAiServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Limits.MaxRequestBodySize = null;
            o.AddServerHeader = false;
            o.Listen(IPAddress.Loopback, port);
        });

        var app = builder.Build();
        app.Run(server.DispatchAsync);
        await app.StartAsync(ct);

        server._app = app;
        var address = app.Urls.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Resets <see cref="ChatCalls"/> and <see cref="TotalCalls"/> to zero and clears <see cref="Requests"/>.</summary>
    public void ResetCounts()
    {
        Interlocked.Exchange(ref _chatCalls, 0);
        Interlocked.Exchange(ref _totalCalls, 0);
        _requests.Clear();
    }

    /// <summary>Completes when the server stops (after <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) =>
        _app?.WaitForShutdownAsync(ct) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _app is null)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

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
            await ChatHandler.WriteJsonAsync(ctx, StatusCodes.Status200OK, ApiResponses.Calls(ChatCalls, TotalCalls));
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
        Interlocked.Increment(ref _totalCalls);
        Record(ctx, body);

        if (path.Equals("/v1/chat/completions", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(method))
        {
            Interlocked.Increment(ref _chatCalls);
            var callNumber = Interlocked.Increment(ref _idCounter);
            await ChatHandler.HandleAsync(ctx, body, callNumber, ResponseDelay, StreamGate);
        }
        else if (path.Equals("/v1/models", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(method))
        {
            await ChatHandler.WriteJsonAsync(ctx, StatusCodes.Status200OK, ApiResponses.Models());
        }
        else if (path.Equals("/v1/embeddings", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(method))
        {
            var json = ApiResponses.Embeddings(body);
            await ChatHandler.WriteJsonAsync(ctx,
                json is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
                json ?? ApiResponses.Error("We could not parse the JSON body of your request.", "invalid_request_error"));
        }
        else
        {
            await NotFoundAsync(ctx, method, path);
        }
    }

    private static Task NotFoundAsync(HttpContext ctx, string method, string path) =>
        ChatHandler.WriteJsonAsync(ctx, StatusCodes.Status404NotFound,
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
