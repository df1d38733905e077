using System.Text;
using System.Text.Json;
using LlmCacheProxy.Endpoints.Completions;

namespace LlmCacheProxy.Tests.Endpoints.Completions;

public sealed class TextCompletionTests
{
    private const string Completion = """
        {"id":"cmpl-1","object":"text_completion","created":7,"model":"gpt-3.5-turbo-instruct","system_fingerprint":"fp",
         "choices":[{"text":"first answer that is long enough to come in pieces","index":0,"logprobs":null,"finish_reason":"stop"},
                    {"text":"second","index":1,"logprobs":null,"finish_reason":"length"}],
         "usage":{"prompt_tokens":2,"completion_tokens":10,"total_tokens":12}}
        """;

    [Fact]
    public void Chunks_ThenAssembled_GiveBackTheCompletion()
    {
        var chunks = TextCompletionChunks.Synthesize(Encoding.UTF8.GetBytes(Completion), includeUsage: true)!;

        using var assembled = JsonDocument.Parse(TextCompletionAssembler.Assemble(chunks));
        var root = assembled.RootElement;
        Assert.Equal("cmpl-1", root.GetProperty("id").GetString());
        Assert.Equal("text_completion", root.GetProperty("object").GetString());
        Assert.Equal("first answer that is long enough to come in pieces", root.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal("length", root.GetProperty("choices")[1].GetProperty("finish_reason").GetString());
        Assert.Equal(12, root.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public void Chunks_WithoutIncludeUsage_NoUsageChunkAndFinishChunksLast()
    {
        var chunks = TextCompletionChunks.Synthesize(Encoding.UTF8.GetBytes(Completion), includeUsage: false)!;

        Assert.DoesNotContain(chunks, c => c.Contains("\"usage\"", StringComparison.Ordinal));
        var finishes = chunks.TakeLast(2).Select(c => JsonDocument.Parse(c).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(["stop", "length"], finishes);
        Assert.True(chunks.Count > 4);
    }
}
