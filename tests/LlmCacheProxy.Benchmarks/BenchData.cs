using System.Text;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Benchmarks;

/// <summary>Shared inputs: a ~2 KB chat request and a typical stored entry.</summary>
internal static class BenchData
{
    public static readonly byte[] Request2Kb = BuildRequest();

    /// <summary>The same shape with multi-line text (\n escapes) and non-ASCII prose (accents, CJK, emoji).</summary>
    public static readonly byte[] Request2KbEscapedUnicode = BuildEscapedUnicodeRequest();

    public static CacheEntry Entry(string key) => new()
    {
        CacheId = "01JBENCH000000000000000000",
        CacheKey = key,
        Route = "/v1/chat/completions",
        Model = "gpt-4o-mini",
        Provider = "default",
        Request = Request2Kb,
        RequestTimestamp = DateTimeOffset.UnixEpoch.AddDays(20_000),
        ResponseTimestamp = DateTimeOffset.UnixEpoch.AddDays(20_000).AddMilliseconds(350),
        Response = new CachedResponse
        {
            Status = 200,
            ContentType = "application/json",
            Body = Encoding.UTF8.GetBytes(
                """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"""
                + "\"" + new string('x', 600) + "\"" +
                """},"finish_reason":"stop"}],"usage":{"prompt_tokens":420,"completion_tokens":150,"total_tokens":570}}"""),
        },
        Tokens = new TokenUsage(420, 150, 0),
        LatencyMs = 350,
        FirstByteMs = 350,
    };

    private static byte[] BuildRequest()
    {
        string filler = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 30));
        string json =
            "{\"model\":\"gpt-4o-mini\",\"temperature\":0,\"max_tokens\":256,\"messages\":[" +
            "{\"role\":\"system\",\"content\":\"You are a helpful assistant. " + filler + "\"}," +
            "{\"role\":\"user\",\"content\":\"First question: " + filler + "\"}," +
            "{\"role\":\"assistant\",\"content\":\"First answer: " + filler + "\"}," +
            "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]," +
            "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":" +
            "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}}}]}";
        return Encoding.UTF8.GetBytes(json);
    }

    private static byte[] BuildEscapedUnicodeRequest()
    {
        string filler = string.Concat(Enumerable.Repeat("Crème brûlée à la café, naïve façade.\\n", 13));
        string cjk = string.Concat(Enumerable.Repeat("日本語のテキスト 🙂\\n", 4));
        string json =
            "{\"model\":\"gpt-4o-mini\",\"temperature\":0.7,\"max_tokens\":256,\"messages\":[" +
            "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\\n\\nRules:\\n- be brief\\n" + filler + "\"}," +
            "{\"role\":\"user\",\"content\":\"First question:\\n" + filler + cjk + "\"}," +
            "{\"role\":\"assistant\",\"content\":\"First answer:\\n" + filler + "\\n\"}," +
            "{\"role\":\"user\",\"content\":\"Quelle est la capitale de la France ?\\n\"}]," +
            "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":" +
            "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}}}]}";
        return Encoding.UTF8.GetBytes(json);
    }
}
