using System.Net;
using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Proxy;

/// <summary>What is not a cacheable 200 passes through as it is and is never stored.</summary>
public sealed class PassThroughTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task UpstreamError_IsPassedThroughAndNotStored(int status)
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = ChatRequests.Body($"fail please [[status={status}]]");

        using var first = await ctx.Proxy.Http.SendAsync(body);
        string firstText = await first.Content.ReadAsStringAsync();
        using var second = await ctx.Proxy.Http.SendAsync(body);

        Assert.Equal((HttpStatusCode)status, first.StatusCode);
        Assert.Equal((HttpStatusCode)status, second.StatusCode);
        Assert.Equal("MISS", second.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
        using var doc = JsonDocument.Parse(firstText);
        Assert.True(doc.RootElement.GetProperty("error").TryGetProperty("message", out _));
        if (status == 429)
        {
            Assert.Equal("1", first.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        }
    }

    [Fact]
    public async Task MalformedJson_IsForwardedAsIsWithBypass()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        const string broken = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\"";

        using var first = await ctx.Proxy.Http.SendAsync(broken);
        using var second = await ctx.Proxy.Http.SendAsync(broken);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal("BYPASS", first.Header("X-Cache"));
        Assert.Equal("BYPASS", second.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
        Assert.Equal(broken, ctx.Upstream.Requests[^1].BodyText);
    }

    [Fact]
    public async Task NotAChatRequest_IsBypassedAndNotStored()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        const string notChat = "{\"model\":\"gpt-4o\",\"prompt\":\"hello\"}";

        using var first = await ctx.Proxy.Http.SendAsync(notChat);
        using var second = await ctx.Proxy.Http.SendAsync(notChat);

        Assert.Equal("BYPASS", second.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task OversizedBody_Gets413InOpenAiShape()
    {
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?> { ["Proxy:MaxRequestBytes"] = "1024" });
        string body = ChatRequests.Body(new string('x', 2000));

        using var response = await ctx.Proxy.Http.SendAsync(body);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = doc.RootElement.GetProperty("error");
        Assert.Contains("1024", error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
        Assert.Equal(0, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task OtherV1Route_IsForwardedWithMethodHeadersAndStatus()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.Authorization = new("Bearer", "sk-models-caller");
        request.Headers.Add("OpenAI-Organization", "org-test");

        using var models = await ctx.Proxy.Http.SendAsync(request);
        using var missing = await ctx.Proxy.Http.GetAsync("v1/nothing-here");

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Null(models.Header("X-Cache"));
        var recorded = ctx.Upstream.Requests.First(r => r.Path == "/v1/models");
        Assert.Equal("GET", recorded.Method);
        Assert.Equal("Bearer sk-models-caller", recorded.Authorization);
        Assert.Equal("org-test", recorded.Headers["OpenAI-Organization"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task NoAuthorization_InPassthroughMode_IsBypassed()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = ChatRequests.Body("anonymous");

        using var first = await ctx.Proxy.Http.SendAsync(body, apiKey: null);
        using var second = await ctx.Proxy.Http.SendAsync(body, apiKey: null);

        Assert.Equal("BYPASS", second.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task StreamedRequest_ReachesClientChunkByChunk()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = ChatRequests.Body("one two three four [[chunk-delay=300]]", stream: true);
        using var request = ChatRequests.Post(body);
        // The upstream holds the rest of its answer until the test has the first chunk: a proxy that buffered
        // the stream could never deliver that chunk (the read times out), whatever the machine's speed.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ctx.Upstream.StreamGate = gate.Task;

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        HttpResponseMessage? response = null;
        StreamReader? reader = null;
        string? firstChunk = null;
        try
        {
            response = await ctx.Proxy.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, patience.Token);
            reader = new StreamReader(await response.Content.ReadAsStreamAsync(patience.Token));
            firstChunk = await reader.ReadLineAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            gate.TrySetResult();
        }

        using var disposeResponse = response;
        using var disposeReader = reader;
        Assert.StartsWith("data: {", firstChunk ?? "(no chunk while the upstream held the rest back)", StringComparison.Ordinal);
        var arrivals = new List<(DateTime At, string Line)> { (DateTime.UtcNow, firstChunk!) };
        while (await reader!.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                arrivals.Add((DateTime.UtcNow, line));
            }
        }

        Assert.Equal("text/event-stream", response!.Content.Headers.ContentType?.MediaType);
        Assert.Equal("data: [DONE]", arrivals[^1].Line);
        Assert.True(arrivals.Count >= 6);
        // Upstream pauses 300 ms between chunks: a buffering proxy would deliver them all at once.
        Assert.True(arrivals[^1].At - arrivals[0].At > TimeSpan.FromMilliseconds(600),
            $"chunks arrived within {(arrivals[^1].At - arrivals[0].At).TotalMilliseconds} ms");
    }
}
