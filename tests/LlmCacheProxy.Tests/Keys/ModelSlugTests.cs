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
    [InlineData(".", "unknown")]
    [InlineData("..", "unknown")]
    [InlineData("...", "unknown")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("./gpt-4o", "gpt-4o")]
    [InlineData("gpt-4.", "gpt-4")]
    [InlineData(".hidden", "hidden")]
    [InlineData("-.-a.-.", "a")]
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
    public void From_DotsWhereTheCapFalls_NoTrailingDot()
    {
        var slug = ModelSlug.From(new string('a', 63) + ".b");

        Assert.Equal(new string('a', 63), slug);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/../b")]
    [InlineData("../..")]
    [InlineData("%2e%2e")]
    [InlineData("..\\..\\x")]
    [InlineData("?x=#frag")]
    [InlineData("name with spaces\ttab\nnewline")]
    [InlineData("\u0000nul")]
    [InlineData("emoji 😀 model")]
    [InlineData("ＡＢＣ fullwidth")]
    [InlineData("~user/$HOME/*")]
    [InlineData("a&b=c+d")]
    [InlineData("'quote\"double\"'")]
    public void From_S3UnsafeName_OneSafeSegment(string model)
    {
        var slug = ModelSlug.From(model);

        Assert.Matches("^[a-z0-9_]([a-z0-9._-]{0,62}[a-z0-9_])?$", slug);
    }

    [Fact]
    public void From_VeryLongModel_Exactly64()
    {
        Assert.Equal(64, ModelSlug.From(new string('x', 200)).Length);
    }
}
