using System.Text;
using LlmCacheProxy.Keys;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

/// <summary>Number rules at every depth, each checked on both paths (fast and document) of the chat builder.</summary>
public sealed class ChatKeyBuilderNumberTests
{
    // Where a number can sit: top-level param, deep inside a param, an unknown message field, a content part.
    public static TheoryData<string> Places => new()
    {
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"seed":{0}}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"tools":[{"a":{"b":[true,{0}]}}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi","x":{"y":{0}}}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"u","w":[{0}]}}]}]}""",
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void TryBuild_IntegersBeyond2Pow53_DifferentKey(string place)
    {
        Assert.NotEqual(BothPaths(At(place, "9007199254740992")), BothPaths(At(place, "9007199254740993")));
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void TryBuild_NegativeIntegersBeyond2Pow53_DifferentKey(string place)
    {
        Assert.NotEqual(BothPaths(At(place, "-9007199254740992")), BothPaths(At(place, "-9007199254740993")));
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void TryBuild_IntegersBeyondInt64_DifferentKey(string place)
    {
        Assert.NotEqual(BothPaths(At(place, "123456789012345678901234567890")), BothPaths(At(place, "123456789012345678901234567891")));
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void TryBuild_IntegerBeyond2Pow53_KeyedAsWritten(string place)
    {
        var canonical = Encoding.UTF8.GetString(BuildBothPaths(At(place, "9007199254740993")).CanonicalJson);

        Assert.Contains("9007199254740993", canonical, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void TryBuild_NegativeZero_SameKeyAsZero(string place)
    {
        Assert.Equal(BothPaths(At(place, "0")), BothPaths(At(place, "-0")));
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void TryBuild_IntegralFractionAndExponent_SameKeyAsInteger(string place)
    {
        var integer = BothPaths(At(place, "100"));

        Assert.Equal((integer, integer, integer), (BothPaths(At(place, "100.0")), BothPaths(At(place, "1e2")), BothPaths(At(place, "1.00E+2"))));
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void TryBuild_FractionsThatDiffer_DifferentKey(string place)
    {
        Assert.NotEqual(BothPaths(At(place, "0.014")), BothPaths(At(place, "0.01")));
    }

    [Theory]
    [InlineData("min_p", "0.014", "0.01")]
    [InlineData("repetition_penalty", "1.004", "1.0")]
    [InlineData("frequency_penalty", "0.001", "0")]
    [InlineData("presence_penalty", "-0.004", "0")]
    [InlineData("top_k", "40.5", "40")]
    public void TryBuild_UnroundedParamCloseValues_DifferentKey(string name, string a, string b)
    {
        Assert.NotEqual(BothPaths(WithParams($"\"{name}\":{a}")), BothPaths(WithParams($"\"{name}\":{b}")));
    }

    [Theory]
    [InlineData("temperature", "0.701", "0.7")]
    [InlineData("top_p", "0.901", "0.9")]
    [InlineData("top_p", "0.895", "0.9")]
    public void TryBuild_DefaultRoundedParam_RoundedToHundredths(string name, string a, string b)
    {
        Assert.Equal(BothPaths(WithParams($"\"{name}\":{b}")), BothPaths(WithParams($"\"{name}\":{a}")));
    }

    [Fact]
    public void TryBuild_NestedTemperature_NotRounded()
    {
        Assert.NotEqual(BothPaths(WithParams("\"tools\":[{\"temperature\":0.701}]")), BothPaths(WithParams("\"tools\":[{\"temperature\":0.7}]")));
    }

    [Fact]
    public void TryBuild_OperatorRoundedParam_Rounded()
    {
        var settings = KeySettings.Default with { RoundedParams = new HashSet<string> { "min_p" } };

        Assert.Equal(BothPaths(WithParams("\"min_p\":0.01"), settings), BothPaths(WithParams("\"min_p\":0.014"), settings));
    }

    [Fact]
    public void TryBuild_OperatorRoundedParams_ReplaceDefaults()
    {
        var settings = KeySettings.Default with { RoundedParams = new HashSet<string> { "min_p" } };

        Assert.NotEqual(BothPaths(WithParams("\"temperature\":0.7"), settings), BothPaths(WithParams("\"temperature\":0.701"), settings));
    }

    [Fact]
    public void TryBuild_TemperatureNotRounded_ReportedExact()
    {
        var settings = KeySettings.Default with { RoundedParams = new HashSet<string>() };

        Assert.Equal(0.701, BuildBothPaths(WithParams("\"temperature\":0.701"), settings).Temperature);
    }

    [Theory]
    [InlineData("100", "100.001")]
    [InlineData("9007199254740993", "9007199254740992")]
    public void TryBuild_MaxTokensCloseButNotEqual_NotCacheable(string maxTokens, string maxCompletionTokens)
    {
        Assert.False(IsCacheable(WithParams($"\"max_tokens\":{maxTokens},\"max_completion_tokens\":{maxCompletionTokens}")));
    }

    [Fact]
    public void TryBuild_MaxTokensBeyond2Pow53_DifferentKey()
    {
        Assert.NotEqual(BothPaths(WithParams("\"max_tokens\":9007199254740992")), BothPaths(WithParams("\"max_tokens\":9007199254740993")));
    }

    private static string At(string place, string number) => place.Replace("{0}", number, StringComparison.Ordinal);

    private static string BothPaths(string json, KeySettings? settings = null) => BuildBothPaths(json, settings).Hash;

    private static CacheKey BuildBothPaths(string json, KeySettings? settings = null)
    {
        var builder = new ChatKeyBuilder(settings ?? KeySettings.Default);
        var utf8 = Encoding.UTF8.GetBytes(json);

        Assert.True(builder.TryBuildFast(utf8, Scope(), out var fast), "the fast path should handle this body");
        Assert.True(builder.TryBuildFromDocument(utf8, Scope(), out var reference));
        Assert.Equal(Encoding.UTF8.GetString(reference.CanonicalJson), Encoding.UTF8.GetString(fast.CanonicalJson));
        return reference;
    }
}
