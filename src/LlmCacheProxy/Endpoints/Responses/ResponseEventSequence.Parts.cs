using System.Text.Json;
using LlmCacheProxy.Endpoints.Chat;

namespace LlmCacheProxy.Endpoints.Responses;

/// <summary>The output items' own events: a message's parts, a function call's arguments, a reasoning item's summary.</summary>
internal sealed partial class ResponseEventSequence
{
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
}
