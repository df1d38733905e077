using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Tests.Pricing;

public sealed class TokenCounterTests
{
    [Theory]
    [InlineData("gpt-4o-mini", TokenCounter.O200kBase)]
    [InlineData("gpt-4.1-nano", TokenCounter.O200kBase)]
    [InlineData("o4-mini", TokenCounter.O200kBase)]
    [InlineData("openai/gpt-5", TokenCounter.O200kBase)]
    [InlineData("gpt-4-turbo", TokenCounter.Cl100kBase)]
    [InlineData("gpt-3.5-turbo-instruct", TokenCounter.Cl100kBase)]
    [InlineData("text-embedding-3-small", TokenCounter.Cl100kBase)]
    [InlineData("text-embedding-ada-002", TokenCounter.Cl100kBase)]
    public void EncodingFor_OpenAiModel_ItsFamilysEncoding(string model, string encoding) =>
        Assert.Equal(encoding, TokenCounter.EncodingFor(model));

    [Theory]
    [InlineData("llama-3.3-70b-versatile")]
    [InlineData("claude-sonnet-4")]
    [InlineData("text-embedding-fake")]
    public void EncodingFor_OtherModel_Null(string model) => Assert.Null(TokenCounter.EncodingFor(model));

    [Fact]
    public void TryCount_KnownModel_CountsTheModelsTokens()
    {
        // "tiktoken is great!" is 6 tokens in cl100k_base (the tiktoken README's example).
        Assert.True(TokenCounter.TryCount("text-embedding-3-small", "tiktoken is great!", out int tokens));
        Assert.Equal(6, tokens);
    }

    [Fact]
    public void TryCount_UnknownModel_False()
    {
        Assert.False(TokenCounter.TryCount("mistral-embed", "hello world", out _));
        Assert.Equal(2, TokenCounter.Estimate("mistral-embed", "hello world"));
    }
}
