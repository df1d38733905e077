using LlmCacheProxy.Keys;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class ChatKeyBuilderParamsTests
{
    [Theory]
    [InlineData("\"temperature\":1")]
    [InlineData("\"temperature\":1.0")]
    [InlineData("\"temperature\":null")]
    [InlineData("\"top_p\":1")]
    [InlineData("\"top_p\":1.00")]
    [InlineData("\"n\":1")]
    [InlineData("\"presence_penalty\":0")]
    [InlineData("\"presence_penalty\":0.0")]
    [InlineData("\"frequency_penalty\":0")]
    [InlineData("\"frequency_penalty\":-0.0")]
    [InlineData("\"temperature\":1e0,\"top_p\":1,\"n\":1,\"presence_penalty\":0,\"frequency_penalty\":0")]
    public void TryBuild_DefaultValueGiven_SameKeyAsAbsent(string param)
    {
        Assert.Equal(Hash(WithParams("")), Hash(WithParams(param)));
    }

    [Theory]
    [InlineData("0.70")]
    [InlineData("0.701")]
    [InlineData("0.704")]
    [InlineData("7e-1")]
    public void TryBuild_TemperatureRoundsToSameHundredth_SameKey(string temperature)
    {
        Assert.Equal(Hash(WithParams("\"temperature\":0.7")), Hash(WithParams($"\"temperature\":{temperature}")));
    }

    [Fact]
    public void TryBuild_TemperatureMidpoint_RoundsAwayFromZero()
    {
        Assert.Equal(Hash(WithParams("\"temperature\":0.71")), Hash(WithParams("\"temperature\":0.705")));
    }

    [Fact]
    public void TryBuild_DifferentTemperature_DifferentKey()
    {
        Assert.NotEqual(Hash(WithParams("\"temperature\":0.7")), Hash(WithParams("\"temperature\":0.8")));
    }

    [Fact]
    public void TryBuild_Temperature_ReportedRounded()
    {
        Assert.Equal(0.71, Build(WithParams("\"temperature\":0.705")).Temperature);
    }

    [Fact]
    public void TryBuild_NestedNumbers_NotRounded()
    {
        Assert.NotEqual(Hash(WithParams("\"x\":{\"a\":0.701}")), Hash(WithParams("\"x\":{\"a\":0.7}")));
    }

    [Theory]
    [InlineData("\"stream\":true")]
    [InlineData("\"stream\":false")]
    [InlineData("\"stream_options\":{\"include_usage\":true}")]
    [InlineData("\"user\":\"alice\"")]
    [InlineData("\"metadata\":{\"run\":\"42\"}")]
    [InlineData("\"store\":true")]
    public void TryBuild_DefaultIgnoredParam_SameKey(string param)
    {
        Assert.Equal(Hash(WithParams("")), Hash(WithParams(param)));
    }

    [Fact]
    public void TryBuild_OtherParam_DifferentKey()
    {
        Assert.NotEqual(Hash(WithParams("")), Hash(WithParams("\"seed\":7")));
    }

    [Fact]
    public void TryBuild_CustomIgnoredParam_SameKey()
    {
        var settings = KeySettings.Default with { IgnoredParams = new HashSet<string> { "service_tier" } };

        Assert.Equal(Hash(WithParams(""), settings), Hash(WithParams("\"service_tier\":\"flex\""), settings));
    }

    [Fact]
    public void TryBuild_CustomIgnoredParams_ReplaceDefaults()
    {
        var settings = KeySettings.Default with { IgnoredParams = new HashSet<string> { "service_tier" } };

        Assert.NotEqual(Hash(WithParams(""), settings), Hash(WithParams("\"user\":\"alice\""), settings));
    }

    [Fact]
    public void TryBuild_StreamIgnored_StillReported()
    {
        var key = Build(WithParams("\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        Assert.True(key.Stream && key.IncludeUsage);
    }

    [Fact]
    public void TryBuild_MaxTokensVersusMaxCompletionTokens_SameKey()
    {
        Assert.Equal(Hash(WithParams("\"max_tokens\":100")), Hash(WithParams("\"max_completion_tokens\":100")));
    }

    [Fact]
    public void TryBuild_BothMaxTokensEqual_SameKeyAsOne()
    {
        Assert.Equal(
            Hash(WithParams("\"max_completion_tokens\":100")),
            Hash(WithParams("\"max_tokens\":100,\"max_completion_tokens\":100.0")));
    }

    [Fact]
    public void TryBuild_BothMaxTokensDiffer_NotCacheable()
    {
        var builder = new ChatKeyBuilder(KeySettings.Default);

        var ok = builder.TryBuild(System.Text.Encoding.UTF8.GetBytes(WithParams("\"max_tokens\":100,\"max_completion_tokens\":200")), Scope(), out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryBuild_DifferentMaxTokens_DifferentKey()
    {
        Assert.NotEqual(Hash(WithParams("\"max_tokens\":100")), Hash(WithParams("\"max_tokens\":101")));
    }

    [Fact]
    public void TryBuild_TopLevelNullParam_SameKeyAsAbsent()
    {
        Assert.Equal(Hash(WithParams("")), Hash(WithParams("\"seed\":null,\"stop\":null")));
    }
}
