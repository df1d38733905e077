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
/// <remarks>
/// Endpoints: POST /v1/chat/completions, POST /v1/responses, POST /v1/embeddings, POST /v1/completions (legacy),
/// GET /v1/models; GET /__calls (the counters as JSON), POST /__reset. Text answers are "echo: " + the last user
/// text (chat, responses) or + each prompt (completions, one choice per prompt). An embedding is a function of its
/// item and <c>dimensions</c> only (default 8), see <see cref="EmbeddingFor(string, int)"/>.
///
/// Directives, written in the last user message (chat, responses), in a prompt (completions) or in a string
/// input (embeddings: status and delay only):
///   [[status=N]]     answer N (>= 400) with an OpenAI error body (429 adds Retry-After: 1)
///   [[delay=MS]]     wait before answering
///   [[words=N]]      answer "w1 w2 ... wN" instead of the echo
///   [[tool]]         a function call get_weather({"city":"Paris"}) (chat tool_calls, responses function_call item)
///   [[reasoning]]    responses: a reasoning item with one summary part before the answer
///   [[cost=X]]       usage.cost = X;   [[cached=N]]  cached input tokens (chat prompt_tokens_details, responses)
///   [[abort]]        half the JSON body, or a stream cut in the middle of an event, then a connection reset
///   [[chunk-delay=MS]] wait between stream events
///   [[no-done]]      a stream without its last event (chat/completions: [DONE]; responses: response.completed)
///   [[stream-error]] after two deltas, an error event instead of the rest (responses: error + response.failed)
/// Hostile shapes, chat only:
///   [[created-null]] / [[created-string]]  "created": null / "2025-01-01T00:00:00Z" in the answer and every chunk
///   [[tool-calls-garbage]]  the JSON answer's message carries "tool_calls":["x"] beside its content
///   [[non-json-events]]     a stream of plain-text data events (the answer's words), then [DONE]
///   [[multiline-data]]      the first content event's JSON spread over two data: lines
///   [[json-seq]]            the JSON answer labelled Content-Type: application/json-seq (body unchanged)
///   [[stream-usage-absent]] no usage chunk and no "usage" fields, even when include_usage was asked
///   [[stream-usage-null]]   "usage": null on every chunk, even when include_usage was not asked
/// </remarks>
public sealed partial class FakeOpenAiServer : IAsyncDisposable
{
    /// <summary>How many requests <see cref="Requests"/> keeps (the most recent ones).</summary>
    public const int MaxRecordedRequests = 1000;

    /// <summary>Length of an embedding when the request gives no <c>dimensions</c>.</summary>
    public const int DefaultEmbeddingDimensions = EmbeddingsRequest.DefaultDimensions;

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CallCounters _counters = new();
    private WebApplication? _app;
    private long _chatIds;
    private long _responseIds;
    private long _completionIds;
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
    public int ChatCalls => _counters.Chat;

    /// <summary>Number of POST /v1/responses requests received (including failed/aborted ones).</summary>
    public int ResponsesCalls => _counters.Responses;

    /// <summary>Number of POST /v1/embeddings requests received (including refused ones).</summary>
    public int EmbeddingsCalls => _counters.Embeddings;

    /// <summary>Input items of the embeddings requests received, summed (refused requests add none).</summary>
    public int EmbeddingInputs => _counters.EmbeddingInputs;

    /// <summary>Number of POST /v1/completions (legacy) requests received (including failed/aborted ones).</summary>
    public int CompletionsCalls => _counters.Completions;

    /// <summary>Number of requests received under /v1 (any method, any path).</summary>
    public int TotalCalls => _counters.Total;

    /// <summary>The most recent requests under /v1 (at most <see cref="MaxRecordedRequests"/>), oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Extra wait applied before answering each chat, responses, completions or embeddings call. Default zero.</summary>
    public TimeSpan ResponseDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _responseDelayTicks));
        set => Interlocked.Exchange(ref _responseDelayTicks, value.Ticks);
    }

    /// <summary>
    /// When set, every stream pauses after its first event until this task completes: a test can prove that a chunk
    /// reached the client while the upstream was still answering. Default null (no pause).
    /// </summary>
    public Task? StreamGate { get; set; }

    /// <summary>The vector the fake answers for the string input <paramref name="text"/>.</summary>
    public static float[] EmbeddingFor(string text, int dimensions = DefaultEmbeddingDimensions) =>
        EmbeddingVectors.Vector(EmbeddingItem.FromText(text).Seed, dimensions);

    /// <summary>The vector the fake answers for the token-array input <paramref name="tokens"/>.</summary>
    public static float[] EmbeddingFor(IReadOnlyList<int> tokens, int dimensions = DefaultEmbeddingDimensions) =>
        EmbeddingVectors.Vector(EmbeddingItem.FromTokens(tokens).Seed, dimensions);

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

    /// <summary>Resets every call counter (<see cref="ChatCalls"/> ... <see cref="TotalCalls"/>) and clears <see cref="Requests"/>.</summary>
    public void ResetCounts()
    {
        _counters.Reset();
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
}
