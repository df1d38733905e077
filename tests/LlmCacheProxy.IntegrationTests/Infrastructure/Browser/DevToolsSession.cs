using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmCacheProxy.IntegrationTests.Infrastructure.Browser;

/// <summary>
/// A minimal Chrome DevTools protocol client for one page: send a command, wait for the reply with its id
/// (events in between are ignored). Enough for navigate, evaluate and screenshot.
/// </summary>
internal sealed class DevToolsSession : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly ClientWebSocket _socket;
    private int _nextId;

    private DevToolsSession(ClientWebSocket socket) => _socket = socket;

    public static async Task<DevToolsSession> ConnectAsync(Uri url)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(url, timeout.Token);
        return new DevToolsSession(socket);
    }

    public async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }) };
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        while (true)
        {
            using var reply = JsonDocument.Parse(await ReceiveAsync(timeout.Token));
            if (!reply.RootElement.TryGetProperty("id", out var replyId) || replyId.GetInt32() != id)
            {
                continue;
            }

            if (reply.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"DevTools {method} failed: {error}");
            }

            return reply.RootElement.GetProperty("result").Clone();
        }
    }

    /// <summary>Evaluates a JavaScript expression in the page (awaiting promises) and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"Page script failed: {exception}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Polls an expression until it is true (generous timeout: the machine is shared).</summary>
    public async Task WaitForAsync(string condition, TimeSpan timeout)
    {
        for (var deadline = DateTime.UtcNow + timeout; DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            if ((await EvaluateAsync($"!!({condition})")).ValueKind == JsonValueKind.True)
            {
                return;
            }
        }

        throw new TimeoutException($"Page condition not met within {timeout.TotalSeconds} s: {condition}");
    }

    public async Task<byte[]> ScreenshotPngAsync()
    {
        var shot = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true });
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    private async Task<string> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("DevTools closed the connection.");
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }
}
