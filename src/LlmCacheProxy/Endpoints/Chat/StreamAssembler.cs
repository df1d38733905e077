using System.Buffers;
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
/// Payloads that are not JSON objects are skipped.
/// </summary>
internal static class StreamAssembler
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Assemble(IReadOnlyList<string> events)
    {
        var head = new StreamHead();
        var choices = new SortedDictionary<int, AssembledChoice>();
        foreach (string payload in events)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(payload);
            }
            catch (JsonException)
            {
                continue;
            }

            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                head.Read(root);
                if (root.TryGetProperty("choices", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    int position = 0;
                    foreach (var choice in list.EnumerateArray())
                    {
                        int index = ReadIndex(choice, position++);
                        if (!choices.TryGetValue(index, out var state))
                        {
                            choices[index] = state = new AssembledChoice(index);
                        }

                        state.Apply(choice);
                    }
                }
            }
        }

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

        public void Read(JsonElement root)
        {
            Id ??= ReadString(root, "id");
            Model ??= ReadString(root, "model");
            ServiceTier ??= ReadString(root, "service_tier");
            SystemFingerprint = ReadString(root, "system_fingerprint") ?? SystemFingerprint;
            if (Created == 0 && root.TryGetProperty("created", out var created) && created.TryGetInt64(out long c))
            {
                Created = c;
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                Usage = usage.GetRawText();
            }
        }
    }
}
