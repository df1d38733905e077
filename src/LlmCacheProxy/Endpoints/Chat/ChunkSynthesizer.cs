using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Endpoints.Chat;

/// <summary>
/// Turns a stored <c>chat.completion</c> into the <c>chat.completion.chunk</c> payloads a stream client
/// expects, per choice: a role chunk, other string fields (e.g. <c>reasoning_content</c>) then content then
/// refusal in pieces, each tool call (header, then its arguments), a finish chunk; then a usage chunk with
/// <c>"choices": []</c> only when the client asked <c>stream_options.include_usage</c>. Top-level facts
/// (<c>id</c>, <c>created</c>, <c>model</c>, <c>system_fingerprint</c>, <c>service_tier</c>) are copied.
/// Logprobs, annotations and audio are not replayed. Returns null when the body is not a chat completion of the
/// shape the chunks are built from (<see cref="CanSynthesize"/>).
/// </summary>
internal static class ChunkSynthesizer
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Header = ["created", "model", "system_fingerprint", "service_tier"];

    /// <summary>
    /// Whether <see cref="Synthesize"/> would succeed, without building the chunks (checked on every JSON answer
    /// before it is stored: building them costs an allocation per 24 characters of content).
    /// </summary>
    public static bool CanSynthesize(ReadOnlyMemory<byte> completion)
    {
        try
        {
            using var doc = JsonDocument.Parse(completion);
            return HasChunkShape(doc.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static IReadOnlyList<string>? Synthesize(ReadOnlyMemory<byte> completion, bool includeUsage)
    {
        try
        {
            using var doc = JsonDocument.Parse(completion);
            var root = doc.RootElement;
            if (!HasChunkShape(root))
            {
                return null;
            }

            var choices = root.GetProperty("choices");

            var events = new List<string>();
            int position = 0;
            foreach (var choice in choices.EnumerateArray())
            {
                AddChoice(events, root, choice, StreamAssembler.ReadIndex(choice, position++));
            }

            if (includeUsage && root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                events.Add(Chunk(root, w =>
                {
                    w.WriteStartArray("choices");
                    w.WriteEndArray();
                    w.WritePropertyName("usage");
                    usage.WriteTo(w);
                }));
            }

            return events;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a value of another kind than the completion format gives it.
            return null;
        }
    }

    /// <summary>
    /// The shape the chunks are built from: an object with a <c>choices</c> array; <c>created</c>, when present, an
    /// integer; every choice an object with a <c>message</c> object; <c>tool_calls</c>, unless absent or null, an array
    /// of objects whose <c>function</c>, when present, is an object. Anything else could not be streamed faithfully.
    /// </summary>
    private static bool HasChunkShape(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array ||
            (root.TryGetProperty("created", out var created) && (created.ValueKind != JsonValueKind.Number || !created.TryGetInt64(out _))))
        {
            return false;
        }

        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.ValueKind != JsonValueKind.Object ||
                !choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind != JsonValueKind.Null)
            {
                if (calls.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                foreach (var call in calls.EnumerateArray())
                {
                    if (call.ValueKind != JsonValueKind.Object ||
                        (call.TryGetProperty("function", out var function) && function.ValueKind != JsonValueKind.Object))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static void AddChoice(List<string> events, JsonElement root, JsonElement choice, int index)
    {
        if (choice.ValueKind != JsonValueKind.Object ||
            !choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        string? content = StreamAssembler.ReadString(message, "content");
        events.Add(Delta(root, index, null, w =>
        {
            w.WriteString("role", StreamAssembler.ReadString(message, "role") ?? "assistant");
            if (content is null)
            {
                w.WriteNull("content");
            }
            else
            {
                w.WriteString("content", "");
            }

            w.WriteNull("refusal");
        }));

        foreach (var field in message.EnumerateObject())
        {
            if (field.Value.ValueKind == JsonValueKind.String && field.Name is not ("role" or "content" or "refusal"))
            {
                AddPieces(events, root, index, field.Name, field.Value.GetString()!);
            }
        }

        AddPieces(events, root, index, "content", content);
        AddPieces(events, root, index, "refusal", StreamAssembler.ReadString(message, "refusal"));
        if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            int callIndex = 0;
            foreach (var call in calls.EnumerateArray())
            {
                AddToolCall(events, root, index, callIndex++, call);
            }
        }

        string? finish = StreamAssembler.ReadString(choice, "finish_reason");
        events.Add(Delta(root, index, finish ?? "stop", static _ => { }));
    }

    private static void AddToolCall(List<string> events, JsonElement root, int index, int callIndex, JsonElement call)
    {
        var function = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
        string? arguments = function.ValueKind == JsonValueKind.Object ? StreamAssembler.ReadString(function, "arguments") : null;
        events.Add(Delta(root, index, null, w => WriteToolCall(w, callIndex, inner =>
        {
            inner.WriteString("id", StreamAssembler.ReadString(call, "id") ?? "");
            inner.WriteString("type", StreamAssembler.ReadString(call, "type") ?? "function");
            inner.WriteStartObject("function");
            inner.WriteString("name", function.ValueKind == JsonValueKind.Object ? StreamAssembler.ReadString(function, "name") ?? "" : "");
            inner.WriteString("arguments", "");
            inner.WriteEndObject();
        })));
        if (!string.IsNullOrEmpty(arguments))
        {
            events.Add(Delta(root, index, null, w => WriteToolCall(w, callIndex, inner =>
            {
                inner.WriteStartObject("function");
                inner.WriteString("arguments", arguments);
                inner.WriteEndObject();
            })));
        }
    }

    private static void WriteToolCall(Utf8JsonWriter w, int callIndex, Action<Utf8JsonWriter> body)
    {
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteNumber("index", callIndex);
        body(w);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void AddPieces(List<string> events, JsonElement root, int index, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (string piece in TextPieces.Split(text))
        {
            events.Add(Delta(root, index, null, w => w.WriteString(field, piece)));
        }
    }

    private static string Delta(JsonElement root, int index, string? finishReason, Action<Utf8JsonWriter> delta) =>
        Chunk(root, w =>
        {
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", index);
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
        });

    private static string Chunk(JsonElement root, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", StreamAssembler.ReadString(root, "id") ?? "");
            w.WriteString("object", "chat.completion.chunk");
            foreach (string name in Header)
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    w.WritePropertyName(name);
                    value.WriteTo(w);
                }
            }

            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
