using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlmCacheProxy.Endpoints.Embeddings;

/// <summary>
/// The stored answer of one embeddings input item (the entry's JSON body), format:
/// <code>{"object":"embedding","model":"&lt;model upstream named&gt;","embedding":"&lt;base64 of float32 little-endian&gt;"}</code>
/// The vector is kept once, as float32, whatever encoding the client asked; the model is the one upstream's answer named
/// (a dated snapshot, say), which the merged answer repeats.
/// </summary>
internal static class EmbeddingItemBody
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(string model, ReadOnlySpan<byte> vector)
    {
        var buffer = new ArrayBufferWriter<byte>(vector.Length * 4 / 3 + 96);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("object", "embedding");
            w.WriteString("model", model);
            w.WriteBase64String("embedding", vector);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The model and the float32 bytes of a stored item; false when the body is not one.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> body, out string model, out byte[] vector)
    {
        model = "";
        vector = [];
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("embedding", out var embedding) ||
                embedding.ValueKind != JsonValueKind.String || !embedding.TryGetBytesFromBase64(out var bytes))
            {
                return false;
            }

            model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
            vector = bytes;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
