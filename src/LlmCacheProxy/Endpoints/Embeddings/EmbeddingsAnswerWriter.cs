using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Endpoints.Embeddings;

/// <summary>
/// The client's answer merged from the items' entries, in OpenAI's shape and the client's order:
/// <code>{"object":"list","data":[{"object":"embedding","index":i,"embedding":[floats] | "base64"},...],"model":"...",
///  "usage":{"prompt_tokens":n,"total_tokens":n}}</code>
/// <c>index</c> is the item's place in the client's input; a repeated item gets its vector at each place. The tokens are
/// those of the whole request, each item's count once per place. The model is the one upstream named for the first item.
/// </summary>
internal static class EmbeddingsAnswerWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, IReadOnlyList<CacheEntry> units, IReadOnlyList<int> positions, bool base64)
    {
        var vectors = new byte[units.Count][];
        string model = "";
        for (int u = 0; u < units.Count; u++)
        {
            EmbeddingItemBody.TryRead(units[u].Response.Body, out string named, out vectors[u]);
            model = u == 0 ? named : model;
        }

        var buffer = new ArrayBufferWriter<byte>(64 + vectors.Sum(v => v.Length) * (base64 ? 2 : 4));
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            long tokens = 0;
            for (int i = 0; i < positions.Count; i++)
            {
                int unit = positions[i];
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                w.WritePropertyName("embedding");
                if (base64)
                {
                    w.WriteBase64StringValue(vectors[unit]);
                }
                else
                {
                    EmbeddingVector.WriteFloats(w, vectors[unit]);
                }

                w.WriteEndObject();
                tokens += units[unit].Tokens.Input;
            }

            w.WriteEndArray();
            w.WriteString("model", model);
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", tokens);
            w.WriteNumber("total_tokens", tokens);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
