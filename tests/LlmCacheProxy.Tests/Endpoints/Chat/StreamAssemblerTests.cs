using System.Text.Json;
using LlmCacheProxy.Endpoints.Chat;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Tests.Endpoints.Chat;

public sealed class StreamAssemblerTests
{
    private const string Head = "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini\"";

    private static string Chunk(string delta, string? finish = null, string extra = "") =>
        $"{{{Head}{extra},\"choices\":[{{\"index\":0,\"delta\":{delta},\"logprobs\":null,\"finish_reason\":{(finish is null ? "null" : $"\"{finish}\"")}}}]}}";

    private static JsonElement Assemble(params string[] events)
    {
        Assert.True(StreamAssembler.TryAssemble(events, out byte[]? completion));
        return JsonDocument.Parse(completion).RootElement;
    }

    [Fact]
    public void Assemble_ContentDeltas_AreConcatenatedWithHeadFinishAndUsage()
    {
        var root = Assemble(
            Chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}"),
            Chunk("{\"content\":\"Hello \"}"),
            Chunk("{\"content\":\"world\"}", extra: ",\"system_fingerprint\":\"fp_1\""),
            Chunk("{}", finish: "stop"),
            $"{{{Head},\"choices\":[],\"usage\":{{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}}}");

        Assert.Equal("chatcmpl-1", root.GetProperty("id").GetString());
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Equal(1700000000, root.GetProperty("created").GetInt64());
        Assert.Equal("gpt-4o-mini", root.GetProperty("model").GetString());
        Assert.Equal("fp_1", root.GetProperty("system_fingerprint").GetString());
        var choice = root.GetProperty("choices")[0];
        Assert.Equal("Hello world", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("message").GetProperty("refusal").ValueKind);
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(5, root.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public void Assemble_ToolCallDeltas_AreMergedByIndex()
    {
        var root = Assemble(
            Chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}"),
            Chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"y\\\"\"}}]}"),
            Chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"x\\\":1}\"}}]}"),
            Chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\":2}\"}}]}"),
            Chunk("{}", finish: "tool_calls"));

        var message = root.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        var calls = message.GetProperty("tool_calls");
        Assert.Equal(2, calls.GetArrayLength());
        Assert.Equal("call_a", calls[0].GetProperty("id").GetString());
        Assert.Equal("f", calls[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("{\"x\":1}", calls[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("call_b", calls[1].GetProperty("id").GetString());
        Assert.Equal("{\"y\":2}", calls[1].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("tool_calls", root.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Assemble_ReasoningAndRefusalFields_AreKept()
    {
        var root = Assemble(
            Chunk("{\"role\":\"assistant\",\"reasoning_content\":\"think \"}"),
            Chunk("{\"reasoning_content\":\"hard\",\"reasoning\":\"r\"}"),
            Chunk("{\"refusal\":\"I can't \"}"),
            Chunk("{\"refusal\":\"help.\"}", finish: "stop"));

        var message = root.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("think hard", message.GetProperty("reasoning_content").GetString());
        Assert.Equal("r", message.GetProperty("reasoning").GetString());
        Assert.Equal("I can't help.", message.GetProperty("refusal").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
    }

    [Fact]
    public void Assemble_SeveralChoices_AreKeptApartInIndexOrder()
    {
        var root = Assemble(
            $"{{{Head},\"choices\":[{{\"index\":1,\"delta\":{{\"content\":\"B\"}}}},{{\"index\":0,\"delta\":{{\"content\":\"A\"}}}}]}}",
            $"{{{Head},\"choices\":[{{\"index\":1,\"delta\":{{\"content\":\"b\"}},\"finish_reason\":\"length\"}}]}}");

        var choices = root.GetProperty("choices");
        Assert.Equal("A", choices[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("Bb", choices[1].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choices[1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Assemble_WithoutUsageChunk_HasNoUsage()
    {
        var root = Assemble(Chunk("{\"content\":\"x\"}", finish: "stop"));

        Assert.False(root.TryGetProperty("usage", out _));
        Assert.Equal("x", root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"a string\"")]
    public void TryAssemble_APayloadThatIsNotAJsonObject_Fails(string payload) =>
        Assert.False(StreamAssembler.TryAssemble([Chunk("{\"content\":\"x\"}"), payload], out _));

    [Theory]
    [InlineData("null")]
    [InlineData("\"2025-01-01T00:00:00Z\"")]
    [InlineData("1.5")]
    public void TryAssemble_CreatedThatIsNotAnInteger_Fails(string created) =>
        Assert.False(StreamAssembler.TryAssemble(
            [$"{{\"id\":\"c\",\"created\":{created},\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"x\"}}}}]}}"], out _));

    [Theory]
    [InlineData("\"choices\":\"x\"")]
    [InlineData("\"choices\":[\"x\"]")]
    public void TryAssemble_ChoicesThatAreNotAnArrayOfObjects_Fails(string choices) =>
        Assert.False(StreamAssembler.TryAssemble([$"{{{Head},{choices}}}"], out _));
}
