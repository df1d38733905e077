using System.Globalization;
using System.Text;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Benchmarks;

/// <summary>
/// Entries shaped like real answers, for the codec's ratio and cost: a chat answer (~350 words of prose), the same
/// answer streamed (one chunk per word, as upstream sends it), a tool call, and an embedding (1536 floats).
/// </summary>
internal static class CodecSamples
{
    public const string Chat = "chat";
    public const string Stream = "stream";
    public const string ToolCall = "tool-call";
    public const string Embedding = "embedding";

    public static readonly string[] Kinds = [Chat, Stream, ToolCall, Embedding];

    private const string Prose =
        "Caching the answers of a language model works best when the requests repeat exactly, which happens more often than " +
        "one expects: evaluation suites replay the same prompts on every commit, support bots answer the same handful of " +
        "questions all day, and batch jobs are rerun after a crash. The cost of a miss is the full price of the tokens and " +
        "several hundred milliseconds of latency, while a hit costs a lookup. There are three things to get right. First, " +
        "the key must describe everything that changes the answer and nothing that does not: the model, the messages, the " +
        "sampling parameters, and the identity of the caller, but not the user field or the request id. Second, an entry " +
        "must be stored only when the answer was complete, so a stream that broke off halfway never comes back as if it " +
        "were whole. Third, stale answers must be removable in bulk, because a model upgrade or a changed system prompt " +
        "makes every earlier answer suspect at once. Beyond these, storage matters: answers are text and JSON, they " +
        "repeat their field names and their boilerplate, and a compressed store holds several times as many of them in " +
        "the same disk. Encryption at rest protects the prompts, which often contain customer data, from anyone who can " +
        "read the disk or the bucket but not the keys. Finally, warm restarts keep the latency low after a deployment, " +
        "since the hottest entries are read back into memory before the traffic returns. None of this changes the answer " +
        "a client receives: a cached response is the same bytes the upstream sent, replayed as JSON or as a stream, with " +
        "headers that say where it came from and how old it is. Operators can see what is stored, explain a miss, and " +
        "invalidate by model or namespace without a restart.";

    public static CacheEntry Entry(string kind) => kind switch
    {
        Chat => Build(ChatRequest(), new CachedResponse { Body = Utf8(ChatBody(Prose)) }),
        Stream => Build(ChatRequest(), new CachedResponse { ContentType = "text/event-stream", Events = StreamEvents(Prose) }),
        ToolCall => Build(ToolRequest(), new CachedResponse { Body = Utf8(ToolBody()) }),
        Embedding => Build(Utf8("{\"input\":\"" + Prose[..400] + "\",\"model\":\"text-embedding-3-small\"}"), new CachedResponse { Body = Utf8(EmbeddingBody()) }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static CacheEntry Build(byte[] request, CachedResponse response) => new()
    {
        CacheId = "gpt-4o-mini_0123456789abcdef",
        CacheKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        Route = "/v1/chat/completions",
        Model = "gpt-4o-mini",
        Provider = "default",
        Request = request,
        RequestBody = request,
        RequestTimestamp = DateTimeOffset.UnixEpoch.AddDays(20_000),
        ResponseTimestamp = DateTimeOffset.UnixEpoch.AddDays(20_000).AddMilliseconds(850),
        Response = response,
        Tokens = new TokenUsage(412, 468, 0),
        Cost = new CostInfo(0.0000618m, 0.0002808m, 0.0003426m),
        LatencyMs = 850,
        FirstByteMs = 240,
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] ChatRequest() => Utf8(
        "{\"model\":\"gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"system\",\"content\":\"You are a concise technical " +
        "writer. Answer in plain prose, no lists, no headings, about three hundred words. Prefer concrete examples over general " +
        "claims, and say when something is a trade-off.\"},{\"role\":\"user\",\"content\":\"Explain what a caching proxy in front " +
        "of a language model API has to get right, and why compression, encryption and warm restarts matter for it.\"}]}");

    private static byte[] ToolRequest() => Utf8(
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather in Lyon and in Turin tomorrow, in Celsius?\"}]," +
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_forecast\",\"description\":\"Weather forecast for one city and day\"," +
        "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"City name\"},\"date\":{\"type\":\"string\"," +
        "\"description\":\"ISO date\"},\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city\",\"date\"]}}}]}");

    private static string ChatBody(string content) =>
        "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"gpt-4o-mini-2024-07-18\"," +
        "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\",\"refusal\":null,\"annotations\":[]}," +
        "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":412,\"completion_tokens\":468,\"total_tokens\":880," +
        "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0," +
        "\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\"}\n";

    private static List<string> StreamEvents(string content)
    {
        const string head = "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\",\"choices\":[{\"index\":0,\"delta\":";
        var events = new List<string> { head + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}" };
        foreach (string word in content.Split(' '))
        {
            events.Add(head + "{\"content\":\"" + word + " \"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
        }

        events.Add(head + "{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}");
        events.Add("{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\",\"choices\":[],\"usage\":{\"prompt_tokens\":412,\"completion_tokens\":468,\"total_tokens\":880}}");
        return events;
    }

    private static string ToolBody() =>
        "{\"id\":\"chatcmpl-B9N2kLq8rE1sXcVw0aPqO3tZyHf7d\",\"object\":\"chat.completion\",\"created\":1741570012,\"model\":\"gpt-4o-mini-2024-07-18\"," +
        "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" +
        "{\"id\":\"call_Xy7PqR2sT9uVwZ1aBcDeFgHi\",\"type\":\"function\",\"function\":{\"name\":\"get_forecast\",\"arguments\":\"{\\\"city\\\":\\\"Lyon\\\",\\\"date\\\":\\\"2025-03-11\\\",\\\"unit\\\":\\\"celsius\\\"}\"}}," +
        "{\"id\":\"call_Jk3LmN4oPq5RsT6uVw7XyZ8a\",\"type\":\"function\",\"function\":{\"name\":\"get_forecast\",\"arguments\":\"{\\\"city\\\":\\\"Turin\\\",\\\"date\\\":\\\"2025-03-11\\\",\\\"unit\\\":\\\"celsius\\\"}\"}}]," +
        "\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":98,\"completion_tokens\":57,\"total_tokens\":155," +
        "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0," +
        "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\"}\n";

    private static string EmbeddingBody()
    {
        var random = new Random(42);
        var values = new string[1536];
        for (int i = 0; i < values.Length; i++)
        {
            // Roughly normal, small: what text-embedding-3 returns, printed with ten decimals as the API does.
            double v = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 0.05;
            values[i] = v.ToString("0.##########", CultureInfo.InvariantCulture);
        }

        return "{\n  \"object\": \"list\",\n  \"data\": [\n    {\n      \"object\": \"embedding\",\n      \"index\": 0,\n      \"embedding\": [\n        " +
            string.Join(",\n        ", values) + "\n      ]\n    }\n  ],\n  \"model\": \"text-embedding-3-small\",\n  \"usage\": {\n    \"prompt_tokens\": 80,\n    \"total_tokens\": 80\n  }\n}\n";
    }
}
