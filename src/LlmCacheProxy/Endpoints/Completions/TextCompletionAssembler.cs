using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmCacheProxy.Endpoints.Chat;

namespace LlmCacheProxy.Endpoints.Completions;

/// <summary>
/// Assembles stored legacy completion chunks into the <c>text_completion</c> a non-stream client expects: per choice (by
/// <c>index</c>) the <c>text</c> pieces concatenated and the last <c>finish_reason</c>; <c>usage</c> when the stream had
/// it; <c>id</c>, <c>created</c>, <c>model</c>, <c>system_fingerprint</c> from the chunks. Logprobs are not assembled
/// (null). Payloads that are not JSON objects are skipped.
/// </summary>
internal static class TextCompletionAssembler
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Assemble(IReadOnlyList<string> events)
    {
        string? id = null, model = null, fingerprint = null, usage = null;
        long created = 0;
        var choices = new SortedDictionary<int, (StringBuilder Text, string? Finish)>();
        foreach (string payload in events)
        {
            using var doc = TryParse(payload);
            if (doc?.RootElement is not { ValueKind: JsonValueKind.Object } root)
            {
                continue;
            }

            id ??= StreamAssembler.ReadString(root, "id");
            model ??= StreamAssembler.ReadString(root, "model");
            fingerprint = StreamAssembler.ReadString(root, "system_fingerprint") ?? fingerprint;
            if (created == 0 && root.TryGetProperty("created", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out long at))
            {
                created = at;
            }

            if (root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
            {
                usage = u.GetRawText();
            }

            if (root.TryGetProperty("choices", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                int position = 0;
                foreach (var choice in list.EnumerateArray())
                {
                    int index = StreamAssembler.ReadIndex(choice, position++);
                    var state = choices.TryGetValue(index, out var s) ? s : (new StringBuilder(), null);
                    if (choice.ValueKind == JsonValueKind.Object)
                    {
                        state.Text.Append(StreamAssembler.ReadString(choice, "text"));
                        state.Finish = StreamAssembler.ReadString(choice, "finish_reason") ?? state.Finish;
                    }

                    choices[index] = state;
                }
            }
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", id ?? "");
            w.WriteString("object", "text_completion");
            w.WriteNumber("created", created);
            w.WriteString("model", model ?? "");
            if (fingerprint is not null)
            {
                w.WriteString("system_fingerprint", fingerprint);
            }

            w.WriteStartArray("choices");
            foreach (var (index, (text, finish)) in choices)
            {
                w.WriteStartObject();
                w.WriteString("text", text.ToString());
                w.WriteNumber("index", index);
                w.WriteNull("logprobs");
                if (finish is null)
                {
                    w.WriteNull("finish_reason");
                }
                else
                {
                    w.WriteString("finish_reason", finish);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (usage is not null)
            {
                w.WritePropertyName("usage");
                w.WriteRawValue(usage);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonDocument? TryParse(string payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
