using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using FakeUpstream;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using OpenAI.Embeddings;

namespace LlmCacheProxy.IntegrationTests.Endpoints;

/// <summary><c>/v1/embeddings</c> per input item through the proxy, with the official SDK's EmbeddingClient (base64) and curl-like float requests.</summary>
public sealed class EmbeddingsCachingTests
{
    private const string Model = "text-embedding-3-small";

    private static EmbeddingClient Client(ProxyInstance proxy) => new(Model, new ApiKeyCredential(ChatRequests.DefaultKey), new OpenAIClientOptions
    {
        Endpoint = new Uri(proxy.BaseAddress, "v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });

    private static string FloatBody(params string[] inputs) =>
        JsonSerializer.Serialize(new { model = Model, input = inputs, encoding_format = "float" });

    [Fact]
    public async Task SameBatchTwice_SdkClient_SecondIsHitWithOneUpstreamCall()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = Client(ctx.Proxy);

        var first = await client.GenerateEmbeddingsAsync(["red", "green"]);
        await ctx.Proxy.WaitIdleAsync();
        var second = await client.GenerateEmbeddingsAsync(["red", "green"]);

        Assert.Equal("MISS", first.Header("X-Cache"));
        Assert.Equal("HIT", second.Header("X-Cache"));
        Assert.Equal("2/2", second.Header("X-Cache-Hits"));
        Assert.Equal(1, ctx.Upstream.EmbeddingsCalls);
        Assert.Equal(FakeOpenAiServer.EmbeddingFor("green"), second.Value[1].ToFloats().ToArray());
        Assert.Equal(first.Value.Usage.InputTokenCount, second.Value.Usage.InputTokenCount);
    }

    [Fact]
    public async Task PartlyCachedBatch_ForwardsOnlyTheMissingItems_VectorsInTheClientsOrder()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = Client(ctx.Proxy);
        await client.GenerateEmbeddingsAsync(["alpha", "beta"]);
        await ctx.Proxy.WaitIdleAsync();
        int inputsBefore = ctx.Upstream.EmbeddingInputs;

        string[] batch = ["gamma", "beta", "delta", "alpha"];
        var merged = await client.GenerateEmbeddingsAsync(batch);

        Assert.Equal(2, ctx.Upstream.EmbeddingInputs - inputsBefore);
        Assert.Equal(2, ctx.Upstream.EmbeddingsCalls);
        Assert.Equal("PARTIAL", merged.Header("X-Cache"));
        Assert.Equal("2/4", merged.Header("X-Cache-Hits"));
        Assert.Equal([0, 1, 2, 3], merged.Value.Select(e => e.Index));
        for (int i = 0; i < batch.Length; i++)
        {
            Assert.Equal(FakeOpenAiServer.EmbeddingFor(batch[i]), merged.Value[i].ToFloats().ToArray());
        }
    }

    [Fact]
    public async Task Base64ThenFloat_ShareEntries_FloatsEqualAtFloat32Precision()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        await Client(ctx.Proxy).GenerateEmbeddingsAsync(["shared entry"]);
        await ctx.Proxy.WaitIdleAsync();

        var (response, body) = await ctx.Proxy.Http.PostAsync("v1/embeddings", FloatBody("shared entry"));

        Assert.Equal("HIT", response.Header("X-Cache"));
        Assert.Equal(1, ctx.Upstream.EmbeddingsCalls);
        var embedding = JsonDocument.Parse(body).RootElement.GetProperty("data")[0].GetProperty("embedding");
        Assert.Equal(JsonValueKind.Array, embedding.ValueKind);
        Assert.Equal(FakeOpenAiServer.EmbeddingFor("shared entry"), embedding.EnumerateArray().Select(v => v.GetSingle()));
    }

    [Fact]
    public async Task FloatThenBase64_ShareEntries_SdkGetsTheSameVector()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        await ctx.Proxy.Http.PostAsync("v1/embeddings", FloatBody("curl first"));
        await ctx.Proxy.WaitIdleAsync();

        var hit = await Client(ctx.Proxy).GenerateEmbeddingAsync("curl first");

        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.Equal(FakeOpenAiServer.EmbeddingFor("curl first"), hit.Value.ToFloats().ToArray());
    }

    [Fact]
    public async Task RepeatedItemsInOneBatch_GoUpstreamOnce_EachPlaceGetsItsVector()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var result = await Client(ctx.Proxy).GenerateEmbeddingsAsync(["same", "other", "same"]);

        Assert.Equal(2, ctx.Upstream.EmbeddingInputs);
        Assert.Equal(3, result.Value.Count);
        Assert.Equal(result.Value[0].ToFloats().ToArray(), result.Value[2].ToFloats().ToArray());
        Assert.Equal(FakeOpenAiServer.EmbeddingFor("same"), result.Value[2].ToFloats().ToArray());
    }

    [Fact]
    public async Task PartialHit_Usage_IsTheWholeRequestsTokens()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = Client(ctx.Proxy);
        var whole = await client.GenerateEmbeddingsAsync(["one two three", "four five"]);
        await ctx.Proxy.WaitIdleAsync();

        var first = await client.GenerateEmbeddingsAsync(["one two three"]);
        var again = await client.GenerateEmbeddingsAsync(["four five", "one two three"]);

        Assert.Equal(whole.Value.Usage.InputTokenCount, again.Value.Usage.InputTokenCount);
        Assert.True(first.Value.Usage.InputTokenCount < whole.Value.Usage.InputTokenCount);
        Assert.Equal(whole.Value.Usage.InputTokenCount, whole.Value.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task OtherDimensions_OtherEntries()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = Client(ctx.Proxy);
        await client.GenerateEmbeddingsAsync(["sized"], new EmbeddingGenerationOptions { Dimensions = 4 });
        await ctx.Proxy.WaitIdleAsync();

        var other = await client.GenerateEmbeddingsAsync(["sized"], new EmbeddingGenerationOptions { Dimensions = 6 });

        Assert.Equal("MISS", other.Header("X-Cache"));
        Assert.Equal(FakeOpenAiServer.EmbeddingFor("sized", 6), other.Value[0].ToFloats().ToArray());
    }

    [Theory]
    [InlineData("""{"model":"text-embedding-3-small","input":""}""")]
    [InlineData("""{"model":"text-embedding-3-small","input":["ok",""]}""")]
    [InlineData("""{"model":"text-embedding-3-small","input":[1,"mixed"]}""")]
    [InlineData("""{"model":"text-embedding-3-small","input":{"text":"no"}}""")]
    public async Task BadInput_ForwardedUntouched_NeverStored(string body)
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var (first, _) = await ctx.Proxy.Http.PostAsync("v1/embeddings", body);
        var (second, _) = await ctx.Proxy.Http.PostAsync("v1/embeddings", body);

        Assert.Equal("BYPASS", first.Header("X-Cache"));
        Assert.Equal("BYPASS", second.Header("X-Cache"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(body, System.Text.Encoding.UTF8.GetString(ctx.Upstream.Requests[^1].Body));
        Assert.Equal(0, await Streaming.RawStream.StoredEntriesAsync(ctx));
    }

    [Fact]
    public async Task TooManyItems_ForwardedUntouched_Bypass()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var (response, _) = await ctx.Proxy.Http.PostAsync("v1/embeddings", FloatBody(Enumerable.Range(0, 2049).Select(i => $"t{i}").ToArray()));

        Assert.Equal("BYPASS", response.Header("X-Cache"));
        Assert.Equal(0, ctx.Upstream.EmbeddingInputs);
    }

    [Fact]
    public async Task ParallelIdenticalBatches_OneUpstreamCallPerItem()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        ctx.Upstream.ResponseDelay = TimeSpan.FromMilliseconds(200);
        var client = Client(ctx.Proxy);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GenerateEmbeddingsAsync(["p1", "p2", "p3"])));

        Assert.Equal(3, ctx.Upstream.EmbeddingInputs);
        Assert.All(results, r => Assert.Equal(FakeOpenAiServer.EmbeddingFor("p3"), r.Value[2].ToFloats().ToArray()));
    }

    [Fact]
    public async Task UpstreamError_PassedOnAsItCame_NothingStored()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var (response, body) = await ctx.Proxy.Http.PostAsync("v1/embeddings", FloatBody("fine", "fails [[status=503]]"));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("forced status 503", body, StringComparison.Ordinal);
        Assert.Equal(0, await Streaming.RawStream.StoredEntriesAsync(ctx));
    }

    [Theory]
    [InlineData(false, "STALE")]
    [InlineData(true, "MISS")]
    public async Task ExpiredItems_UpstreamTimesOut_StaleOnlyWhenEveryMissingItemHasACandidate(bool withNewItem, string expected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?>
        {
            ["Cache:DefaultTtlSeconds"] = "60",
            ["Cache:StaleIfErrorSeconds"] = "600",
            ["Proxy:UpstreamTimeoutSeconds"] = "1",
        }, clock);
        await ctx.Proxy.Http.PostAsync("v1/embeddings", FloatBody("old one", "old two"));
        await ctx.Proxy.FlushAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        ctx.Upstream.ResponseDelay = TimeSpan.FromSeconds(5);

        var (response, body) = await ctx.Proxy.Http.PostAsync("v1/embeddings",
            withNewItem ? FloatBody("old two", "new", "old one") : FloatBody("old two", "old one"));

        Assert.Equal(expected, response.Header("X-Cache"));
        if (!withNewItem)
        {
            Assert.Equal("110 - \"Response is Stale\"", response.Header("Warning"));
            var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
            Assert.Equal(FakeOpenAiServer.EmbeddingFor("old two"), data[0].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()));
        }
        else
        {
            Assert.Equal(System.Net.HttpStatusCode.GatewayTimeout, response.StatusCode);
        }
    }

    [Fact]
    public async Task Explain_PartlyCachedBatch_ExplainsEachItem()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        await ctx.Proxy.Http.PostAsync("v1/embeddings", FloatBody("known"));
        await ctx.Proxy.FlushAsync();

        var (_, explain) = await ctx.Proxy.SendAsync(HttpMethod.Post, "admin/cache/explain?route=/v1/embeddings", FloatBody("unknown", "known", "unknown"),
            headers: new Dictionary<string, string> { ["X-Client-Authorization"] = "Bearer " + ChatRequests.DefaultKey });

        Assert.Equal("partial", explain.GetProperty("reason").GetString());
        var items = explain.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("never_stored", items[0].GetProperty("reason").GetString());
        Assert.Equal([0, 2], items[0].GetProperty("positions").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("live", items[1].GetProperty("reason").GetString());
    }
}
