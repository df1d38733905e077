using System.Text.Json;
using System.Text;
using LlmCacheProxy.Endpoints.Chat;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Tests.Endpoints.Chat;

public sealed class ChunkSynthesizerTests
{
    private const string TextAnswer = """
        {"id":"chatcmpl-9","object":"chat.completion","created":1700000001,"model":"gpt-4o-mini","system_fingerprint":"fp_9",
         "choices":[{"index":0,"message":{"role":"assistant","content":"The quick brown fox jumps over the lazy dog, and then it runs far away into the forest.","refusal":null,"reasoning_content":"because"},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":7,"completion_tokens":18,"total_tokens":25}}
        """;

    private const string ToolAnswer = """
        {"id":"chatcmpl-t","object":"chat.completion","created":1700000002,"model":"gpt-4o-mini",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
           {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
           {"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}
        """;

    private static IReadOnlyList<string> Synthesize(string json, bool includeUsage) =>
        ChunkSynthesizer.Synthesize(Encoding.UTF8.GetBytes(json), includeUsage)!;

    [Fact]
    public void Synthesize_TextAnswer_AssemblesBackToTheSameMessage()
    {
        var events = Synthesize(TextAnswer, includeUsage: true);

        var root = Assembled(events);
        var original = JsonDocument.Parse(TextAnswer).RootElement;
        var message = root.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(original.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(),
            message.GetProperty("content").GetString());
        Assert.Equal("because", message.GetProperty("reasoning_content").GetString());
        Assert.Equal("stop", root.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("chatcmpl-9", root.GetProperty("id").GetString());
        Assert.Equal(1700000001, root.GetProperty("created").GetInt64());
        Assert.Equal("fp_9", root.GetProperty("system_fingerprint").GetString());
        Assert.Equal(25, root.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public void Synthesize_LongContent_IsSentInSeveralPiecesAfterARoleChunk()
    {
        var events = Synthesize(TextAnswer, includeUsage: false);

        var first = JsonDocument.Parse(events[0]).RootElement;
        Assert.Equal("chat.completion.chunk", first.GetProperty("object").GetString());
        Assert.Equal("assistant", first.GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.True(events.Count(e => e.Contains("\"content\":\"", StringComparison.Ordinal)) >= 3);
    }

    [Fact]
    public void Synthesize_WithIncludeUsage_EndsWithUsageOnlyChunk()
    {
        var events = Synthesize(TextAnswer, includeUsage: true);

        Assert.True(ChunkJson.IsUsageOnly(events[^1]));
        Assert.Equal("stop", JsonDocument.Parse(events[^2]).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Synthesize_WithoutIncludeUsage_HasNoUsage()
    {
        var events = Synthesize(TextAnswer, includeUsage: false);

        Assert.DoesNotContain(events, e => e.Contains("\"usage\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthesize_ToolCalls_AssembleBackByIndex()
    {
        var events = Synthesize(ToolAnswer, includeUsage: false);

        var root = Assembled(events);
        var message = root.GetProperty("choices")[0].GetProperty("message");
        var calls = message.GetProperty("tool_calls");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        Assert.Equal(2, calls.GetArrayLength());
        Assert.Equal("call_1", calls[0].GetProperty("id").GetString());
        Assert.Equal("get_weather", calls[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("{\"city\":\"Paris\"}", calls[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("get_time", calls[1].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("tool_calls", root.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Synthesize_NotAChatCompletion_ReturnsNull()
    {
        Assert.Null(ChunkSynthesizer.Synthesize(Encoding.UTF8.GetBytes("{\"error\":{}}"), includeUsage: false));
        Assert.Null(ChunkSynthesizer.Synthesize(Encoding.UTF8.GetBytes("not json"), includeUsage: false));
    }

    [Theory]
    [InlineData("\"created\":null")]
    [InlineData("\"created\":\"2025-01-01T00:00:00Z\"")]
    public void Synthesize_CreatedThatIsNotAnInteger_ReturnsNull(string created) =>
        AssertRefused($"{{\"id\":\"c\",{created},\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":\"hi\"}}}}]}}");

    [Theory]
    [InlineData("[\"x\"]")]
    [InlineData("\"x\"")]
    [InlineData("[{\"id\":\"call_1\",\"function\":\"f\"}]")]
    public void Synthesize_ToolCallsThatAreNotObjects_ReturnsNull(string toolCalls) =>
        AssertRefused($"{{\"id\":\"c\",\"created\":1,\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":\"hi\",\"tool_calls\":{toolCalls}}}}}]}}");

    [Fact]
    public void Synthesize_AChoiceThatIsNotAnObject_ReturnsNull() =>
        AssertRefused("{\"id\":\"c\",\"choices\":[\"x\"]}");

    [Fact]
    public void CanSynthesize_AChatCompletion_True()
    {
        Assert.True(ChunkSynthesizer.CanSynthesize(Encoding.UTF8.GetBytes(TextAnswer)));
        Assert.True(ChunkSynthesizer.CanSynthesize(Encoding.UTF8.GetBytes(ToolAnswer)));
    }

    /// <summary>Both the builder and the store-time check refuse the body.</summary>
    private static void AssertRefused(string json)
    {
        Assert.Null(ChunkSynthesizer.Synthesize(Encoding.UTF8.GetBytes(json), includeUsage: false));
        Assert.False(ChunkSynthesizer.CanSynthesize(Encoding.UTF8.GetBytes(json)));
    }

    private static JsonElement Assembled(IReadOnlyList<string> events)
    {
        Assert.True(StreamAssembler.TryAssemble(events, out byte[]? completion));
        return JsonDocument.Parse(completion).RootElement;
    }
}
