using System.Text;
using System.Text.Json;

namespace FakeUpstream;

/// <summary>
/// The SSE event sequence of a streamed Responses API answer, as OpenAI sends it: response.created,
/// response.in_progress, then per output item (added, its parts and deltas, done), then response.completed. Each
/// event is <c>event: TYPE</c> + <c>data: {"type":TYPE,"sequence_number":N,...}</c>, N counting from 0.
/// </summary>
internal sealed class ResponsesEvents
{
    private readonly ResponseAnswer _a;
    private readonly List<StreamEvent> _events = [];

    private ResponsesEvents(ResponseAnswer answer) => _a = answer;

    public static IReadOnlyList<StreamEvent> Build(ResponseAnswer answer)
    {
        var e = new ResponsesEvents(answer);
        e.Add("response.created", w => e.Response(w, ResponsesJson.InProgress));
        e.Add("response.in_progress", w => e.Response(w, ResponsesJson.InProgress));
        for (var index = 0; index < answer.Items.Count; index++)
        {
            e.AddItem(answer.Items[index], index);
        }

        e.Add("response.completed", w => e.Response(w, ResponsesJson.Completed));
        return e._events;
    }

    /// <summary>[[stream-error]]: an <c>error</c> event, then <c>response.failed</c>, numbered from <paramref name="sequence"/>.</summary>
    public static byte[] ErrorEvents(ResponseAnswer answer, int sequence)
    {
        var error = Frame("error", sequence, w =>
        {
            w.WriteString("code", "server_error");
            w.WriteString("message", "boom");
            w.WriteNull("param");
        });
        var failed = Frame("response.failed", sequence + 1, w =>
        {
            w.WritePropertyName("response");
            ResponsesJson.WriteResponse(w, answer, ResponsesJson.Failed);
        });
        return [.. error, .. failed];
    }

    private void AddItem(OutputKind kind, int index)
    {
        var id = _a.ItemId(kind);
        void Header(Utf8JsonWriter w)
        {
            w.WriteString("item_id", id);
            w.WriteNumber("output_index", index);
        }

        Add("response.output_item.added", w => Item(w, kind, index, done: false));
        switch (kind)
        {
            case OutputKind.Reasoning:
                AddTextEvents("response.reasoning_summary_part", "response.reasoning_summary_text", _a.ReasoningSummary,
                    w => { Header(w); w.WriteNumber("summary_index", 0); }, ResponsesJson.WriteSummaryPart, logprobs: false);
                break;
            case OutputKind.FunctionCall:
                foreach (var fragment in ChatResponses.ToolArgumentFragments)
                {
                    Add("response.function_call_arguments.delta", w => { Header(w); w.WriteString("delta", fragment); }, isDelta: true);
                }

                Add("response.function_call_arguments.done", w =>
                {
                    Header(w);
                    w.WriteString("name", ChatResponses.ToolName);
                    w.WriteString("arguments", ChatResponses.ToolArguments);
                });
                break;
            default:
                AddTextEvents("response.content_part", "response.output_text", _a.Text,
                    w => { Header(w); w.WriteNumber("content_index", 0); }, ResponsesJson.WriteTextPart, logprobs: true);
                break;
        }

        Add("response.output_item.done", w => Item(w, kind, index, done: true));
    }

    /// <summary>
    /// PART.added (empty part), one TEXT.delta per piece, TEXT.done, PART.done (full part): of a message's text
    /// (content_part / output_text) or of a reasoning summary (reasoning_summary_part / reasoning_summary_text).
    /// </summary>
    private void AddTextEvents(string partType, string textType, string text, Action<Utf8JsonWriter> header,
        Action<Utf8JsonWriter, string> writePart, bool logprobs)
    {
        Add(partType + ".added", w => { header(w); w.WritePropertyName("part"); writePart(w, ""); });
        foreach (var piece in RequestJson.Pieces(text))
        {
            Add(textType + ".delta", w => { header(w); w.WriteString("delta", piece); Logprobs(w, logprobs); }, isDelta: true);
        }

        Add(textType + ".done", w => { header(w); w.WriteString("text", text); Logprobs(w, logprobs); });
        Add(partType + ".done", w => { header(w); w.WritePropertyName("part"); writePart(w, text); });
    }

    private static void Logprobs(Utf8JsonWriter w, bool write)
    {
        if (write)
        {
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
        }
    }

    private void Response(Utf8JsonWriter w, string status)
    {
        w.WritePropertyName("response");
        ResponsesJson.WriteResponse(w, _a, status);
    }

    private void Item(Utf8JsonWriter w, OutputKind kind, int index, bool done)
    {
        w.WriteNumber("output_index", index);
        w.WritePropertyName("item");
        ResponsesJson.WriteItem(w, _a, kind, done);
    }

    private void Add(string type, Action<Utf8JsonWriter> fields, bool isDelta = false) =>
        _events.Add(new StreamEvent(Frame(type, _events.Count, fields), isDelta));

    private static byte[] Frame(string type, int sequence, Action<Utf8JsonWriter> fields)
    {
        var json = JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteNumber("sequence_number", sequence);
            fields(w);
            w.WriteEndObject();
        });
        return [.. Encoding.UTF8.GetBytes("event: " + type + "\ndata: "), .. json, .. "\n\n"u8];
    }
}
