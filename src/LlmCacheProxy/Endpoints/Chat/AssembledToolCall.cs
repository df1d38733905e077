using System.Text.Json;
using System.Text;

namespace LlmCacheProxy.Endpoints.Chat;

/// <summary>
/// One tool call merged from its deltas: <c>id</c>, <c>type</c> and the function name are taken when first
/// seen, argument fragments are concatenated in order.
/// </summary>
internal sealed class AssembledToolCall
{
    private readonly StringBuilder _arguments = new();
    private string? _id;
    private string? _type;
    private string? _name;

    public void Apply(JsonElement call)
    {
        if (call.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        _id ??= NonEmpty(StreamAssembler.ReadString(call, "id"));
        _type ??= NonEmpty(StreamAssembler.ReadString(call, "type"));
        if (call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
        {
            _name ??= NonEmpty(StreamAssembler.ReadString(function, "name"));
            _arguments.Append(StreamAssembler.ReadString(function, "arguments"));
        }
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", _id ?? "");
        w.WriteString("type", _type ?? "function");
        w.WriteStartObject("function");
        w.WriteString("name", _name ?? "");
        w.WriteString("arguments", _arguments.ToString());
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
