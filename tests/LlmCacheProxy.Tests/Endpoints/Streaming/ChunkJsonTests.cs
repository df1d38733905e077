using LlmCacheProxy.Endpoints.Chat;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Tests.Endpoints.Streaming;

public sealed class ChunkJsonTests
{
    [Theory]
    [InlineData("{\"id\":\"x\",\"choices\":[],\"usage\":{\"total_tokens\":2}}", true)]
    [InlineData("{\"usage\":{\"total_tokens\":2},\"choices\":[]}", true)]
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{}}],\"usage\":{\"total_tokens\":2}}", false)]
    [InlineData("{\"choices\":[],\"usage\":null}", false)]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"\\\"usage\\\"\"}}]}", false)]
    [InlineData("not json \"usage\"", false)]
    public void IsUsageOnly_Payload_Detected(string payload, bool expected) =>
        Assert.Equal(expected, ChunkJson.IsUsageOnly(payload));

    [Theory]
    [InlineData("{\"id\":\"x\",\"choices\":[],\"usage\":null}", "{\"id\":\"x\",\"choices\":[]}")]
    [InlineData("{\"usage\":null,\"id\":\"x\"}", "{\"id\":\"x\"}")]
    [InlineData("{\"a\":1, \"usage\" : null ,\"b\":2}", "{\"a\":1 ,\"b\":2}")]
    [InlineData("{\"usage\":null}", "{}")]
    public void WithoutNullUsage_NullUsageMember_RemovedWithItsComma(string payload, string expected) =>
        Assert.Equal(expected, ChunkJson.WithoutNullUsage(payload));

    [Theory]
    [InlineData("{\"choices\":[],\"usage\":{\"total_tokens\":2}}")]
    [InlineData("{\"choices\":[{\"delta\":{\"usage\":null}}]}")]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"\\\"usage\\\":null\"}}]}")]
    [InlineData("not json \"usage\":null")]
    public void WithoutNullUsage_NoTopLevelNullUsage_PayloadUnchanged(string payload) =>
        Assert.Same(payload, ChunkJson.WithoutNullUsage(payload));

    [Fact]
    public void TextPieces_Split_JoinsBackExactlyAndKeepsSurrogatesTogether()
    {
        string text = "word " + new string('x', 30) + string.Concat(Enumerable.Repeat("🌍", 80)) + " end  ";

        var pieces = TextPieces.Split(text, target: 8).ToList();

        Assert.Equal(text, string.Concat(pieces));
        Assert.True(pieces.Count > 3);
        Assert.DoesNotContain(pieces, p => char.IsHighSurrogate(p[^1]));
    }
}
