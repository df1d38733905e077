using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using FakeUpstream;
using OpenAI.Embeddings;

namespace LlmCacheProxy.IntegrationTests.FakeUpstreamSelfTests;

/// <summary>The fake's POST /v1/embeddings, read by the official SDK's EmbeddingClient (base64 by default) and as floats.</summary>
public sealed class EmbeddingsSelfTests
{
    private static EmbeddingClient Client(FakeOpenAiServer fake) =>
        new("text-embedding-3-small", FakeCalls.Key, FakeCalls.OpenAiOptions(fake));

    private static float[] Vector(OpenAIEmbedding embedding) => embedding.ToFloats().ToArray();

    [Fact]
    public async Task SdkDefault_AsksForBase64_AndDecodesEachItemsVectorInOrder()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        OpenAIEmbeddingCollection result = await Client(fake).GenerateEmbeddingsAsync(["alpha", "beta", "gamma"]);

        Assert.Contains("\"encoding_format\":\"base64\"", fake.Requests[0].BodyText, StringComparison.Ordinal);
        Assert.Equal([0, 1, 2], result.Select(e => e.Index));
        Assert.Equal(FakeOpenAiServer.EmbeddingFor("alpha"), Vector(result[0]));
        Assert.Equal(FakeOpenAiServer.EmbeddingFor("beta"), Vector(result[1]));
        Assert.Equal(FakeOpenAiServer.EmbeddingFor("gamma"), Vector(result[2]));
    }

    [Fact]
    public async Task FloatFormat_SdkParsesTheSameNumbersAsBase64()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        var body = BinaryContent.Create(BinaryData.FromString(
            """{"model":"text-embedding-3-small","input":["alpha","beta"],"encoding_format":"float"}"""));

        ClientResult raw = await Client(fake).GenerateEmbeddingsAsync(body);
        var result = ModelReaderWriter.Read<OpenAIEmbeddingCollection>(raw.GetRawResponse().Content)!;

        using var json = JsonDocument.Parse(raw.GetRawResponse().Content);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("data")[0].GetProperty("embedding").ValueKind);
        Assert.Equal(FakeOpenAiServer.EmbeddingFor("alpha"), Vector(result[0]));
        Assert.Equal(FakeOpenAiServer.EmbeddingFor("beta"), Vector(result[1]));
    }

    [Fact]
    public async Task SameItem_InAnotherBatchPosition_GetsTheSameVector()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        var client = Client(fake);

        OpenAIEmbeddingCollection batch = await client.GenerateEmbeddingsAsync(["first", "second"]);
        OpenAIEmbedding alone = await client.GenerateEmbeddingAsync("second");

        Assert.Equal(Vector(batch[1]), Vector(alone));
        Assert.NotEqual(Vector(batch[0]), Vector(batch[1]));
    }

    [Fact]
    public async Task Dimensions_SetTheLengthAndTheValues()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        OpenAIEmbedding embedding = await Client(fake).GenerateEmbeddingAsync("sized", new EmbeddingGenerationOptions { Dimensions = 40 });

        Assert.Equal(40, Vector(embedding).Length);
        Assert.Equal(FakeOpenAiServer.EmbeddingFor("sized", 40), Vector(embedding));
        Assert.NotEqual(FakeOpenAiServer.EmbeddingFor("sized"), Vector(embedding)[..FakeOpenAiServer.DefaultEmbeddingDimensions]);
    }

    [Fact]
    public async Task TokenArrays_GetOneVectorEach()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        ReadOnlyMemory<int>[] inputs = [new[] { 1, 2, 3 }, new[] { 4 }];

        OpenAIEmbeddingCollection result = await Client(fake).GenerateEmbeddingsAsync(inputs);

        Assert.Equal(FakeOpenAiServer.EmbeddingFor([1, 2, 3]), Vector(result[0]));
        Assert.Equal(FakeOpenAiServer.EmbeddingFor([4]), Vector(result[1]));
        Assert.Equal(4, result.Usage.InputTokenCount);
    }

    [Fact]
    public async Task Usage_CountsWordsOfEveryItem()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        OpenAIEmbeddingCollection result = await Client(fake).GenerateEmbeddingsAsync(["one two three", "four"]);

        Assert.Equal(4, result.Usage.InputTokenCount);
        Assert.Equal(4, result.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Counters_CountCallsAndInputItems()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        var client = Client(fake);

        await client.GenerateEmbeddingsAsync(["a", "b", "c"]);
        await client.GenerateEmbeddingsAsync(["d", "e"]);

        Assert.Equal(2, fake.EmbeddingsCalls);
        Assert.Equal(5, fake.EmbeddingInputs);
    }

    [Fact]
    public async Task EmptyStringItem_IsRefusedWith400AndCountsNoInputs()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(fake).GenerateEmbeddingsAsync(["ok", ""]));

        Assert.Equal(400, error.Status);
        Assert.Equal(1, fake.EmbeddingsCalls);
        Assert.Equal(0, fake.EmbeddingInputs);
    }
}
