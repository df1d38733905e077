using System.Text.Json;
using System.Text;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Chat;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Tests.Endpoints.Chat;

public sealed class ChatCompletionScanTests
{
    public static TheoryData<string> Answers => new()
    {
        """{"id":"x","choices":[{"message":{"content":"hi"}}],"usage":{"prompt_tokens":12,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":4},"cost":0.00012}}""",
        """{"choices":[],"usage":{"prompt_tokens":"12","completion_tokens":1e400,"prompt_tokens_details":[1]}}""",
        """{"choices":[],"usage":[1,2]}""",
        """{"choices":[],"usage":{"cost":1e400,"prompt_tokens":5,"prompt_tokens":7}}""",
        """{"choices":[],"usage":{"prompt_tokens":1},"usage":{"completion_tokens":2}}""",
        """{"choices":{},"usage":{"prompt_tokens":1}}""",
        """{"choices":[],"error":null}""",
        """{"error":{"message":"boom"}}""",
        """{"u\u0073age":{"prompt_tokens":9},"ch\u006fices":[{}]}""",
        """{"usage":{"prompt_tokens":9}}""",
        """[{"choices":[]}]""",
        """{"choices":[]} trailing""",
        """{"choices":[],}""",
        """{"choices":[""",
        "",
        "not json",
        "{\"choices\":[\"\xff\"]}",
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void TryRead_AnyAnswer_SameVerdictAndUsageAsJsonDocument(string text)
    {
        byte[] body = text == "{\"choices\":[\"\xff\"]}" ? [.. "{\"choices\":[\""u8, 0xff, .. "\"]}"u8] : Encoding.UTF8.GetBytes(text);

        bool stored = ChatCompletionScan.TryRead(body, out var tokens, out decimal? cost);

        var (expectedStored, expectedTokens, expectedCost) = WithDocument(body);
        Assert.Equal(expectedStored, stored);
        if (expectedStored)
        {
            Assert.Equal(expectedTokens, tokens);
            Assert.Equal(expectedCost, cost);
        }
    }

    [Fact]
    public void TryRead_OpenAiAnswer_ReadsUsageAndCost()
    {
        var body = """{"choices":[{"message":{"content":"hi"}}],"usage":{"prompt_tokens":12,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":4},"cost":0.00012}}"""u8;

        Assert.True(ChatCompletionScan.TryRead(body, out var tokens, out decimal? cost));
        Assert.Equal(new TokenUsage(12, 3, 4), tokens);
        Assert.Equal(0.00012m, cost);
    }

    /// <summary>The verdict the DOM gives (what EntryFactory did before the scan).</summary>
    private static (bool Stored, TokenUsage Tokens, decimal? Cost) WithDocument(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array ||
                root.TryGetProperty("error", out _))
            {
                return (false, TokenUsage.Zero, null);
            }

            var tokens = root.TryGetProperty("usage", out var usage) ? UsageWithDocument(usage) : TokenUsage.Zero;
            decimal? cost = usage.ValueKind == JsonValueKind.Object && usage.TryGetProperty("cost", out var c) &&
                c.ValueKind == JsonValueKind.Number && c.TryGetDecimal(out decimal value) ? value : null;
            return (true, tokens, cost);
        }
        catch (JsonException)
        {
            return (false, TokenUsage.Zero, null);
        }
    }

    /// <summary>OpenAI's <c>usage</c> object read with the DOM: the reference the scan is held to.</summary>
    private static TokenUsage UsageWithDocument(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return TokenUsage.Zero;
        }

        long cached = usage.TryGetProperty("prompt_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object
            ? Long(details, "cached_tokens")
            : 0;
        return new TokenUsage(Long(usage, "prompt_tokens"), Long(usage, "completion_tokens"), cached);

        static long Long(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) ? n : 0;
    }

    [Fact]
    public void TryReadUsage_StreamUsageChunk_ReadsTokensAndCost()
    {
        var chunk = """{"id":"c","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":2,"cost":0.5}}"""u8;

        Assert.True(ChatCompletionScan.TryReadUsage(chunk, out var tokens, out decimal? cost));
        Assert.Equal(new TokenUsage(7, 2, 0), tokens);
        Assert.Equal(0.5m, cost);
    }

    [Theory]
    [InlineData("""{"choices":[{"delta":{"content":"hi"}}],"usage":null}""")]
    [InlineData("""{"choices":[{"delta":{"content":"hi"}}]}""")]
    [InlineData("""{"choices":[],"usage":[1]}""")]
    [InlineData("not json")]
    public void TryReadUsage_NoUsageObject_IsFalse(string chunk)
    {
        Assert.False(ChatCompletionScan.TryReadUsage(Encoding.UTF8.GetBytes(chunk), out _, out _));
    }
}
