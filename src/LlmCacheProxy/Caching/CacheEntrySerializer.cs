using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Caching;

/// <summary>
/// Entry document format v1 (the same bytes in SQLite and S3; snake_case, UTC ISO 8601 timestamps):
/// <code>
/// {"format":1,"cache_id":"gpt-4o_0123456789abcdef","cache_key":"&lt;64 hex&gt;","namespace":"","route":"/v1/chat/completions",
///  "model":"gpt-4o","provider":"default","request":{canonical request},
///  "request_body":{the client's body, verbatim}          (optional: absent in entries stored before it was kept),
///  "request_timestamp":"...",
///  "response":{"status":200,"content_type":"application/json","body":{upstream JSON, verbatim},
///              "body_lead":"", "body_trail":"\n"          (whitespace around the JSON, only when present)
///              | "body_text":"..."                         (a body that is not JSON)
///              | "events":["{chunk json}", ...]},          (streamed answers: SSE data payloads in order)
///  "response_timestamp":"...","tokens":{"input":1,"output":2,"cached_input":0},
///  "cost":{"input":0.1,"output":0.2,"total":0.3} | null,"cost_estimated":false,"latency_ms":12,"first_byte_ms":3,
///  "expires_at":"..." | null,"tags":[]}
/// </code>
/// <c>cost_estimated</c> (added within format 1, so a document without it reads as false): the tokens, and so the cost,
/// are the proxy's own count because upstream reported none.
/// The metadata form (S3 <c>.metadata.json</c>, admin listings) is the same less <c>request</c> and <c>response</c>.
/// An unknown format version reads as null: a miss, never an error.
/// </summary>
internal static class CacheEntrySerializer
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static byte[] Serialize(CacheEntry entry, bool metadataOnly = false)
    {
        var buffer = new ArrayBufferWriter<byte>(entry.Response.Body.Length + entry.Request.Length + 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, entry, metadataOnly);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, CacheEntry entry, bool metadataOnly)
    {
        writer.WriteStartObject();
        writer.WriteNumber("format", entry.FormatVersion);
        writer.WriteString("cache_id", entry.CacheId);
        writer.WriteString("cache_key", entry.CacheKey);
        writer.WriteString("namespace", entry.Namespace);
        writer.WriteString("route", entry.Route);
        writer.WriteString("model", entry.Model);
        writer.WriteString("provider", entry.Provider);
        if (!metadataOnly)
        {
            writer.WritePropertyName("request");
            writer.WriteRawValue(entry.Request.Span, skipInputValidation: false);
            // The key builder accepted the body, but it was never re-encoded: one it cannot be written raw is left out
            // (the export then rebuilds from the canonical request) rather than failing the whole write.
            if (entry.RequestBody is { } body && IsValidJson(body))
            {
                writer.WritePropertyName("request_body");
                writer.WriteRawValue(body, skipInputValidation: true);
            }
        }

        writer.WriteString("request_timestamp", entry.RequestTimestamp.UtcDateTime);
        if (!metadataOnly)
        {
            WriteResponse(writer, entry.Response);
        }
        else
        {
            writer.WriteNumber("status", entry.Response.Status);
            writer.WriteBoolean("stream", entry.Response.IsStream);
        }

        writer.WriteString("response_timestamp", entry.ResponseTimestamp.UtcDateTime);
        writer.WriteStartObject("tokens");
        writer.WriteNumber("input", entry.Tokens.Input);
        writer.WriteNumber("output", entry.Tokens.Output);
        writer.WriteNumber("cached_input", entry.Tokens.CachedInput);
        writer.WriteEndObject();
        if (entry.Cost is { } cost)
        {
            writer.WriteStartObject("cost");
            writer.WriteNumber("input", cost.Input);
            writer.WriteNumber("output", cost.Output);
            writer.WriteNumber("total", cost.Total);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("cost");
        }

        writer.WriteBoolean("cost_estimated", entry.Tokens.Estimated);
        writer.WriteNumber("latency_ms", entry.LatencyMs);
        writer.WriteNumber("first_byte_ms", entry.FirstByteMs);
        if (entry.ExpiresAt is { } expires)
        {
            writer.WriteString("expires_at", expires.UtcDateTime);
        }
        else
        {
            writer.WriteNull("expires_at");
        }

        writer.WriteStartArray("tags");
        foreach (var tag in entry.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteResponse(Utf8JsonWriter writer, CachedResponse response)
    {
        writer.WriteStartObject("response");
        writer.WriteNumber("status", response.Status);
        writer.WriteString("content_type", response.ContentType);
        if (response.Events is { } events)
        {
            writer.WriteStartArray("events");
            foreach (var e in events)
            {
                writer.WriteStringValue(e);
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteBody(writer, response.Body.Span);
        }

        writer.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter writer, ReadOnlySpan<byte> body)
    {
        int start = 0;
        while (start < body.Length && IsJsonWhitespace(body[start]))
        {
            start++;
        }

        int end = body.Length;
        while (end > start && IsJsonWhitespace(body[end - 1]))
        {
            end--;
        }

        var json = body[start..end];
        if (json.Length > 0 && IsValidJson(json))
        {
            writer.WritePropertyName("body");
            writer.WriteRawValue(json, skipInputValidation: true);
            if (start > 0)
            {
                writer.WriteString("body_lead", Encoding.UTF8.GetString(body[..start]));
            }

            if (end < body.Length)
            {
                writer.WriteString("body_trail", Encoding.UTF8.GetString(body[end..]));
            }
        }
        else
        {
            writer.WriteString("body_text", Encoding.UTF8.GetString(body));
        }
    }

    private static bool IsJsonWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    private static bool IsValidJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read())
            {
                return false; // nothing but white space
            }

            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads an entry; null for an unknown format or a document that is not an entry.</summary>
    public static CacheEntry? Deserialize(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 256 });
            return Read(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
        {
            return null;
        }
    }

    private static CacheEntry? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("format", out var format) || format.GetInt32() != CacheEntry.CurrentFormatVersion)
        {
            return null;
        }

        var response = root.GetProperty("response");
        return new CacheEntry
        {
            CacheId = root.GetProperty("cache_id").GetString()!,
            CacheKey = root.GetProperty("cache_key").GetString()!,
            Namespace = root.GetProperty("namespace").GetString() ?? "",
            Route = root.GetProperty("route").GetString()!,
            Model = root.GetProperty("model").GetString()!,
            Provider = root.GetProperty("provider").GetString() ?? "",
            Request = JsonMarshal.GetRawUtf8Value(root.GetProperty("request")).ToArray(),
            RequestBody = root.TryGetProperty("request_body", out var requestBody) ? JsonMarshal.GetRawUtf8Value(requestBody).ToArray() : null,
            RequestTimestamp = root.GetProperty("request_timestamp").GetDateTimeOffset(),
            Response = ReadResponse(response),
            ResponseTimestamp = root.GetProperty("response_timestamp").GetDateTimeOffset(),
            Tokens = ReadTokens(root.GetProperty("tokens"),
                root.TryGetProperty("cost_estimated", out var estimated) && estimated.ValueKind == JsonValueKind.True),
            Cost = root.TryGetProperty("cost", out var cost) && cost.ValueKind == JsonValueKind.Object
                ? new CostInfo(cost.GetProperty("input").GetDecimal(), cost.GetProperty("output").GetDecimal(), cost.GetProperty("total").GetDecimal())
                : null,
            LatencyMs = root.GetProperty("latency_ms").GetInt64(),
            FirstByteMs = root.TryGetProperty("first_byte_ms", out var fb) ? fb.GetInt64() : 0,
            ExpiresAt = root.TryGetProperty("expires_at", out var exp) && exp.ValueKind == JsonValueKind.String ? exp.GetDateTimeOffset() : null,
            Tags = root.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? tags.EnumerateArray().Select(t => t.GetString() ?? "").ToArray()
                : [],
        };
    }

    private static TokenUsage ReadTokens(JsonElement tokens, bool estimated) => new(
        tokens.GetProperty("input").GetInt64(), tokens.GetProperty("output").GetInt64(), tokens.GetProperty("cached_input").GetInt64(),
        estimated);

    private static CachedResponse ReadResponse(JsonElement response)
    {
        int status = response.GetProperty("status").GetInt32();
        string contentType = response.GetProperty("content_type").GetString() ?? "application/json";
        if (response.TryGetProperty("events", out var events))
        {
            var list = new List<string>(events.GetArrayLength());
            foreach (var e in events.EnumerateArray())
            {
                list.Add(e.GetString()!);
            }

            return new CachedResponse { Status = status, ContentType = contentType, Events = list };
        }

        byte[] body;
        if (response.TryGetProperty("body", out var json))
        {
            var raw = JsonMarshal.GetRawUtf8Value(json);
            var lead = response.TryGetProperty("body_lead", out var l) ? Encoding.UTF8.GetBytes(l.GetString()!) : [];
            var trail = response.TryGetProperty("body_trail", out var t) ? Encoding.UTF8.GetBytes(t.GetString()!) : [];
            body = new byte[lead.Length + raw.Length + trail.Length];
            lead.CopyTo(body, 0);
            raw.CopyTo(body.AsSpan(lead.Length));
            trail.CopyTo(body, lead.Length + raw.Length);
        }
        else
        {
            body = Encoding.UTF8.GetBytes(response.GetProperty("body_text").GetString()!);
        }

        return new CachedResponse { Status = status, ContentType = contentType, Body = body };
    }
}
