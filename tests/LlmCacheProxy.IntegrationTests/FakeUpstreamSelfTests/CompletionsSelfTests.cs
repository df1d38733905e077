using System.Text.Json;
using FakeUpstream;

namespace LlmCacheProxy.IntegrationTests.FakeUpstreamSelfTests;

/// <summary>The fake's legacy POST /v1/completions over raw HTTP (the .NET SDK has no client for it).</summary>
public sealed class CompletionsSelfTests
{
    private static async Task<JsonElement> PostJsonAsync(FakeOpenAiServer fake, string body)
    {
        using var http = FakeCalls.Http(fake);
        using var response = await FakeCalls.PostAsync(http, "v1/completions", body);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task StringPrompt_IsTextCompletionWithOneChoiceAndUsage()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var root = await PostJsonAsync(fake, """{"model":"gpt-3.5-turbo-instruct","prompt":"say this"}""");

        Assert.Equal("text_completion", root.GetProperty("object").GetString());
        Assert.StartsWith("cmpl-", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        var choice = Assert.Single(root.GetProperty("choices").EnumerateArray());
        Assert.Equal("echo: say this", choice.GetProperty("text").GetString());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(2, root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(3, root.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(1, fake.CompletionsCalls);
    }

    [Fact]
    public async Task SeveralPrompts_GiveOneChoicePerPromptInOrder()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var root = await PostJsonAsync(fake, """{"model":"m","prompt":["first","second",[7,8]]}""");

        var texts = root.GetProperty("choices").EnumerateArray().Select(c => (c.GetProperty("index").GetInt32(), c.GetProperty("text").GetString()));
        Assert.Equal([(0, "echo: first"), (1, "echo: second"), (2, "echo: 7 8")], texts);
    }

    [Fact]
    public async Task TokenPrompt_CountsItsTokens()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var root = await PostJsonAsync(fake, """{"model":"m","prompt":[11,12,13]}""");

        Assert.Equal("echo: 11 12 13", root.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal(3, root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_ChunksConcatenateToTheJsonText_ThenDone()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = FakeCalls.Http(fake);

        var (response, frames) = await FakeCalls.PostSseAsync(http, "v1/completions", """{"model":"m","prompt":"stream it","stream":true}""");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", frames[^1].Data);
        var chunks = frames.SkipLast(1).Select(f => JsonDocument.Parse(f.Data).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("text_completion", c.GetProperty("object").GetString()));
        Assert.Equal("echo: stream it", string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString())));
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.All(chunks, c => Assert.False(c.TryGetProperty("usage", out _)));
    }

    [Fact]
    public async Task Stream_IncludeUsage_EndsWithAUsageChunk()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = FakeCalls.Http(fake);

        var (_, frames) = await FakeCalls.PostSseAsync(http, "v1/completions",
            """{"model":"m","prompt":"count me","stream":true,"stream_options":{"include_usage":true}}""");

        using var last = JsonDocument.Parse(frames[^2].Data);
        Assert.Empty(last.RootElement.GetProperty("choices").EnumerateArray());
        Assert.Equal(3, last.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task StatusDirective_AnswersThatStatusWithAnOpenAiError()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = FakeCalls.Http(fake);

        using var response = await FakeCalls.PostAsync(http, "v1/completions", """{"model":"m","prompt":"x [[status=503]]"}""");

        Assert.Equal(503, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("server_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }
}
