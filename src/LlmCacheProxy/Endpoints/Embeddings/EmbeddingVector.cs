using System.Buffers.Binary;
using System.Text.Json;

namespace LlmCacheProxy.Endpoints.Embeddings;

/// <summary>
/// An embedding as the proxy keeps it: float32 values, little-endian, four bytes each, the layout OpenAI's base64
/// encoding carries. Read from either of upstream's encodings (a JSON number array is read as float32, which is exact
/// for numbers that came from float32), written as base64 or as JSON numbers in the shortest form that reads back to
/// the same float32 (equal at float32 precision, not the upstream's digits byte for byte).
/// </summary>
internal static class EmbeddingVector
{
    /// <summary>The float32 bytes of an <c>embedding</c> value: a base64 string or an array of numbers; null otherwise.</summary>
    public static byte[]? TryRead(JsonElement embedding)
    {
        if (embedding.ValueKind == JsonValueKind.String)
        {
            return embedding.TryGetBytesFromBase64(out var bytes) && bytes.Length % sizeof(float) == 0 ? bytes : null;
        }

        if (embedding.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var values = new byte[embedding.GetArrayLength() * sizeof(float)];
        int at = 0;
        foreach (var value in embedding.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out float f) || !float.IsFinite(f))
            {
                return null;
            }

            BinaryPrimitives.WriteSingleLittleEndian(values.AsSpan(at), f);
            at += sizeof(float);
        }

        return values;
    }

    /// <summary>Writes the float32 bytes as the array of numbers a <c>"float"</c> client gets.</summary>
    public static void WriteFloats(Utf8JsonWriter writer, ReadOnlySpan<byte> values)
    {
        writer.WriteStartArray();
        for (int at = 0; at + sizeof(float) <= values.Length; at += sizeof(float))
        {
            writer.WriteNumberValue(BinaryPrimitives.ReadSingleLittleEndian(values[at..]));
        }

        writer.WriteEndArray();
    }
}
