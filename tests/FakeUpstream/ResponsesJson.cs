using System.Text.Json;

namespace FakeUpstream;

/// <summary>The Responses API objects in OpenAI's shapes: the response, its output items, their parts, usage.</summary>
internal static class ResponsesJson
{
    public const string Completed = "completed";
    public const string InProgress = "in_progress";
    public const string Queued = "queued";
    public const string Failed = "failed";

    /// <summary>The JSON answer: the response object alone.</summary>
    public static byte[] Body(ResponseAnswer a, string status) => JsonBytes.Write(w => WriteResponse(w, a, status));

    /// <summary>
    /// {"id","object":"response","created_at","status","background","error","incomplete_details","instructions",
    /// "max_output_tokens","model","output":[items],"parallel_tool_calls","previous_response_id","reasoning","store",
    /// "temperature","text","tool_choice","tools","top_p","truncation","usage","user","metadata"}; output and usage
    /// are filled only when completed, error only when failed.
    /// </summary>
    public static void WriteResponse(Utf8JsonWriter w, ResponseAnswer a, string status)
    {
        var b = a.Behavior;
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("object", "response");
        w.WriteNumber("created_at", a.CreatedAt);
        w.WriteString("status", status);
        w.WriteBoolean("background", b.Background);
        if (status == Failed)
        {
            w.WriteStartObject("error");
            w.WriteString("code", "server_error");
            w.WriteString("message", "boom");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("error");
        }

        w.WriteNull("incomplete_details");
        WriteStringOrNull(w, "instructions", b.Instructions);
        w.WriteNull("max_output_tokens");
        w.WriteString("model", b.Model);
        w.WriteStartArray("output");
        if (status == Completed)
        {
            foreach (var kind in a.Items)
            {
                WriteItem(w, a, kind, done: true);
            }
        }

        w.WriteEndArray();
        w.WriteBoolean("parallel_tool_calls", true);
        WriteStringOrNull(w, "previous_response_id", b.PreviousResponseId);
        w.WriteStartObject("reasoning");
        w.WriteNull("effort");
        w.WriteNull("summary");
        w.WriteEndObject();
        w.WriteBoolean("store", b.Store);
        w.WriteNumber("temperature", 1.0);
        w.WriteStartObject("text");
        w.WriteStartObject("format");
        w.WriteString("type", "text");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("tool_choice", "auto");
        w.WriteStartArray("tools");
        w.WriteEndArray();
        w.WriteNumber("top_p", 1.0);
        w.WriteString("truncation", "disabled");
        if (status == Completed)
        {
            WriteUsage(w, a);
        }
        else
        {
            w.WriteNull("usage");
        }

        w.WriteNull("user");
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>An output item; not <paramref name="done"/>: as first announced (in progress, no text yet).</summary>
    public static void WriteItem(Utf8JsonWriter w, ResponseAnswer a, OutputKind kind, bool done)
    {
        w.WriteStartObject();
        switch (kind)
        {
            case OutputKind.Reasoning:
                w.WriteString("id", a.ReasoningId);
                w.WriteString("type", "reasoning");
                w.WriteStartArray("summary");
                if (done)
                {
                    WriteSummaryPart(w, a.ReasoningSummary);
                }

                w.WriteEndArray();
                break;
            case OutputKind.FunctionCall:
                w.WriteString("id", a.FunctionCallId);
                w.WriteString("type", "function_call");
                w.WriteString("status", done ? Completed : InProgress);
                w.WriteString("arguments", done ? ChatResponses.ToolArguments : "");
                w.WriteString("call_id", ChatResponses.ToolCallId);
                w.WriteString("name", ChatResponses.ToolName);
                break;
            default:
                w.WriteString("id", a.MessageId);
                w.WriteString("type", "message");
                w.WriteString("status", done ? Completed : InProgress);
                w.WriteString("role", "assistant");
                w.WriteStartArray("content");
                if (done)
                {
                    WriteTextPart(w, a.Text);
                }

                w.WriteEndArray();
                break;
        }

        w.WriteEndObject();
    }

    /// <summary>{"type":"output_text","text","annotations":[],"logprobs":[]}.</summary>
    public static void WriteTextPart(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "output_text");
        w.WriteString("text", text);
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteStartArray("logprobs");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>{"type":"summary_text","text"}.</summary>
    public static void WriteSummaryPart(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "summary_text");
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    /// <summary>{"input_tokens","input_tokens_details":{"cached_tokens"},"output_tokens",
    /// "output_tokens_details":{"reasoning_tokens"},"total_tokens"[,"cost"]}.</summary>
    private static void WriteUsage(Utf8JsonWriter w, ResponseAnswer a)
    {
        var input = a.Behavior.InputTokens;
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", input);
        w.WriteStartObject("input_tokens_details");
        w.WriteNumber("cached_tokens", a.CachedTokens);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", a.OutputTokens);
        w.WriteStartObject("output_tokens_details");
        w.WriteNumber("reasoning_tokens", a.ReasoningTokens);
        w.WriteEndObject();
        w.WriteNumber("total_tokens", input + a.OutputTokens);
        if (a.Behavior.Directives.Cost is { } cost)
        {
            w.WriteNumber("cost", cost);
        }

        w.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
