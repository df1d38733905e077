using System.Text;
using LlmCacheProxy.Endpoints.Embeddings;

namespace LlmCacheProxy.Tests.Endpoints.Embeddings;

public sealed class EmbeddingTokensTests
{
    private static List<byte[]> Items(params string[] json) => json.Select(Encoding.UTF8.GetBytes).ToList();

    [Fact]
    public void Split_OpenAiModelAndMatchingTotal_ExactCountsPerItem()
    {
        var tokens = EmbeddingTokens.Split("text-embedding-3-small", Items("\"tiktoken is great!\"", "[1,2,3]"), upstreamTotal: 9);

        Assert.Equal([6L, 3L], tokens.Select(t => t.Input));
        Assert.All(tokens, t => Assert.False(t.Estimated));
    }

    [Fact]
    public void Split_UnknownModel_UpstreamTotalSharedInProportionAndMarkedEstimated()
    {
        var tokens = EmbeddingTokens.Split("my-embedder", Items("\"one\"", "\"one two three four five six seven\"", "\"two words\""), upstreamTotal: 100);

        Assert.Equal(100, tokens.Sum(t => t.Input));
        Assert.True(tokens[1].Input > tokens[2].Input && tokens[2].Input > tokens[0].Input);
        Assert.All(tokens, t => Assert.True(t.Estimated));
    }

    [Fact]
    public void Split_CountsDisagreeWithUpstream_UpstreamsTotalWins()
    {
        var tokens = EmbeddingTokens.Split("text-embedding-3-small", Items("\"a b c\"", "\"d\""), upstreamTotal: 7);

        Assert.Equal(7, tokens.Sum(t => t.Input));
        Assert.All(tokens, t => Assert.True(t.Estimated));
    }

    [Theory]
    [InlineData(10, new long[] { 1, 1, 1 })]
    [InlineData(7, new long[] { 0, 0 })]
    [InlineData(3, new long[] { 5, 0, 5 })]
    [InlineData(0, new long[] { 2, 2 })]
    public void Apportion_AnyWeights_SharesAddUpToTheTotal(long total, long[] weights) =>
        Assert.Equal(total, EmbeddingTokens.Apportion(total, weights).Sum());
}
