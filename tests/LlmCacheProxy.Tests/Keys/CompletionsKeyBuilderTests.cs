using LlmCacheProxy.Keys;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class CompletionsKeyBuilderTests
{
    [Theory]
    [InlineData("Exact")]
    [InlineData("Trim")]
    [InlineData("Loose")]
    public void TryBuild_PromptTrailingSpace_DifferentKeyInEveryMode(string mode)
    {
        var settings = WithMode(Enum.Parse<NormalizationMode>(mode));

        Assert.NotEqual(Prompt("\"Once upon a\"", settings), Prompt("\"Once upon a \"", settings));
    }

    [Theory]
    [InlineData("Trim")]
    [InlineData("Loose")]
    public void TryBuild_PromptCaseAndSpaceRunsInLooserModes_DifferentKey(string mode)
    {
        var settings = WithMode(Enum.Parse<NormalizationMode>(mode));

        Assert.NotEqual(Prompt("\"A  b\"", settings), Prompt("\"a b\"", settings));
    }

    [Theory]
    [InlineData("\"a\\nb\"", "\"a\\r\\nb\"")]
    [InlineData("\"a\\nb\"", "\"a\\rb\"")]
    [InlineData("\"caf\\u00e9\"", "\"cafe\\u0301\"")]
    [InlineData("[\"a\\n\",\"caf\\u00e9\"]", "[\"a\\r\\n\",\"cafe\\u0301\"]")]
    public void TryBuild_PromptExactRules_SameKey(string a, string b)
    {
        Assert.Equal(Prompt(a), Prompt(b));
    }

    [Theory]
    [InlineData("\"a\"", "[\"a\"]")]
    [InlineData("[1,2]", "[[1,2]]")]
    [InlineData("[\"a\",\"b\"]", "[\"b\",\"a\"]")]
    [InlineData("[1,2]", "[2,1]")]
    [InlineData("[9007199254740992]", "[9007199254740993]")]
    [InlineData("\"1\"", "[1]")]
    public void TryBuild_DifferentPrompt_DifferentKey(string a, string b)
    {
        Assert.NotEqual(Prompt(a), Prompt(b));
    }

    [Fact]
    public void TryBuild_NoPrompt_SameKeyAsNull()
    {
        Assert.Equal(BuildCompletions("""{"model":"m"}""").Hash, BuildCompletions("""{"model":"m","prompt":null}""").Hash);
    }

    [Theory]
    [InlineData(",\"temperature\":1,\"top_p\":1,\"n\":1")]
    [InlineData(",\"presence_penalty\":0,\"frequency_penalty\":-0.0")]
    [InlineData(",\"echo\":false,\"best_of\":1,\"max_tokens\":16")]
    [InlineData(",\"max_tokens\":16.0")]
    [InlineData(",\"stream\":true,\"stream_options\":{\"include_usage\":true}")]
    [InlineData(",\"user\":\"u\",\"metadata\":{\"a\":1},\"store\":true")]
    [InlineData(",\"seed\":null,\"suffix\":null")]
    public void TryBuild_DefaultsIgnoredOrNull_SameKey(string fields)
    {
        Assert.Equal(Prompt("\"a\""), Prompt("\"a\"", fields: fields));
    }

    [Theory]
    [InlineData(",\"max_tokens\":17")]
    [InlineData(",\"max_completion_tokens\":16")]
    [InlineData(",\"suffix\":\" end\"")]
    [InlineData(",\"echo\":true")]
    [InlineData(",\"best_of\":2")]
    [InlineData(",\"logprobs\":1")]
    [InlineData(",\"stop\":[\"\\n\"]")]
    [InlineData(",\"seed\":1")]
    [InlineData(",\"n\":2")]
    [InlineData(",\"logit_bias\":{\"50256\":-100}")]
    [InlineData(",\"temperature\":0")]
    [InlineData(",\"top_p\":0.5")]
    [InlineData(",\"min_p\":0.014")]
    [InlineData(",\"frequency_penalty\":0.001")]
    public void TryBuild_ParamThatChangesTheAnswer_DifferentKey(string fields)
    {
        Assert.NotEqual(Prompt("\"a\""), Prompt("\"a\"", fields: fields));
    }

    [Fact]
    public void TryBuild_TemperatureRounded_SameKey()
    {
        Assert.Equal(Prompt("\"a\"", fields: ",\"temperature\":0.7"), Prompt("\"a\"", fields: ",\"temperature\":0.701"));
    }

    [Fact]
    public void TryBuild_SuffixVerbatim_DifferentKey()
    {
        Assert.NotEqual(Prompt("\"a\"", fields: ",\"suffix\":\"b\""), Prompt("\"a\"", fields: ",\"suffix\":\"b \""));
    }

    [Fact]
    public void TryBuild_ModelCaseAndSpaces_SameKey()
    {
        Assert.Equal(BuildCompletions("""{"model":"davinci-002","prompt":"a"}""").Hash, BuildCompletions("""{"model":" DaVinci-002","prompt":"a"}""").Hash);
    }

    [Fact]
    public void TryBuild_DifferentScope_DifferentKey()
    {
        const string Body = """{"model":"m","prompt":"a"}""";
        var plain = BuildCompletions(Body).Hash;

        Assert.All(
            [Scope("/v1/completions", "p"), Scope("/v1/completions", query: "?api-version=1"), Scope("/v1/completions", vary: ("OpenAI-Beta", "x"))],
            scope => Assert.NotEqual(plain, BuildCompletions(Body, scope: scope).Hash));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("{\"text\":\"a\"}")]
    [InlineData("true")]
    [InlineData("[]")]
    [InlineData("[[]]")]
    [InlineData("[1.5]")]
    [InlineData("[1.0]")]
    [InlineData("[[1,2.5]]")]
    [InlineData("[\"a\",1]")]
    [InlineData("[1,\"a\"]")]
    [InlineData("[[1],\"a\"]")]
    [InlineData("[null]")]
    [InlineData("[{\"a\":1}]")]
    [InlineData("\"\\udc00\"")]
    public void TryBuild_BadPrompt_NotCacheable(string prompt)
    {
        Assert.False(IsCacheableCompletions($$"""{"model":"m","prompt":{{prompt}}}"""));
    }

    [Theory]
    [InlineData("""{"prompt":"a"}""")]
    [InlineData("""{"model":null,"prompt":"a"}""")]
    [InlineData("""{"model":"m","prompt":"a","temperature":"0.5"}""")]
    [InlineData("""{"model":"m","prompt":"a","prompt":"b"}""")]
    [InlineData("""{"model":"m","prompt":"a","x":1e400}""")]
    [InlineData("""not json""")]
    public void TryBuild_BadBody_NotCacheable(string body)
    {
        Assert.False(IsCacheableCompletions(body));
    }

    [Fact]
    public void TryBuild_ModelOverLengthLimit_NotCacheable()
    {
        Assert.Equal(
            (true, false),
            (IsCacheableCompletions($$"""{"model":"{{new string('m', 200)}}","prompt":"a"}"""),
             IsCacheableCompletions($$"""{"model":"{{new string('m', 201)}}","prompt":"a"}""")));
    }

    private static string Prompt(string prompt, KeySettings? settings = null, string fields = "") =>
        BuildCompletions($$"""{"model":"gpt-3.5-turbo-instruct","prompt":{{prompt}}{{fields}}}""", settings).Hash;
}
