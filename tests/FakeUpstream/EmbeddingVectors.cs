using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FakeUpstream;

/// <summary>
/// The fake's embedding of one input item: the same item and dimensions always give the same vector, and other items
/// give other vectors, so a cache that merges a partial batch in the wrong order is caught.
/// </summary>
internal static class EmbeddingVectors
{
    /// <summary>
    /// Format: value j comes from byte j % 32 of SHA-256(UTF-8 of seed + "\n" + dimensions + "\n" + j / 32), mapped
    /// to (byte - 128) / 128. Such values are exact in float32 and short in JSON, so the float and base64 answers of
    /// the same item carry the same numbers.
    /// </summary>
    public static float[] Vector(string seed, int dimensions)
    {
        var vector = new float[dimensions];
        byte[] hash = [];
        for (var j = 0; j < dimensions; j++)
        {
            if (j % 32 == 0)
            {
                var block = (j / 32).ToString(CultureInfo.InvariantCulture);
                var dims = dimensions.ToString(CultureInfo.InvariantCulture);
                hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\n" + dims + "\n" + block));
            }

            vector[j] = (hash[j % 32] - 128) / 128f;
        }

        return vector;
    }

    /// <summary>What OpenAI sends for <c>encoding_format: "base64"</c>: base64 of the floats as little-endian float32.</summary>
    public static string Base64(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
