using System.Text.Json;
using FakeUpstream;

namespace LlmCacheProxy.IntegrationTests.FakeUpstreamSelfTests;

/// <summary>The fake's per-endpoint call counters, as properties, in GET /__calls, and after a reset.</summary>
public sealed class CountersSelfTests
{
    private static async Task CallEachEndpointAsync(HttpClient http)
    {
        (await FakeCalls.PostAsync(http, "v1/chat/completions", """{"messages":[{"role":"user","content":"c"}]}""")).Dispose();
        (await FakeCalls.PostAsync(http, "v1/responses", """{"input":"r"}""")).Dispose();
        (await FakeCalls.PostAsync(http, "v1/responses", """{"input":"r2"}""")).Dispose();
        (await FakeCalls.PostAsync(http, "v1/embeddings", """{"input":["e1","e2","e3"]}""")).Dispose();
        (await FakeCalls.PostAsync(http, "v1/completions", """{"prompt":"p"}""")).Dispose();
        (await http.GetAsync("v1/models")).Dispose();
    }

    [Fact]
    public async Task EachEndpoint_CountsOnlyItsOwnCalls()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = FakeCalls.Http(fake);

        await CallEachEndpointAsync(http);

        Assert.Equal(
            (1, 2, 1, 3, 1, 6),
            (fake.ChatCalls, fake.ResponsesCalls, fake.EmbeddingsCalls, fake.EmbeddingInputs, fake.CompletionsCalls, fake.TotalCalls));
    }

    [Fact]
    public async Task CallsEndpoint_ListsEveryCounter()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = FakeCalls.Http(fake);
        await CallEachEndpointAsync(http);

        using var json = JsonDocument.Parse(await http.GetStringAsync("__calls"));

        var counters = json.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetInt32()));
        Assert.Equal(
            [("chat", 1), ("responses", 2), ("embeddings", 1), ("embedding_inputs", 3), ("completions", 1), ("total", 6)],
            counters);
    }

    [Fact]
    public async Task ResetCounts_ZeroesEveryCounter()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = FakeCalls.Http(fake);
        await CallEachEndpointAsync(http);

        fake.ResetCounts();

        Assert.Equal(
            (0, 0, 0, 0, 0, 0),
            (fake.ChatCalls, fake.ResponsesCalls, fake.EmbeddingsCalls, fake.EmbeddingInputs, fake.CompletionsCalls, fake.TotalCalls));
        Assert.Empty(fake.Requests);
    }
}
