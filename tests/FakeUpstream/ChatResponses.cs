using System.Text.Json;

namespace FakeUpstream;

/// <summary>JSON bodies and SSE chunk objects for /v1/chat/completions, in OpenAI's shapes.</summary>
internal static class ChatResponses
{
    public const string Fingerprint = "fp_fake";
    public const string ToolCallId = "call_fake1";
    public const string ToolName = "get_weather";
    public const string ToolArguments = "{\"city\":\"Paris\"}";

    /// <summary>The <c>created</c> of [[created-string]]: a date where clients expect Unix seconds.</summary>
    public const string CreatedString = "2025-01-01T00:00:00Z";

    /// <summary>Argument fragments streamed one per chunk; they concatenate to <see cref="ToolArguments"/>.</summary>
    public static readonly string[] ToolArgumentFragments = ["{\"city\":", "\"Par", "is\"}"];

    public static byte[] Completion(ChatBehavior b, string id, long created) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        WriteHeader(w, b, id, created, "chat.completion");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        if (b.Directives.Tool)
        {
            w.WriteNull("content");
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteString("id", ToolCallId);
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", ToolName);
            w.WriteString("arguments", ToolArguments);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("content", b.Content);
            if (b.Directives.ToolCallsGarbage)
            {
                w.WriteStartArray("tool_calls");
                w.WriteStringValue("x");
                w.WriteEndArray();
            }
        }

        w.WriteNull("refusal");
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", b.Directives.Tool ? "tool_calls" : "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, b);
        w.WriteEndObject();
    });

    /// <summary>First stream chunk: role assistant, empty content (or the tool call header with empty arguments).</summary>
    public static byte[] RoleChunk(ChatBehavior b, string id, long created) => Chunk(b, id, created, null, w =>
    {
        w.WriteString("role", "assistant");
        if (b.Directives.Tool)
        {
            w.WriteNull("content");
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteString("id", ToolCallId);
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", ToolName);
            w.WriteString("arguments", "");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("content", "");
        }

        w.WriteNull("refusal");
    });

    public static byte[] ContentChunk(ChatBehavior b, string id, long created, string piece) =>
        Chunk(b, id, created, null, w => w.WriteString("content", piece));

    public static byte[] ToolArgumentsChunk(ChatBehavior b, string id, long created, string fragment) =>
        Chunk(b, id, created, null, w =>
        {
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("function");
            w.WriteString("arguments", fragment);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        });

    public static byte[] FinishChunk(ChatBehavior b, string id, long created) =>
        Chunk(b, id, created, b.Directives.Tool ? "tool_calls" : "stop", static _ => { });

    /// <summary>Final chunk when stream_options.include_usage is true: no choices, usage filled.</summary>
    public static byte[] UsageChunk(ChatBehavior b, string id, long created) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        WriteHeader(w, b, id, created, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteEndArray();
        WriteUsage(w, b);
        w.WriteEndObject();
    });

    public static int CompletionTokens(ChatBehavior b) =>
        RequestJson.CountWords(b.Directives.Tool ? ToolArguments : b.Content);

    private static byte[] Chunk(ChatBehavior b, string id, long created, string? finishReason, Action<Utf8JsonWriter> delta) =>
        JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            WriteHeader(w, b, id, created, "chat.completion.chunk");
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            delta(w);
            w.WriteEndObject();
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
            w.WriteEndArray();
            if (b.SendsNullUsage)
            {
                w.WriteNull("usage");
            }

            w.WriteEndObject();
        });

    private static void WriteHeader(Utf8JsonWriter w, ChatBehavior b, string id, long created, string obj)
    {
        w.WriteString("id", id);
        w.WriteString("object", obj);
        if (b.Directives.CreatedNull)
        {
            w.WriteNull("created");
        }
        else if (b.Directives.CreatedString)
        {
            w.WriteString("created", CreatedString);
        }
        else
        {
            w.WriteNumber("created", created);
        }

        w.WriteString("model", b.Model);
        w.WriteString("system_fingerprint", Fingerprint);
    }

    private static void WriteUsage(Utf8JsonWriter w, ChatBehavior b)
    {
        var completion = CompletionTokens(b);
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", b.PromptTokens);
        w.WriteNumber("completion_tokens", completion);
        w.WriteNumber("total_tokens", b.PromptTokens + completion);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", Math.Min(b.Directives.CachedTokens, b.PromptTokens));
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details");
        w.WriteNumber("reasoning_tokens", 0);
        w.WriteEndObject();
        if (b.Directives.Cost is { } cost)
        {
            w.WriteNumber("cost", cost);
        }

        w.WriteEndObject();
    }
}
