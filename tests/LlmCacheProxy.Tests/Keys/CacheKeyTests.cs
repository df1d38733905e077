using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Keys;

public sealed class CacheKeyTests
{
    [Fact]
    public void CacheId_SlashAndColonModel_SlugAndHashPrefix()
    {
        var key = new CacheKey(new string('a', 48) + new string('b', 16), "openai/gpt-4o:beta", [], false, false, 1, KeyEndpoint.ChatCompletions);

        Assert.Equal("openai-gpt-4o-beta_aaaaaaaaaaaaaaaa", key.CacheId);
    }

    [Fact]
    public void CacheId_BuiltKey_UsesModelSlugAndHashPrefix()
    {
        var key = KeyTestHelper.Build(GoldenBodies.Minimal);

        Assert.Equal("gpt-4o-mini_a57c813d0f8f86ad", key.CacheId);
    }
}
