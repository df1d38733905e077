using System.Text.Json;
using System.Text;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Tests.Caching;

public sealed class CacheEntrySerializerTests
{
    internal static CacheEntry Entry(byte[] body, IReadOnlyList<string>? events = null) => new()
    {
        CacheId = "gpt-4o_0123456789abcdef",
        CacheKey = new string('a', 64),
        Namespace = "team-a",
        Route = "/v1/chat/completions",
        Model = "gpt-4o",
        Provider = "default",
        Request = Encoding.UTF8.GetBytes("{\"messages\":[],\"model\":\"gpt-4o\"}"),
        RequestTimestamp = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
        Response = events is null
            ? new CachedResponse { Body = body }
            : new CachedResponse { ContentType = "text/event-stream", Events = events },
        ResponseTimestamp = new DateTimeOffset(2026, 11, 21, 10, 0, 1, 500, TimeSpan.Zero),
        Tokens = new TokenUsage(10, 20, 3),
        Cost = new CostInfo(0.001m, 0.002m, 0.003m),
        LatencyMs = 1234,
        FirstByteMs = 100,
        ExpiresAt = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
        Tags = ["t1"],
    };

    [Theory]
    [InlineData("{\"id\":\"x\",\"choices\":[]}")]
    [InlineData("{\n  \"id\": \"x\",\n  \"choices\": [ ]\n}\n")]
    [InlineData("  {\"a\":\"caf\u00e9 \\u00e9\"}\r\n")]
    [InlineData("not json at all")]
    public void RoundTrip_JsonBody_IsByteIdentical(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var read = CacheEntrySerializer.Deserialize(CacheEntrySerializer.Serialize(Entry(bytes)));

        Assert.NotNull(read);
        Assert.Equal(bytes, read.Response.Body.ToArray());
    }

    [Fact]
    public void RoundTrip_AllFields_ArePreserved()
    {
        var entry = Entry(Encoding.UTF8.GetBytes("{\"choices\":[]}"));

        var read = CacheEntrySerializer.Deserialize(CacheEntrySerializer.Serialize(entry))!;

        Assert.Equal(entry.CacheId, read.CacheId);
        Assert.Equal(entry.CacheKey, read.CacheKey);
        Assert.Equal(entry.Namespace, read.Namespace);
        Assert.Equal(entry.Model, read.Model);
        Assert.Equal(entry.Provider, read.Provider);
        Assert.Equal(entry.Request.ToArray(), read.Request.ToArray());
        Assert.Equal(entry.RequestTimestamp, read.RequestTimestamp);
        Assert.Equal(entry.ResponseTimestamp, read.ResponseTimestamp);
        Assert.Equal(entry.Tokens, read.Tokens);
        Assert.Equal(entry.Cost, read.Cost);
        Assert.Equal(entry.LatencyMs, read.LatencyMs);
        Assert.Equal(entry.FirstByteMs, read.FirstByteMs);
        Assert.Equal(entry.ExpiresAt, read.ExpiresAt);
        Assert.Equal(entry.Tags, read.Tags);
    }

    [Fact]
    public void RoundTrip_StreamEvents_KeepOrderAndText()
    {
        string[] events = ["{\"choices\":[{\"delta\":{\"content\":\"a\"}}]}", "{\"choices\":[{\"delta\":{\"content\":\"b\\n\"}}]}"];

        var read = CacheEntrySerializer.Deserialize(CacheEntrySerializer.Serialize(Entry([], events)))!;

        Assert.True(read.Response.IsStream);
        Assert.Equal(events, read.Response.Events);
        Assert.Equal("text/event-stream", read.Response.ContentType);
    }

    [Fact]
    public void Serialize_JsonBody_IsEmbeddedAsJsonNotString()
    {
        var json = CacheEntrySerializer.Serialize(Entry(Encoding.UTF8.GetBytes("{\"id\":\"x\"}")));

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("response").GetProperty("body").ValueKind);
        Assert.Equal(1, doc.RootElement.GetProperty("format").GetInt32());
    }

    [Fact]
    public void Serialize_MetadataOnly_LeavesOutRequestAndResponse()
    {
        var json = CacheEntrySerializer.Serialize(Entry(Encoding.UTF8.GetBytes("{\"id\":\"secret answer\"}")), metadataOnly: true);

        using var doc = JsonDocument.Parse(json);
        Assert.False(doc.RootElement.TryGetProperty("request", out _));
        Assert.False(doc.RootElement.TryGetProperty("response", out _));
        Assert.DoesNotContain("secret answer", Encoding.UTF8.GetString(json));
        Assert.Equal(10, doc.RootElement.GetProperty("tokens").GetProperty("input").GetInt64());
    }

    [Fact]
    public void RoundTrip_EstimatedTokens_CostEstimatedKept()
    {
        var entry = Entry(Encoding.UTF8.GetBytes("{\"choices\":[]}")) with { Tokens = new TokenUsage(10, 20, 0, Estimated: true) };

        var json = CacheEntrySerializer.Serialize(entry);

        using var doc = JsonDocument.Parse(json);
        Assert.True(doc.RootElement.GetProperty("cost_estimated").GetBoolean());
        Assert.True(CacheEntrySerializer.Deserialize(json)!.CostEstimated);
    }

    [Fact]
    public void Deserialize_DocumentWithoutCostEstimated_ReadsFalse()
    {
        var json = Encoding.UTF8.GetString(CacheEntrySerializer.Serialize(Entry(Encoding.UTF8.GetBytes("{\"choices\":[]}"))))
            .Replace("\"cost_estimated\":false,", "", StringComparison.Ordinal);

        Assert.DoesNotContain("cost_estimated", json, StringComparison.Ordinal);
        var read = CacheEntrySerializer.Deserialize(Encoding.UTF8.GetBytes(json))!;
        Assert.False(read.CostEstimated);
        Assert.Equal(20, read.Tokens.Output);
    }

    [Theory]
    [InlineData("{\"format\":2,\"cache_id\":\"x\"}")]
    [InlineData("[]")]
    [InlineData("{\"format\":1}")]
    [InlineData("garbage")]
    public void Deserialize_UnknownVersionOrGarbage_IsNull(string document)
    {
        Assert.Null(CacheEntrySerializer.Deserialize(Encoding.UTF8.GetBytes(document)));
    }

    [Fact]
    public void RoundTrip_RequestBody_IsKeptVerbatim()
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"GPT-4o\",  \"messages\":[]}");

        var read = CacheEntrySerializer.Deserialize(CacheEntrySerializer.Serialize(Entry([]) with { RequestBody = body }))!;

        Assert.Equal(body, read.RequestBody);
    }

    [Fact]
    public void RoundTrip_NoRequestBody_StaysNull() =>
        Assert.Null(CacheEntrySerializer.Deserialize(CacheEntrySerializer.Serialize(Entry([])))!.RequestBody);
}
