using Microsoft.AspNetCore.Http;

namespace FakeUpstream;

/// <summary>
/// Answers POST /v1/embeddings: one deterministic vector per input item (see <see cref="EmbeddingVectors"/>), as
/// floats or as base64; [[status=N]] and [[delay=MS]] in any string item apply.
/// </summary>
internal static class EmbeddingsHandler
{
    public static async Task HandleAsync(HttpContext ctx, byte[] body, CallCounters counters, TimeSpan baseDelay)
    {
        var request = EmbeddingsRequest.TryParse(body, out var error, out var param);
        if (request is null)
        {
            await FakeHttp.BadRequestAsync(ctx, error ?? "Invalid request body.", param);
            return;
        }

        counters.AddEmbeddingInputs(request.Items.Count);
        await FakeHttp.DelayAsync(baseDelay, request.Directives, ctx.RequestAborted);
        if (await FakeHttp.TryForcedErrorAsync(ctx, request.Directives))
        {
            return;
        }

        await FakeHttp.WriteJsonAsync(ctx, StatusCodes.Status200OK, Answer(request));
    }

    /// <summary>
    /// OpenAI's shape: {"object":"list","data":[{"object":"embedding","index":i,"embedding":[floats] | "base64"}...],
    /// "model":m,"usage":{"prompt_tokens":n,"total_tokens":n}}, data in input order.
    /// </summary>
    private static byte[] Answer(EmbeddingsRequest request) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        for (var i = 0; i < request.Items.Count; i++)
        {
            var vector = EmbeddingVectors.Vector(request.Items[i].Seed, request.Dimensions);
            w.WriteStartObject();
            w.WriteString("object", "embedding");
            w.WriteNumber("index", i);
            if (request.Base64)
            {
                w.WriteString("embedding", EmbeddingVectors.Base64(vector));
            }
            else
            {
                w.WriteStartArray("embedding");
                foreach (var v in vector)
                {
                    w.WriteNumberValue(v);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("model", request.Model);
        var tokens = request.Items.Sum(i => i.Tokens);
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", tokens);
        w.WriteNumber("total_tokens", tokens);
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
