using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FakeUpstream;

/// <summary>Error bodies, /v1/models, /v1/embeddings and /__calls JSON.</summary>
internal static class ApiResponses
{
    public static readonly string[] ModelIds = ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small"];

    private const int DefaultEmbeddingDimensions = 8;

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

    public static byte[] Calls(int chat, int total) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("chat", chat);
        w.WriteNumber("total", total);
        w.WriteEndObject();
    });

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

    /// <summary>
    /// Deterministic embeddings: one vector per input (string, array of strings, or token arrays),
    /// values derived from SHA-256 of the input's JSON text. Null when the body is not a JSON object.
    /// </summary>
    public static byte[]? Embeddings(byte[] body)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString() ?? "text-embedding-fake"
                : "text-embedding-fake";
            var dims = root.TryGetProperty("dimensions", out var d) && d.TryGetInt32(out var dv) && dv is > 0 and <= 4096
                ? dv
                : DefaultEmbeddingDimensions;

            var inputs = new List<string>();
            if (root.TryGetProperty("input", out var input))
            {
                var isTokenArray = input.ValueKind == JsonValueKind.Array
                    && input.GetArrayLength() > 0
                    && input[0].ValueKind == JsonValueKind.Number;
                if (input.ValueKind == JsonValueKind.Array && !isTokenArray)
                {
                    inputs.AddRange(input.EnumerateArray().Select(e => e.GetRawText()));
                }
                else
                {
                    inputs.Add(input.GetRawText());
                }
            }

            var tokens = inputs.Sum(i => Math.Max(1, ChatBehavior.CountWords(i)));
            return JsonBytes.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("object", "list");
                w.WriteStartArray("data");
                for (var i = 0; i < inputs.Count; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("object", "embedding");
                    w.WriteNumber("index", i);
                    w.WriteStartArray("embedding");
                    foreach (var v in Vector(inputs[i], dims))
                    {
                        w.WriteNumberValue(v);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteString("model", model);
                w.WriteStartObject("usage");
                w.WriteNumber("prompt_tokens", tokens);
                w.WriteNumber("total_tokens", tokens);
                w.WriteEndObject();
                w.WriteEndObject();
            });
        }
    }

    private static IEnumerable<double> Vector(string input, int dims)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        for (var i = 0; i < dims; i++)
        {
            // Map one hash byte to [-1, 1] with 4 decimals so the JSON stays short and stable.
            yield return Math.Round((hash[i % hash.Length] / 127.5) - 1.0, 4);
        }
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
