using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Keys;

public sealed class ModelSlugTests
{
    [Theory]
    [InlineData("openai/gpt-4o:beta", "openai-gpt-4o-beta")]
    [InlineData("gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("GPT-4.1_Nano", "gpt-4.1_nano")]
    [InlineData("  a  //  b  ", "a-b")]
    [InlineData("--a--b--", "a-b")]
    [InlineData("modèle", "mod-le")]
    [InlineData("", "unknown")]
    [InlineData("/:/", "unknown")]
    public void From_Model_ReturnsSlug(string model, string expected)
    {
        Assert.Equal(expected, ModelSlug.From(model));
    }

    [Fact]
    public void From_LongModel_CappedAt64WithoutTrailingDash()
    {
        var slug = ModelSlug.From(new string('a', 63) + "/b" + new string('c', 10));

        Assert.Equal(new string('a', 63), slug);
    }

    [Fact]
    public void From_VeryLongModel_Exactly64()
    {
        Assert.Equal(64, ModelSlug.From(new string('x', 200)).Length);
    }
}
