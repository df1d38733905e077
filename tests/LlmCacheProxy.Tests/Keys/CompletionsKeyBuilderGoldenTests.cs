using System.Globalization;
using LlmCacheProxy.Keys;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class CompletionsKeyBuilderGoldenTests
{
    private const string TextPromptHash = "49f94b5e714ef59d5a930e7a40b419aa84f27244bc4772b738701bc5b90c0e72";
    private const string TokenPromptHash = "ca6120295db821a345c73b5f7e4975abbd6cad0dae8c3a255cad2eebf7e544e5";

    private const string TextPrompt = """
        {"model": "gpt-3.5-turbo-instruct", "prompt": "Say this is a test \r\n", "max_tokens": 7, "temperature": 0,
         "stream": true, "stream_options": {"include_usage": true}, "user": "x", "logprobs": 2, "stop": ["\n"]}
        """;

    private const string TokenPrompt = """{"model":"davinci-002","prompt":[[1,2],[3]],"suffix":" end"}""";

    [Fact]
    public void TryBuild_TextPrompt_WritesSpecifiedCanonicalJson()
    {
        Assert.Equal(
            """{"endpoint":"completions","model":"gpt-3.5-turbo-instruct","params":{"best_of":1,"echo":false,"frequency_penalty":0,"logprobs":2,"max_tokens":7,"n":1,"presence_penalty":0,"stop":["\n"],"temperature":0,"top_p":1},"partition":"","prompt":"Say this is a test \n","route":"/v1/completions","v":2,"vary":{}}""",
            Text(BuildCompletions(TextPrompt).CanonicalJson));
    }

    [Fact]
    public void TryBuild_TextPrompt_HasGoldenHash() =>
        Assert.Equal(TextPromptHash, BuildCompletions(TextPrompt).Hash);

    [Fact]
    public void TryBuild_TokenPrompt_WritesSpecifiedCanonicalJson()
    {
        Assert.Equal(
            """{"endpoint":"completions","model":"davinci-002","params":{"best_of":1,"echo":false,"frequency_penalty":0,"max_tokens":16,"n":1,"presence_penalty":0,"suffix":" end","temperature":1,"top_p":1},"partition":"","prompt":[[1,2],[3]],"route":"/v1/completions","v":2,"vary":{}}""",
            Text(BuildCompletions(TokenPrompt).CanonicalJson));
    }

    [Fact]
    public void TryBuild_TokenPrompt_HasGoldenHash() =>
        Assert.Equal(TokenPromptHash, BuildCompletions(TokenPrompt).Hash);

    [Fact]
    public void TryBuild_UnderFrenchCulture_HasGoldenHash()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");

            Assert.Equal(TextPromptHash, BuildCompletions(TextPrompt).Hash);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void TryBuild_TextPrompt_ReportsFacts()
    {
        var key = BuildCompletions(TextPrompt);

        Assert.Equal(
            (true, true, 0.0, "gpt-3.5-turbo-instruct", KeyEndpoint.Completions),
            (key.Stream, key.IncludeUsage, key.Temperature, key.Model, key.Endpoint));
    }
}
