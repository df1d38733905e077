using LlmCacheProxy.Keys;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class ChatKeyBuilderNormalizationTests
{
    [Fact]
    public void TryBuild_TrailingSpacesInTrimMode_SameKey()
    {
        var settings = WithMode(NormalizationMode.Trim);

        Assert.Equal(Hash(UserMessage("\"Hello\""), settings), Hash(UserMessage("\" Hello \\n \""), settings));
    }

    [Fact]
    public void TryBuild_TrailingSpacesInExactMode_DifferentKey()
    {
        var settings = WithMode(NormalizationMode.Exact);

        Assert.NotEqual(Hash(UserMessage("\"Hello\""), settings), Hash(UserMessage("\"Hello  \""), settings));
    }

    [Theory]
    [InlineData("Exact")]
    [InlineData("Trim")]
    public void TryBuild_CaseDiffersOutsideLoose_DifferentKey(string mode)
    {
        var settings = WithMode(Enum.Parse<NormalizationMode>(mode));

        Assert.NotEqual(Hash(UserMessage("\"Hello World\""), settings), Hash(UserMessage("\"hello world\""), settings));
    }

    [Fact]
    public void TryBuild_CaseDiffersInLoose_SameKey()
    {
        var settings = WithMode(NormalizationMode.Loose);

        Assert.Equal(Hash(UserMessage("\"Hello World\""), settings), Hash(UserMessage("\"hello world\""), settings));
    }

    [Fact]
    public void TryBuild_WhitespaceRunsInLoose_SameKey()
    {
        var settings = WithMode(NormalizationMode.Loose);

        Assert.Equal(Hash(UserMessage("\"a b c\""), settings), Hash(UserMessage("\" a \\t\\n b   c \""), settings));
    }

    [Fact]
    public void TryBuild_WhitespaceRunsInTrim_DifferentKey()
    {
        Assert.NotEqual(Hash(UserMessage("\"a b\"")), Hash(UserMessage("\"a  b\"")));
    }

    [Theory]
    [InlineData("Exact")]
    [InlineData("Trim")]
    [InlineData("Loose")]
    public void TryBuild_CrLfVersusLf_SameKey(string mode)
    {
        var settings = WithMode(Enum.Parse<NormalizationMode>(mode));

        Assert.Equal(Hash(UserMessage("\"a\\nb\\nc\""), settings), Hash(UserMessage("\"a\\r\\nb\\rc\""), settings));
    }

    [Theory]
    [InlineData("Exact")]
    [InlineData("Trim")]
    [InlineData("Loose")]
    public void TryBuild_NfdVersusNfc_SameKey(string mode)
    {
        var settings = WithMode(Enum.Parse<NormalizationMode>(mode));

        Assert.Equal(Hash(UserMessage("\"caf\\u00e9\""), settings), Hash(UserMessage("\"cafe\\u0301\""), settings));
    }

    [Theory]
    [InlineData("Exact")]
    [InlineData("Trim")]
    [InlineData("Loose")]
    public void TryBuild_ShortAndUnicodeEscapes_SameKey(string mode)
    {
        var settings = WithMode(Enum.Parse<NormalizationMode>(mode));

        Assert.Equal(
            Hash(UserMessage("\"\\t a\\nb\\\"c\\\\ \\n\""), settings),
            Hash(UserMessage("\"\\u0009 a\\u000ab\\u0022c\\u005c \\u000a\""), settings));
    }

    [Fact]
    public void TryBuild_EscapedNewlineInTrim_Trimmed()
    {
        Assert.Contains("\"content\":\"a\\nb\"", Canonical(UserMessage("\"\\n a\\nb \\t\"")), StringComparison.Ordinal);
    }

    [Fact]
    public void TryBuild_EscapedNewlineInExact_Kept()
    {
        Assert.Contains(
            "\"content\":\"\\n a\\nb \\t\"",
            Canonical(UserMessage("\"\\n a\\nb \\t\""), WithMode(NormalizationMode.Exact)),
            StringComparison.Ordinal);
    }

    [Fact]
    public void TryBuild_TextPartTrailingSpace_SameKeyInTrim()
    {
        Assert.Equal(
            Hash(UserMessage("""[{"type":"text","text":"Describe"}]""")),
            Hash(UserMessage("""[{"type":"text","text":"Describe \r\n"}]""")));
    }

    [Fact]
    public void TryBuild_NonTextMessageFieldsInLoose_NotNormalized()
    {
        var settings = WithMode(NormalizationMode.Loose);
        const string Upper = """{"model":"m","messages":[{"role":"user","name":"Bob","content":"x"}]}""";
        const string Lower = """{"model":"m","messages":[{"role":"user","name":"bob","content":"x"}]}""";

        Assert.NotEqual(Hash(Upper, settings), Hash(Lower, settings));
    }
}
