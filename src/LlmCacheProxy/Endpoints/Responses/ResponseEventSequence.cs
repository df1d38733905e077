using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmCacheProxy.Endpoints.Chat;

namespace LlmCacheProxy.Endpoints.Responses;

/// <summary>
/// The events <see cref="ResponseEventSynthesizer"/> makes of one stored response, numbered as they are added: the
/// response's frame and each output item's announcement and completion here, the items' own events (text, refusal,
/// arguments, summary parts) in ResponseEventSequence.Parts.cs.
/// </summary>
internal sealed partial class ResponseEventSequence(JsonElement response)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<string> _events = [];

    public List<string> Build()
    {
        Add("response.created", w => WriteInProgress(w));
        Add("response.in_progress", w => WriteInProgress(w));
        if (response.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var item in output.EnumerateArray())
            {
                AddItem(item, index++);
            }
        }

        Add(ResponseEvents.Completed, w =>
        {
            w.WritePropertyName("response");
            response.WriteTo(w);
        });
        return _events;
    }

    private void WriteInProgress(Utf8JsonWriter w)
    {
        w.WriteStartObject("response");
        foreach (var member in response.EnumerateObject())
        {
            switch (member.Name)
            {
                case "status":
                    w.WriteString("status", "in_progress");
                    break;
                case "output":
                    w.WriteStartArray("output");
                    w.WriteEndArray();
                    break;
                case "usage" or "completed_at":
                    w.WriteNull(member.Name);
                    break;
                default:
                    member.WriteTo(w);
                    break;
            }
        }

        w.WriteEndObject();
    }

    private void AddItem(JsonElement item, int index)
    {
        string type = StreamAssembler.ReadString(item, "type") ?? "";
        string id = StreamAssembler.ReadString(item, "id") ?? "";
        Add("response.output_item.added", w =>
        {
            w.WriteNumber("output_index", index);
            w.WritePropertyName("item");
            WriteAnnounced(w, item, type);
        });
        switch (type)
        {
            case "message" when item.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array:
                int part = 0;
                foreach (var piece in content.EnumerateArray())
                {
                    AddContentPart(piece, id, index, part++);
                }

                break;
            case "function_call":
                AddArguments(item, id, index);
                break;
            case "reasoning" when item.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Array:
                int summaryIndex = 0;
                foreach (var text in summary.EnumerateArray())
                {
                    AddSummaryPart(text, id, index, summaryIndex++);
                }

                break;
        }

        Add("response.output_item.done", w =>
        {
            w.WriteNumber("output_index", index);
            w.WritePropertyName("item");
            item.WriteTo(w);
        });
    }

    /// <summary>The item as first announced: in progress, its text, arguments or summary still empty.</summary>
    private static void WriteAnnounced(Utf8JsonWriter w, JsonElement item, string type)
    {
        w.WriteStartObject();
        foreach (var member in item.EnumerateObject())
        {
            switch (member.Name)
            {
                case "status" when type is "message" or "function_call":
                    w.WriteString("status", "in_progress");
                    break;
                case "content" when type == "message":
                case "summary" when type == "reasoning":
                    w.WriteStartArray(member.Name);
                    w.WriteEndArray();
                    break;
                case "arguments" when type == "function_call":
                    w.WriteString("arguments", "");
                    break;
                default:
                    member.WriteTo(w);
                    break;
            }
        }

        w.WriteEndObject();
    }

    private void Add(string type, Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteNumber("sequence_number", _events.Count);
            fields(w);
            w.WriteEndObject();
        }

        _events.Add(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
