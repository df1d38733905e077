using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmCacheProxy.Endpoints.Chat;

namespace LlmCacheProxy.Endpoints.Completions;

/// <summary>
/// Turns a stored <c>text_completion</c> into the chunks a stream client of the legacy API expects, as OpenAI orders them:
/// each choice's text in pieces (choice 0 first, <c>finish_reason</c> null), then one empty-text chunk per choice with its
/// <c>finish_reason</c>, then a usage chunk (<c>"choices": []</c>) only when the client asked
/// <c>stream_options.include_usage</c>. Every chunk is <c>"object": "text_completion"</c> with the answer's <c>id</c>,
/// <c>created</c>, <c>model</c> and <c>system_fingerprint</c>. Logprobs are not replayed. Null when the body is not a completion.
/// </summary>
internal static class TextCompletionChunks
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Header = ["created", "model", "system_fingerprint"];

    public static IReadOnlyList<string>? Synthesize(ReadOnlyMemory<byte> completion, bool includeUsage)
    {
        try
        {
            using var doc = JsonDocument.Parse(completion);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var events = new List<string>();
            var finishes = new List<(int Index, string Finish)>();
            int position = 0;
            foreach (var choice in choices.EnumerateArray())
            {
                int index = StreamAssembler.ReadIndex(choice, position++);
                if (choice.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (string piece in TextPieces.Split(StreamAssembler.ReadString(choice, "text") ?? ""))
                {
                    events.Add(Chunk(root, w => Choice(w, index, piece, null)));
                }

                finishes.Add((index, StreamAssembler.ReadString(choice, "finish_reason") ?? "stop"));
            }

            foreach (var (index, finish) in finishes)
            {
                events.Add(Chunk(root, w => Choice(w, index, "", finish)));
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
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Choice(Utf8JsonWriter w, int index, string text, string? finish)
    {
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteString("text", text);
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
        w.WriteEndArray();
    }

    private static string Chunk(JsonElement root, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", StreamAssembler.ReadString(root, "id") ?? "");
            w.WriteString("object", "text_completion");
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
