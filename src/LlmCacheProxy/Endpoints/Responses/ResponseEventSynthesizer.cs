using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmCacheProxy.Endpoints.Chat;

namespace LlmCacheProxy.Endpoints.Responses;

/// <summary>
/// Turns a stored, completed <c>response</c> into the event sequence a streaming client of the Responses API expects,
/// numbered from 0 in <c>sequence_number</c>: <c>response.created</c> and <c>response.in_progress</c> (the response in
/// progress: no output, no usage), then per output item <c>response.output_item.added</c> (the item as first announced),
/// its own events, <c>response.output_item.done</c> (the item as stored), and last <c>response.completed</c> with the
/// stored response. Own events: a message's parts (<c>content_part.added</c>, <c>output_text.delta</c> in pieces,
/// <c>output_text.done</c>, <c>content_part.done</c>; refusals as <c>refusal.delta</c> / <c>refusal.done</c>); a function
/// call's <c>function_call_arguments.delta</c> in pieces and <c>.done</c>; a reasoning item's summary parts
/// (<c>reasoning_summary_part.added</c>, <c>reasoning_summary_text.delta</c>, <c>.done</c>, <c>reasoning_summary_part.done</c>).
/// Other items (tool calls of built-in tools) are announced and done whole. Returns null for anything but a completed response.
/// </summary>
internal static class ResponseEventSynthesizer
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<string>? Synthesize(ReadOnlyMemory<byte> response)
    {
        if (!ResponseScan.TryRead(response.Span, out _, out _))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(response);
            return new Sequence(doc.RootElement).Build();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Sequence(JsonElement response)
    {
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

        private void AddContentPart(JsonElement part, string itemId, int index, int contentIndex)
        {
            string type = StreamAssembler.ReadString(part, "type") ?? "";
            void Header(Utf8JsonWriter w)
            {
                w.WriteString("item_id", itemId);
                w.WriteNumber("output_index", index);
                w.WriteNumber("content_index", contentIndex);
            }

            Add("response.content_part.added", w =>
            {
                Header(w);
                w.WritePropertyName("part");
                WriteEmptyPart(w, part, type);
            });
            if (type == "output_text")
            {
                string text = StreamAssembler.ReadString(part, "text") ?? "";
                foreach (string piece in TextPieces.Split(text))
                {
                    Add("response.output_text.delta", w => { Header(w); w.WriteString("delta", piece); EmptyLogprobs(w); });
                }

                Add("response.output_text.done", w => { Header(w); w.WriteString("text", text); EmptyLogprobs(w); });
            }
            else if (type == "refusal")
            {
                string refusal = StreamAssembler.ReadString(part, "refusal") ?? "";
                foreach (string piece in TextPieces.Split(refusal))
                {
                    Add("response.refusal.delta", w => { Header(w); w.WriteString("delta", piece); });
                }

                Add("response.refusal.done", w => { Header(w); w.WriteString("refusal", refusal); });
            }

            Add("response.content_part.done", w =>
            {
                Header(w);
                w.WritePropertyName("part");
                part.WriteTo(w);
            });
        }

        /// <summary>A text or refusal part as first announced (text empty, no annotations yet); any other part as it is.</summary>
        private static void WriteEmptyPart(Utf8JsonWriter w, JsonElement part, string type)
        {
            if (type is not ("output_text" or "refusal"))
            {
                part.WriteTo(w);
                return;
            }

            w.WriteStartObject();
            foreach (var member in part.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "text" or "refusal":
                        w.WriteString(member.Name, "");
                        break;
                    case "annotations" or "logprobs":
                        w.WriteStartArray(member.Name);
                        w.WriteEndArray();
                        break;
                    default:
                        member.WriteTo(w);
                        break;
                }
            }

            w.WriteEndObject();
        }

        private void AddArguments(JsonElement item, string itemId, int index)
        {
            string arguments = StreamAssembler.ReadString(item, "arguments") ?? "";
            foreach (string piece in TextPieces.Split(arguments))
            {
                Add("response.function_call_arguments.delta", w =>
                {
                    w.WriteString("item_id", itemId);
                    w.WriteNumber("output_index", index);
                    w.WriteString("delta", piece);
                });
            }

            Add("response.function_call_arguments.done", w =>
            {
                w.WriteString("item_id", itemId);
                w.WriteNumber("output_index", index);
                if (StreamAssembler.ReadString(item, "name") is { } name)
                {
                    w.WriteString("name", name);
                }

                w.WriteString("arguments", arguments);
            });
        }

        private void AddSummaryPart(JsonElement part, string itemId, int index, int summaryIndex)
        {
            string text = StreamAssembler.ReadString(part, "text") ?? "";
            void Header(Utf8JsonWriter w)
            {
                w.WriteString("item_id", itemId);
                w.WriteNumber("output_index", index);
                w.WriteNumber("summary_index", summaryIndex);
            }

            Add("response.reasoning_summary_part.added", w =>
            {
                Header(w);
                w.WriteStartObject("part");
                w.WriteString("type", StreamAssembler.ReadString(part, "type") ?? "summary_text");
                w.WriteString("text", "");
                w.WriteEndObject();
            });
            foreach (string piece in TextPieces.Split(text))
            {
                Add("response.reasoning_summary_text.delta", w => { Header(w); w.WriteString("delta", piece); });
            }

            Add("response.reasoning_summary_text.done", w => { Header(w); w.WriteString("text", text); });
            Add("response.reasoning_summary_part.done", w =>
            {
                Header(w);
                w.WritePropertyName("part");
                part.WriteTo(w);
            });
        }

        private static void EmptyLogprobs(Utf8JsonWriter w)
        {
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
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
}
