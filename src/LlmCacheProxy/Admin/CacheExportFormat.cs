using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Runtime.InteropServices;
using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Export file format 1: JSONL, one live entry a line (UTF-8, no credential anywhere):
/// <code>
/// {"format":1,"key":"&lt;64 hex, as exported&gt;","route":"/v1/chat/completions","namespace":"",
///  "partition":"caller:&lt;32 hex&gt;" | "shared",      the HMAC partition under the exporting installation's secret
///  "request_source":"client" | "canonical",
///  "request_body":{...},                             the client's body, or one rebuilt from the canonical form
///  "entry":{entry document, format 1, without its request_body}}
/// </code>
/// The importer rebuilds the key from <c>request_body</c>, <c>route</c>, the partition and the namespace under the
/// current key version: an entry's canonical request is what the key hashed, so only the client's body survives a key
/// change. Entries stored before the body was kept export a body rebuilt from the canonical form (model, messages,
/// and the params at top level): under the same key version and settings it gives the same key; after a key change
/// it is the best there is, and <c>request_source</c> says so.
/// </summary>
internal static class CacheExportFormat
{
    public const int Version = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(CacheEntry entry)
    {
        using var canonical = JsonDocument.Parse(entry.Request);
        string? scoped = canonical.RootElement.TryGetProperty("partition", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        string suffix = entry.Namespace.Length == 0 ? "" : "|ns:" + entry.Namespace;
        string? partition = scoped is not null && scoped.EndsWith(suffix, StringComparison.Ordinal) ? scoped[..^suffix.Length] : scoped;

        var buffer = new ArrayBufferWriter<byte>(entry.Response.Body.Length + entry.Request.Length * 2 + 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", Version);
            writer.WriteString("key", entry.CacheKey);
            writer.WriteString("route", entry.Route);
            writer.WriteString("namespace", entry.Namespace);
            if (partition is null)
            {
                writer.WriteNull("partition");
            }
            else
            {
                writer.WriteString("partition", partition);
            }

            writer.WriteString("request_source", entry.RequestBody is null ? "canonical" : "client");
            writer.WritePropertyName("request_body");
            if (entry.RequestBody is { } body)
            {
                writer.WriteRawValue(body, skipInputValidation: true);
            }
            else
            {
                WriteBodyFromCanonical(writer, canonical.RootElement);
            }

            writer.WritePropertyName("entry");
            CacheEntrySerializer.Write(writer, entry with { RequestBody = null }, metadataOnly: false);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The record of one line, or null with what is wrong with it (never quoting the line).</summary>
    public static ExportRecord? TryRead(byte[] line, out string error)
    {
        try
        {
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 256 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) ||
                format.ValueKind != JsonValueKind.Number || format.GetInt32() != Version)
            {
                error = $"not an export line of format {Version}";
                return null;
            }

            if (!root.TryGetProperty("entry", out var entryJson) || CacheEntrySerializer.Deserialize(JsonMarshal.GetRawUtf8Value(entryJson).ToArray()) is not { } entry)
            {
                error = "entry is missing or not an entry document of format 1";
                return null;
            }

            if (!root.TryGetProperty("request_body", out var body) || body.ValueKind != JsonValueKind.Object)
            {
                error = "request_body is missing or not a JSON object";
                return null;
            }

            string route = root.TryGetProperty("route", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : entry.Route;
            string ns = root.TryGetProperty("namespace", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : entry.Namespace;
            string? partition = root.TryGetProperty("partition", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            bool client = root.TryGetProperty("request_source", out var source) && source.ValueKind == JsonValueKind.String && source.GetString() == "client";
            error = "";
            return new ExportRecord(route, ns, partition, JsonMarshal.GetRawUtf8Value(body).ToArray(), client, entry);
        }
        catch (JsonException e)
        {
            error = $"not JSON (byte {e.BytePositionInLine})";
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            error = "a field has the wrong type";
            return null;
        }
    }

    /// <summary><c>{"model":...,"messages":[...], ...params}</c> from a canonical request document.</summary>
    private static void WriteBodyFromCanonical(Utf8JsonWriter writer, JsonElement canonical)
    {
        writer.WriteStartObject();
        foreach (var member in canonical.EnumerateObject())
        {
            if (member.NameEquals("model") || member.NameEquals("messages"))
            {
                member.WriteTo(writer);
            }
        }

        if (canonical.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in parameters.EnumerateObject())
            {
                member.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
