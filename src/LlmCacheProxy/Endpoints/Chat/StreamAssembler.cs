using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Endpoints.Chat;

/// <summary>
/// Assembles stored <c>chat.completion.chunk</c> payloads into the <c>chat.completion</c> a non-stream client
/// expects: per choice, string deltas concatenated (<c>content</c>, <c>refusal</c>, and any other string field
/// such as <c>reasoning_content</c> or <c>reasoning</c>), <c>tool_calls</c> deltas merged by index, the last
/// <c>finish_reason</c>; <c>usage</c> when the stream had it; <c>id</c>, <c>created</c>, <c>model</c>,
/// <c>system_fingerprint</c>, <c>service_tier</c> from the chunks. Logprobs are not assembled (null).
/// A payload that is not a chunk of that shape fails the whole assembly (<see cref="TryAssemble"/>).
/// </summary>
internal static class StreamAssembler
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// False when a payload is not a chunk this can assemble faithfully: not a JSON object, <c>created</c> that is not
    /// an integer, <c>choices</c> that is not an array of objects. Such a stream is not stored (it could not be served
    /// to a non-stream client), and a stored one is not served.
    /// </summary>
    public static bool TryAssemble(IReadOnlyList<string> events, [NotNullWhen(true)] out byte[]? completion)
    {
        completion = null;
        var head = new StreamHead();
        var choices = new SortedDictionary<int, AssembledChoice>();
        try
        {
            foreach (string payload in events)
            {
                using var doc = JsonDocument.Parse(payload);
                if (!TryApply(doc.RootElement, head, choices))
                {
                    return false;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a value of another kind than the chunk format gives it.
            return false;
        }

        completion = Write(head, choices);
        return true;
    }

    private static bool TryApply(JsonElement root, StreamHead head, SortedDictionary<int, AssembledChoice> choices)
    {
        if (root.ValueKind != JsonValueKind.Object || !head.TryRead(root))
        {
            return false;
        }

        if (!root.TryGetProperty("choices", out var list))
        {
            return true;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        int position = 0;
        foreach (var choice in list.EnumerateArray())
        {
            if (choice.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            int index = ReadIndex(choice, position++);
            if (!choices.TryGetValue(index, out var state))
            {
                choices[index] = state = new AssembledChoice(index);
            }

            state.Apply(choice);
        }

        return true;
    }

    private static byte[] Write(StreamHead head, SortedDictionary<int, AssembledChoice> choices)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", head.Id ?? "");
            w.WriteString("object", "chat.completion");
            w.WriteNumber("created", head.Created);
            w.WriteString("model", head.Model ?? "");
            w.WriteStartArray("choices");
            foreach (var choice in choices.Values)
            {
                choice.Write(w);
            }

            w.WriteEndArray();
            if (head.Usage is { } usage)
            {
                w.WritePropertyName("usage");
                w.WriteRawValue(usage);
            }

            WriteOptionalString(w, "system_fingerprint", head.SystemFingerprint);
            WriteOptionalString(w, "service_tier", head.ServiceTier);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static int ReadIndex(JsonElement item, int fallback) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("index", out var i) &&
        i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out int n) ? n : fallback;

    internal static string? ReadString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteOptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>Top-level facts of the answer; the first value seen wins, except the fingerprint (often late).</summary>
    private sealed class StreamHead
    {
        public string? Id { get; private set; }
        public long Created { get; private set; }
        public string? Model { get; private set; }
        public string? SystemFingerprint { get; private set; }
        public string? ServiceTier { get; private set; }
        public string? Usage { get; private set; }

        /// <summary>False when <c>created</c> is there but not an integer (null, a string): no faithful completion.</summary>
        public bool TryRead(JsonElement root)
        {
            Id ??= ReadString(root, "id");
            Model ??= ReadString(root, "model");
            ServiceTier ??= ReadString(root, "service_tier");
            SystemFingerprint = ReadString(root, "system_fingerprint") ?? SystemFingerprint;
            if (root.TryGetProperty("created", out var created))
            {
                if (created.ValueKind != JsonValueKind.Number || !created.TryGetInt64(out long c))
                {
                    return false;
                }

                if (Created == 0)
                {
                    Created = c;
                }
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                Usage = usage.GetRawText();
            }

            return true;
        }
    }
}
