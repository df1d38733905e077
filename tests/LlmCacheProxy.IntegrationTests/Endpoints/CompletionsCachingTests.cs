using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Endpoints;

/// <summary>The legacy <c>/v1/completions</c> through the proxy (raw HTTP: the .NET SDK has no client for it).</summary>
public sealed class CompletionsCachingTests
{
    private const string Path = "v1/completions";

    private static string Body(string prompt, bool stream = false, bool includeUsage = false) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["model"] = "gpt-3.5-turbo-instruct",
        ["prompt"] = prompt,
        ["stream"] = stream,
        ["stream_options"] = includeUsage ? new { include_usage = true } : null!,
    }.Where(p => p.Value is not null && !(p.Key == "stream" && !stream)).ToDictionary());

    private static string StreamedText(List<(string? Event, string Data)> events) => string.Concat(events
        .Where(e => e.Data != "[DONE]")
        .Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("choices"))
        .Where(c => c.GetArrayLength() > 0)
        .Select(c => c[0].GetProperty("text").GetString()));

    [Fact]
    public async Task SameRequestTwice_SecondIsHitWithOneUpstreamCall()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var (first, a) = await ctx.Proxy.Http.PostAsync(Path, Body("Once upon a time"));
        await ctx.Proxy.WaitIdleAsync();
        var (second, b) = await ctx.Proxy.Http.PostAsync(Path, Body("Once upon a time"));

        Assert.Equal("MISS", first.Header("X-Cache"));
        Assert.Equal("HIT", second.Header("X-Cache"));
        Assert.Equal(1, ctx.Upstream.CompletionsCalls);
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task StreamEntry_JsonClient_GetsAnAssembledTextCompletion()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var (_, events) = await ctx.Proxy.Http.StreamAsync(Path, Body("stream then json [[words=30]]", stream: true));
        await ctx.Proxy.WaitIdleAsync();
        var (hit, json) = await ctx.Proxy.Http.PostAsync(Path, Body("stream then json [[words=30]]"));

        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.Equal(1, ctx.Upstream.CompletionsCalls);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal("text_completion", root.GetProperty("object").GetString());
        Assert.Equal(StreamedText(events), root.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal("stop", root.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.True(root.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0, "the entry has the usage the proxy asked for");
    }

    [Fact]
    public async Task JsonEntry_StreamClient_GetsTextCompletionChunksThenDone()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var (_, json) = await ctx.Proxy.Http.PostAsync(Path, Body("json then stream [[words=30]]"));
        await ctx.Proxy.WaitIdleAsync();
        var (hit, events) = await ctx.Proxy.Http.StreamAsync(Path, Body("json then stream [[words=30]]", stream: true, includeUsage: true));

        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.Equal("text/event-stream", hit.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonDocument.Parse(json).RootElement.GetProperty("choices")[0].GetProperty("text").GetString(), StreamedText(events));
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.Contains("\"usage\":{", events[^2].Data, StringComparison.Ordinal);
        Assert.All(events.SkipLast(1), e => Assert.Equal("text_completion", JsonDocument.Parse(e.Data).RootElement.GetProperty("object").GetString()));
    }

    [Fact]
    public async Task StreamWithoutIncludeUsage_ClientGetsNoUsage_EntryKeepsIt()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var (_, events) = await ctx.Proxy.Http.StreamAsync(Path, Body("no usage for me", stream: true));
        await ctx.Proxy.WaitIdleAsync();
        var (_, replayed) = await ctx.Proxy.Http.StreamAsync(Path, Body("no usage for me", stream: true, includeUsage: true));

        Assert.DoesNotContain(events, e => e.Data.Contains("\"usage\"", StringComparison.Ordinal));
        Assert.Contains("\"include_usage\":true", System.Text.Encoding.UTF8.GetString(ctx.Upstream.Requests[^1].Body), StringComparison.Ordinal);
        Assert.Contains(replayed, e => e.Data.Contains("\"choices\":[]", StringComparison.Ordinal) && e.Data.Contains("\"prompt_tokens\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":["a","b"]}""", """{"prompt":["a","b"],"model":"GPT-3.5-turbo-instruct ","max_tokens":16,"user":"x"}""", true)]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":"a "}""", """{"model":"gpt-3.5-turbo-instruct","prompt":"a"}""", false)]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":[1,2]}""", """{"model":"gpt-3.5-turbo-instruct","prompt":[[1,2]]}""", false)]
    public async Task PromptForms_KeyedAsDocumented(string first, string second, bool sameEntry)
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        await ctx.Proxy.Http.PostAsync(Path, first);
        await ctx.Proxy.WaitIdleAsync();
        var (response, _) = await ctx.Proxy.Http.PostAsync(Path, second);

        Assert.Equal(sameEntry ? "HIT" : "MISS", response.Header("X-Cache"));
    }
}
