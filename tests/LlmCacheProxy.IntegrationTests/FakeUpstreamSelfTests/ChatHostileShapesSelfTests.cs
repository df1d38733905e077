using System.Text.Json;
using FakeUpstream;

namespace LlmCacheProxy.IntegrationTests.FakeUpstreamSelfTests;

/// <summary>The chat directives that make the hostile answer shapes a cache must refuse to store or must repair.</summary>
public sealed class ChatHostileShapesSelfTests
{
    private static string Body(string content, bool stream = false, bool includeUsage = false) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["model"] = "gpt-4o-mini",
        ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = content } },
        ["stream"] = stream,
        ["stream_options"] = new Dictionary<string, bool> { ["include_usage"] = includeUsage },
    });

    private static async Task<List<SseFrame>> StreamAsync(FakeOpenAiServer fake, string body)
    {
        using var http = FakeCalls.Http(fake);
        var (response, frames) = await FakeCalls.PostSseAsync(http, "v1/chat/completions", body);
        response.Dispose();
        return frames;
    }

    private static List<JsonElement> Chunks(List<SseFrame> frames) =>
        frames.Where(f => f.Data != "[DONE]").Select(f => JsonDocument.Parse(f.Data).RootElement).ToList();

    private static bool IsJson(string text)
    {
        try
        {
            JsonDocument.Parse(text).Dispose();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [Fact]
    public async Task CreatedNull_EveryChunkHasNullCreated()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var chunks = Chunks(await StreamAsync(fake, Body("a b [[created-null]]", stream: true)));

        Assert.All(chunks, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("created").ValueKind));
    }

    [Fact]
    public async Task CreatedString_EveryChunkHasStringCreated()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var chunks = Chunks(await StreamAsync(fake, Body("a b [[created-string]]", stream: true)));

        Assert.All(chunks, c => Assert.Equal("2025-01-01T00:00:00Z", c.GetProperty("created").GetString()));
    }

    [Fact]
    public async Task ToolCallsGarbage_JsonMessageCarriesAStringToolCall()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = FakeCalls.Http(fake);

        using var response = await FakeCalls.PostAsync(http, "v1/chat/completions", Body("x [[tool-calls-garbage]]"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var message = json.RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("""["x"]""", message.GetProperty("tool_calls").GetRawText());
        Assert.Equal("echo: x [[tool-calls-garbage]]", message.GetProperty("content").GetString());
    }

    [Fact]
    public async Task NonJsonEvents_DataIsPlainTextThenDone()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var frames = await StreamAsync(fake, Body("plain [[non-json-events]]", stream: true));

        Assert.Equal(["echo:", "plain", "[[non-json-events]]", "[DONE]"], frames.Select(f => f.Data));
    }

    [Fact]
    public async Task MultilineData_OneEventHasTwoDataLinesThatJoinToJson()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var frames = await StreamAsync(fake, Body("two lines [[multiline-data]]", stream: true));

        var split = Assert.Single(frames, f => f.DataLines.Count > 1);
        Assert.Equal(2, split.DataLines.Count);
        // Each line alone is a fragment: only a client that joins the lines gets the JSON.
        Assert.All(split.DataLines, line => Assert.False(IsJson(line), line));
        Assert.Equal("echo: ", JsonDocument.Parse(split.Data).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
        Assert.All(frames.Where(f => f.Data != "[DONE]"), f => JsonDocument.Parse(f.Data).Dispose());
    }

    [Fact]
    public async Task JsonSeq_JsonAnswerIsLabelledJsonSeq()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = FakeCalls.Http(fake);

        using var response = await FakeCalls.PostAsync(http, "v1/chat/completions", Body("x [[json-seq]]"));

        Assert.Equal("application/json-seq", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("chat.completion", json.RootElement.GetProperty("object").GetString());
    }

    [Fact]
    public async Task StreamUsageAbsent_IncludeUsageAsked_NoChunkMentionsUsage()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var frames = await StreamAsync(fake, Body("x [[stream-usage-absent]]", stream: true, includeUsage: true));

        Assert.Equal("[DONE]", frames[^1].Data);
        Assert.All(Chunks(frames), c => Assert.False(c.TryGetProperty("usage", out _)));
        Assert.All(Chunks(frames), c => Assert.Single(c.GetProperty("choices").EnumerateArray()));
    }

    [Fact]
    public async Task StreamUsageNull_IncludeUsageNotAsked_EveryChunkHasNullUsage()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var chunks = Chunks(await StreamAsync(fake, Body("x [[stream-usage-null]]", stream: true)));

        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
    }

    [Fact]
    public async Task IncludeUsage_WithoutDirectives_StillEndsWithTheUsageChunk()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var chunks = Chunks(await StreamAsync(fake, Body("plain usage", stream: true, includeUsage: true)));

        Assert.Equal(JsonValueKind.Object, chunks[^1].GetProperty("usage").ValueKind);
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
    }
}
