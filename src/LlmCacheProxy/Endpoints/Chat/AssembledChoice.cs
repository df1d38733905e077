using System.Text.Json;
using System.Text;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Endpoints.Chat;

/// <summary>One choice being assembled from its deltas (see <see cref="StreamAssembler"/>).</summary>
internal sealed class AssembledChoice(int index)
{
    private readonly List<(string Name, StringBuilder Text)> _strings = [];
    private readonly SortedDictionary<int, AssembledToolCall> _toolCalls = [];
    private string? _role;
    private string? _finishReason;

    public void Apply(JsonElement choice)
    {
        if (choice.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        _finishReason = StreamAssembler.ReadString(choice, "finish_reason") ?? _finishReason;
        if (!choice.TryGetProperty("delta", out var delta) || delta.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var field in delta.EnumerateObject())
        {
            if (field.NameEquals("role"))
            {
                _role ??= field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : null;
            }
            else if (field.NameEquals("tool_calls") && field.Value.ValueKind == JsonValueKind.Array)
            {
                int position = 0;
                foreach (var call in field.Value.EnumerateArray())
                {
                    int callIndex = StreamAssembler.ReadIndex(call, position++);
                    if (!_toolCalls.TryGetValue(callIndex, out var state))
                    {
                        _toolCalls[callIndex] = state = new AssembledToolCall();
                    }

                    state.Apply(call);
                }
            }
            else if (field.Value.ValueKind == JsonValueKind.String)
            {
                Text(field.Name).Append(field.Value.GetString());
            }
        }
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("index", index);
        w.WriteStartObject("message");
        w.WriteString("role", _role ?? "assistant");
        WriteText(w, "content");
        WriteText(w, "refusal");
        foreach (var (name, text) in _strings)
        {
            if (name is not "content" and not "refusal")
            {
                w.WriteString(name, text.ToString());
            }
        }

        if (_toolCalls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            foreach (var call in _toolCalls.Values)
            {
                call.Write(w);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteNull("logprobs");
        if (_finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", _finishReason);
        }

        w.WriteEndObject();
    }

    private void WriteText(Utf8JsonWriter w, string name)
    {
        var found = _strings.Find(s => s.Name == name);
        if (found.Text is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, found.Text.ToString());
        }
    }

    private StringBuilder Text(string name)
    {
        foreach (var (existing, text) in _strings)
        {
            if (existing == name)
            {
                return text;
            }
        }

        var added = new StringBuilder();
        _strings.Add((name, added));
        return added;
    }
}
