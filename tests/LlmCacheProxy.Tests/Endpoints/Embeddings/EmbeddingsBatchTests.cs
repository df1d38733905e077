using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using LlmCacheProxy.Endpoints.Embeddings;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Endpoints.Embeddings;

public sealed class EmbeddingsBatchTests
{
    private static readonly KeyScope Scope = KeyScope.Create("/v1/embeddings", null, "p", []);

    private static EmbeddingsBatch Batch(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        Assert.True(new EmbeddingsKeyBuilder(KeySettings.Default).TryParse(bytes, Scope, out var request));
        return new EmbeddingsBatch(bytes, request);
    }

    private static string Base64(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    [Fact]
    public void Units_RepeatedItems_OneUnitEachPositionsKeepTheClientsOrder()
    {
        var batch = Batch("{\"model\":\"m\",\"input\":[\"a\",\"b\",\"a\",\"c\"]}");

        Assert.Equal(3, batch.Units.Count);
        Assert.Equal([0, 1, 0, 2], batch.Positions);
    }

    [Fact]
    public void UpstreamBody_SomeUnits_OnlyThoseInOrderAsBase64WithTheOtherFields()
    {
        var batch = Batch("{\"model\":\"m\",\"input\":[\"a\",\"b\",\"c\"],\"dimensions\":4,\"user\":\"u\",\"encoding_format\":\"float\"}");

        var body = Encoding.UTF8.GetString(batch.UpstreamBody([2, 0]));

        Assert.Equal("{\"model\":\"m\",\"dimensions\":4,\"user\":\"u\",\"input\":[\"c\",\"a\"],\"encoding_format\":\"base64\"}", body);
    }

    [Fact]
    public void UpstreamBody_SingleInput_SentAsTheSingleValue()
    {
        var batch = Batch("{\"model\":\"m\",\"input\":[5,6,7]}");

        Assert.Equal("{\"model\":\"m\",\"input\":[5,6,7],\"encoding_format\":\"base64\"}", Encoding.UTF8.GetString(batch.UpstreamBody([0])));
    }

    [Fact]
    public void TrySplitAnswer_DataOutOfOrderFloatsAndBase64_EachUnitGetsItsVectorAsFloat32()
    {
        var batch = Batch("{\"model\":\"m\",\"input\":[\"a\",\"b\"]}");
        string answer = "{\"object\":\"list\",\"data\":[{\"index\":1,\"embedding\":[0.5,-0.25]},{\"index\":0,\"embedding\":\"" +
            Base64(0.1f, 0.2f) + "\"}],\"model\":\"m-2024\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}";

        Assert.True(batch.TrySplitAnswer(Encoding.UTF8.GetBytes(answer), [1, 0], out var answers));

        Assert.True(EmbeddingItemBody.TryRead(answers[0].Response.Body, out string model, out var first));
        Assert.Equal("m-2024", model);
        Assert.Equal(Convert.FromBase64String(Base64(0.1f, 0.2f)), first);
        Assert.True(EmbeddingItemBody.TryRead(answers[1].Response.Body, out _, out var second));
        Assert.Equal(Convert.FromBase64String(Base64(0.5f, -0.25f)), second);
    }

    [Theory]
    [InlineData("{\"data\":[{\"index\":0,\"embedding\":[1]}]}")]
    [InlineData("{\"data\":[{\"index\":0,\"embedding\":[1]},{\"index\":0,\"embedding\":[2]}]}")]
    [InlineData("{\"data\":[{\"index\":0,\"embedding\":[1]},{\"index\":1,\"embedding\":\"x\"}]}")]
    [InlineData("{\"error\":{\"message\":\"no\"},\"data\":[]}")]
    public void TrySplitAnswer_AnswerThatDoesNotCoverTheUnits_False(string answer)
    {
        var batch = Batch("{\"model\":\"m\",\"input\":[\"a\",\"b\"]}");

        Assert.False(batch.TrySplitAnswer(Encoding.UTF8.GetBytes(answer), [0, 1], out _));
    }

    [Fact]
    public void FloatOutput_StoredFloat32_ReadsBackToTheSameFloat32()
    {
        float[] values = [0.1f, -0.00231f, 1e-7f, 0.33333334f];
        var bytes = Convert.FromBase64String(Base64(values));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            EmbeddingVector.WriteFloats(writer, bytes);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(values, doc.RootElement.EnumerateArray().Select(e => e.GetSingle()));
    }
}
