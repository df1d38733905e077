using System.Text.Json;

namespace FakeUpstream;

/// <summary>JSON bodies and SSE chunk objects for the legacy /v1/completions, in OpenAI's shapes.</summary>
internal static class CompletionsResponses
{
    /// <summary>
    /// {"id","object":"text_completion","created","model","system_fingerprint",
    /// "choices":[{"text","index","logprobs":null,"finish_reason":"stop"}...],"usage":{...}}, one choice per prompt.
    /// </summary>
    public static byte[] Completion(CompletionsBehavior b, string id, long created) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        WriteHeader(w, b, id, created);
        w.WriteStartArray("choices");
        for (var i = 0; i < b.Prompts.Count; i++)
        {
            WriteChoice(w, b.Text(i), i, "stop");
        }

        w.WriteEndArray();
        WriteUsage(w, b);
        w.WriteEndObject();
    });

    /// <summary>A stream chunk: the same header, one choice with a piece of text (finish_reason null until the end).</summary>
    public static byte[] Chunk(CompletionsBehavior b, string id, long created, int index, string text, string? finishReason) =>
        JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            WriteHeader(w, b, id, created);
            w.WriteStartArray("choices");
            WriteChoice(w, text, index, finishReason);
            w.WriteEndArray();
            if (b.IncludeUsage)
            {
                w.WriteNull("usage");
            }

            w.WriteEndObject();
        });

    /// <summary>Final chunk when stream_options.include_usage is true: no choices, usage filled.</summary>
    public static byte[] UsageChunk(CompletionsBehavior b, string id, long created) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        WriteHeader(w, b, id, created);
        w.WriteStartArray("choices");
        w.WriteEndArray();
        WriteUsage(w, b);
        w.WriteEndObject();
    });

    private static void WriteHeader(Utf8JsonWriter w, CompletionsBehavior b, string id, long created)
    {
        w.WriteString("id", id);
        w.WriteString("object", "text_completion");
        w.WriteNumber("created", created);
        w.WriteString("model", b.Model);
        w.WriteString("system_fingerprint", ChatResponses.Fingerprint);
    }

    private static void WriteChoice(Utf8JsonWriter w, string text, int index, string? finishReason)
    {
        w.WriteStartObject();
        w.WriteString("text", text);
        w.WriteNumber("index", index);
        w.WriteNull("logprobs");
        if (finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
        }

        w.WriteEndObject();
    }

    /// <summary>{"prompt_tokens","completion_tokens","total_tokens"[,"cost"]}.</summary>
    private static void WriteUsage(Utf8JsonWriter w, CompletionsBehavior b)
    {
        var completion = b.CompletionTokens;
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", b.PromptTokens);
        w.WriteNumber("completion_tokens", completion);
        w.WriteNumber("total_tokens", b.PromptTokens + completion);
        if (b.Directives.Cost is { } cost)
        {
            w.WriteNumber("cost", cost);
        }

        w.WriteEndObject();
    }
}
