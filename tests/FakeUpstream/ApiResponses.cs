using System.Text.Json;

namespace FakeUpstream;

/// <summary>Error bodies and the /v1/models list.</summary>
internal static class ApiResponses
{
    public static readonly string[] ModelIds = ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small"];

    /// <summary>OpenAI error shape: {"error":{"message","type","param","code"}}.</summary>
    public static byte[] Error(string message, string type, string? code = null, string? param = null) =>
        JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type);
            WriteStringOrNull(w, "param", param);
            WriteStringOrNull(w, "code", code);
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>Error type (and code) that OpenAI-compatible APIs use for a status code.</summary>
    public static (string Type, string? Code) ErrorKind(int status) => status switch
    {
        400 or 413 or 422 => ("invalid_request_error", null),
        401 => ("authentication_error", "invalid_api_key"),
        403 => ("permission_error", null),
        404 => ("not_found_error", null),
        409 => ("conflict_error", null),
        429 => ("rate_limit_exceeded", "rate_limit_exceeded"),
        >= 500 => ("server_error", null),
        _ => ("api_error", null),
    };

    public static byte[] Models() => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var id in ModelIds)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("object", "model");
            w.WriteNumber("created", 1700000000);
            w.WriteString("owned_by", "fake-upstream");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

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
